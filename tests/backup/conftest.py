"""A workspace with something of everything a backup must carry, and helpers to compare backups."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
import time_machine
from django.contrib.auth import get_user_model

from followthrough.backup.export_json import write_json
from followthrough.backup.registry import sections
from followthrough.tracker.models import Interaction, Person, Task
from followthrough.tracker.services import opportunities as opps
from followthrough.tracker.services import tasks
from followthrough.tracker.services.interactions import LogInput, log_interaction
from followthrough.tracker.services.owners import workspace_for
from followthrough.tracker.services.people import PersonInput, add_person

TODAY = dt.date(2026, 3, 2)
NOW = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def build_workspace(owner) -> dict:
    """Sam's search: people (one introduced by a later one), an opportunity with its
    history and people, interviews with several people, tasks in every state."""
    workspace = workspace_for(owner)
    workspace.time_zone = "Europe/Paris"
    workspace.nudge_after_days = 5
    workspace.mode = "landed"
    workspace.landed_on = dt.date(2026, 2, 27)
    workspace.save()

    ada = add_person(owner, PersonInput(
        "Ada Lovelace", emails=["ada@example.com", "ada@work.example"], phones=["+1 555 0100"],
        linkedin_url="https://www.linkedin.com/in/ada", organization="Analytical Engines",
        title="Hiring manager", situation="hiring_manager", birthday="--12-10",
        tags=["mentor", "alumni"], notes="Likes puzzles.\nSecond line, with “quotes”.",
        cadence_days=30, met_on="2025-11-03", how_met="Meetup, then coffee",
    ))  # fmt: skip
    bo = add_person(owner, PersonInput(
        "Bo Brännström", emails="bo@example.se", organization="Analytical Engines",
        birthday="1990-04-05", tags=["alumni"],
    ))  # fmt: skip
    cy = add_person(owner, PersonInput("Cy", situation="seeking"))
    # Ada was introduced by Cy, who has a higher id: restore must resolve it after the table.
    Person.objects.filter(pk=ada.pk).update(introduced_by=cy)

    opp = opps.add_opportunity(owner, opps.OpportunityInput(
        "Staff Engineer", "Analytical Engines", source="referral", referred_by=bo, interest=5,
        posting_url="https://jobs.example.com/42", notes="Remote-friendly.",
    ), TODAY - dt.timedelta(days=20))  # fmt: skip
    opps.move(owner, opp, "applied", on=TODAY - dt.timedelta(days=15))
    opps.move(owner, opp, "interviewing", on=TODAY - dt.timedelta(days=5))
    opps.involve(owner, opp, ada, "hiring_manager")
    opps.involve(owner, opp, bo, "referrer")

    interview = log_interaction(owner, LogInput(
        "interview", [ada, bo], on=TODAY - dt.timedelta(days=5), at=dt.time(14, 30),
        opportunity=opp, rapport_note="Ada=We both row.\nBo=Sweden in June.",
        decision_date=TODAY + dt.timedelta(days=4),
        summary="Panel, then a walk.",
    ), TODAY).interaction  # fmt: skip
    log_interaction(owner, LogInput(
        "email", [cy], on=TODAY - dt.timedelta(days=2), awaiting_reply=True, asked=True,
    ), TODAY)  # fmt: skip

    open_task = tasks.add_task(owner, "Send the article", TODAY, today=TODAY, person=ada)
    snoozed = tasks.add_task(owner, "Call Bo back", TODAY, today=TODAY, person=bo)
    tasks.snooze(owner, snoozed, TODAY + dt.timedelta(days=3), today=TODAY)
    done = tasks.add_task(owner, "Update the CV", TODAY, today=TODAY, opportunity=opp.pk)
    tasks.complete(owner, done)
    Task.objects.create(
        owner=owner, rule="thank-you", key=f"thank-you:{interview.pk}:{ada.pk}",
        title="Thank Ada", reason="You met Ada at the interview.", due=TODAY,
        status="dismissed", person=ada, opportunity=opp,
    )  # fmt: skip
    _other_apps(owner, opp, interview)
    return {"ada": ada, "bo": bo, "cy": cy, "opp": opp, "interview": interview, "open": open_task}


def _other_apps(owner, opp, interview) -> None:
    """The owner's rows in the other apps: templates, digest, culture."""
    from followthrough.culture.models import CultureSettings, PreferredProfile, Rating
    from followthrough.digest.models import DigestSettings
    from followthrough.drafts.models import DraftSettings, MessageTemplate

    MessageTemplate.objects.create(
        owner=owner, name="thank-you", subject="Thanks, {{ first_name }}", body="Dear {{ name }},"
    )
    DraftSettings.objects.create(owner=owner, sign_as="Sam")
    DigestSettings.objects.create(owner=owner, enabled=True, hour=6, address="sam@example.com")
    CultureSettings.objects.create(owner=owner, threshold=15)
    PreferredProfile.objects.create(owner=owner, points={"leadership": {"clan": 40, "market": 60}})
    Rating.objects.create(
        owner=owner, organization=opp.organization, interaction=interview, rated_on=TODAY,
        source="The panel", points={"leadership": {"clan": 70, "hierarchy": 30}},
        evidence={"leadership": "Warm."},
    )  # fmt: skip


@pytest.fixture
def sam_data(owner):
    return build_workspace(owner)


@pytest.fixture
def fresh(db):
    """Fay, a new owner with an empty workspace."""
    user = get_user_model().objects.create_user("fay")
    workspace_for(user)
    return user


def export_text(owner) -> str:
    out = io.StringIO()
    write_json(owner, out, now=NOW)
    return out.getvalue()


def normalised(text: str) -> dict:
    """The backup with each id replaced by the row's place in its section, references too."""
    data = json.loads(text)
    data.pop("exported_at")
    places = {}
    for section in sections():
        if not section.single:
            places[section.name] = {row["id"]: i for i, row in enumerate(data[section.name])}
    for section in sections():
        rows = [data[section.name]] if section.single else data[section.name]
        for row in rows:
            if row is None:
                continue
            if "id" in row:
                row["id"] = places[section.name][row["id"]]
            for column in section.columns:
                if column.ref and row.get(column.name) is not None:
                    row[column.name] = places[column.ref][row[column.name]]
            for many in section.many_columns:
                row[many.name] = [places[many.ref][i] for i in row[many.name]]
    return data


def interaction_count(owner) -> int:
    return Interaction.objects.filter(owner=owner).count()
