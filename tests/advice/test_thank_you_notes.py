"""Issue 9, points 1-3: thank-you notes (seeds 001 and 003)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from followthrough import engine
from followthrough.tracker.models import Interaction, Person, Rule
from followthrough.tracker.services import tasks
from followthrough.tracker.services.errors import InputError
from tests.cli_helpers import failure, ok

from .conftest import d, frozen


@pytest.fixture
def panel(search, signed):
    """Sam meets Lena and Max at Acme on Monday Mar 2, in one panel interview."""
    lena = search.person("Lena Vogel", emails="lena@acme.example")
    max_ = search.person("Max Brandt", emails="max@acme.example")
    acme = search.opportunity("Designer", "Acme", stage="applied")
    search.log(
        "interview", [lena, max_], "Mar 2", opportunity=acme,
        rapport_notes=["Lena=We both ran the Berlin marathon", "Max=His team ships on Fridays"],
    )
    return lena, max_, acme


# Point 1 ---------------------------------------------------------------------------------


def test_each_interviewers_thank_you_uses_that_persons_rapport_note_only(search, panel):
    """Seed 003 (#3): notes with a personal touch reinforce the rapport built in the
    interview, so each one draws on what was shared with that interviewer."""
    lena, max_, _ = panel

    to_lena = search.draft("Mar 3", Rule.THANK_YOU, lena).body
    to_max = search.draft("Mar 3", Rule.THANK_YOU, max_).body

    assert "our conversation: We both ran the Berlin marathon." in to_lena
    assert "ships on Fridays" not in to_lena
    assert "our conversation: His team ships on Fridays." in to_max
    assert "Berlin" not in to_max


def test_a_bare_note_works_for_one_person_and_is_refused_for_a_panel(search):
    """Seed 003: the rapport is with a person; a note for two would be nobody's."""
    ada = search.person("Ada Byrne")
    bo = search.person("Bo Ek")

    one = search.log("coffee", ada, "Mar 2", rapport_note="rowing on the Thames").interaction
    assert dict(one.rapport_notes.values_list("person_id", "note")) == {
        ada.pk: "rowing on the Thames"
    }
    with pytest.raises(InputError, match="with 2 people, say whose note it is"):
        search.log("interview", [ada, bo], "Mar 3", rapport_note="we both row")
    with pytest.raises(InputError, match="'Cy' is not one of the people logged"):
        search.log("interview", [ada, bo], "Mar 3", rapport_notes=["Cy=sailing"])
    assert Interaction.objects.count() == 1  # nothing half-written


def test_a_panels_notes_read_one_line_per_person_on_the_timelines(search, panel, owner_client):
    """Seed 003: what was shared with each interviewer, shown with their name; the
    joined text ("Lena Vogel: We both ran the Berlin marathon; Max Brandt: ...")
    read as one run-on line."""
    lena, _, acme = panel
    ada = search.person("Ada Byrne")
    search.log("coffee", ada, "Mar 3", rapport_note="rowing on the Thames")
    pages = [
        reverse("person-detail", args=[lena.pk]),
        reverse("opportunity-detail", args=[acme.pk]),
        reverse("search") + "?q=Berlin",
    ]

    for url in pages:
        html = owner_client.get(url).content.decode()
        assert (
            '<p class="rapport">Connected with Lena Vogel on: We both ran the Berlin marathon</p>'
        ) in html, url
        assert '<p class="rapport">Connected with Max Brandt on: His team ships on Fridays</p>' in (
            html
        ), url
        assert "Lena Vogel: We both" not in html, url
    html = owner_client.get(reverse("person-detail", args=[ada.pk])).content.decode()
    assert '<p class="rapport">Connected on: rowing on the Thames</p>' in html


@pytest.mark.django_db
def test_log_rapport_takes_one_note_per_person_on_the_command_line():
    """Seed 003: the personal touch of each note; the CLI takes ``--rapport NAME=NOTE``."""
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), tick=False):
        ok("person", "add", "Lena Vogel")
        ok("person", "add", "Max Brandt")
        ok("log", "interview", "-w", "Lena", "-w", "Max",
           "--rapport", "Lena=We both ran Berlin", "--rapport", "Max=Sourdough")
        error = failure("log", "interview", "-w", "Lena", "-w", "Max", "--rapport", "rowing")
        ok("log", "coffee", "-w", "Lena", "--rapport", "Marathon training")
    assert error.startswith("error: --rapport: with 2 people, say whose note it is")
    panel_id, coffee_id = Interaction.objects.order_by("id").values_list("id", flat=True)
    notes = Interaction.objects.get(pk=panel_id).rapport_notes
    assert dict(notes.values_list("person__name", "note")) == {
        "Lena Vogel": "We both ran Berlin", "Max Brandt": "Sourdough"
    }
    coffee = Interaction.objects.get(pk=coffee_id)
    assert coffee.rapport_note == "Marathon training"
    assert coffee.rapport_notes.get().person == Person.objects.get(name="Lena Vogel")


# Point 2 ---------------------------------------------------------------------------------


def test_the_thank_you_is_on_today_from_the_interviews_own_evening(search, panel):
    """Seed 001: after the interview, write the thank-you notes; nothing says wait a day."""
    lena, max_, _ = panel

    items = search.agenda("Mar 2", Rule.THANK_YOU)

    assert sorted(i.person_id for i in items) == sorted([lena.pk, max_.pk])
    assert {(i.due, i.overdue_days) for i in items} == {(d("Mar 3"), 0)}  # due by Mar 3
    draft = search.draft("Mar 2", Rule.THANK_YOU, lena)
    assert "talk with me on Monday 2 March about the Designer role" in draft.body
    assert "We both ran the Berlin marathon" in draft.body
    # Sent that evening: gone from the agenda the same day.
    search.log("email", lena, "Mar 2", summary="Thank you")
    assert [i.person_id for i in search.agenda("Mar 2", Rule.THANK_YOU)] == [max_.pk]
    # Not overdue on its due day; overdue after.
    assert [i.overdue_days for i in search.agenda("Mar 3", Rule.THANK_YOU)] == [0]
    assert [i.overdue_days for i in search.agenda("Mar 4", Rule.THANK_YOU)] == [1]


def test_the_thank_you_draft_opens_from_the_forecast(search, signed, owner_client):
    """Seed 001: the thank-you after the interview; planned ahead, its draft is ready."""
    lena = search.person("Lena Vogel")
    acme = search.opportunity("Designer", "Acme", stage="applied")
    search.log("interview", lena, "Mar 5", opportunity=acme, rapport_note="Berlin marathon")

    with frozen(d("Mar 2")):
        html = owner_client.get(reverse("today")).content.decode()
        coming_up = html.split('id="upcoming-heading"')[1]
        (item,) = [i for i in engine.forecast_for(search.owner, d("Mar 2"))
                   if i.rule == Rule.THANK_YOU]
        link = reverse("forecast-draft") + f"?key={item.key.replace(':', '%3A')}"
        assert link in coming_up
        page = owner_client.get(link, follow=True)
    body = page.content.decode()
    assert page.status_code == 200
    assert "talk with me on Thursday 5 March" in body and "Berlin marathon" in body
    task = search.task(item.key)
    assert (task.due, task.starts_on) == (d("Mar 6"), d("Mar 5"))
    with frozen(d("Mar 2")):
        assert owner_client.get(reverse("forecast-draft") + "?key=nope").status_code == 404


# Point 3 ---------------------------------------------------------------------------------


@pytest.fixture
def decided(search):
    """Hana interviewed Sam on Mar 2 and said Acme decides by Mar 12 (a Thursday)."""
    hana = search.person("Hana Sato")
    acme = search.opportunity("Designer", "Acme", stage="applied")
    search.involve(acme, hana, "hiring_manager")
    search.log("interview", hana, "Mar 2", opportunity=acme, decision_date="Mar 12")
    return hana, acme


def test_a_late_thank_you_is_not_chasing_and_not_the_follow_up(search, decided):
    """Seed 001: a thank-you after the interview is expected; the one follow-up comes on
    the decision date, "and not before"."""
    hana, acme = decided

    late = search.log("email", hana, "Mar 6", opportunity=acme, summary="Thank you!")

    assert late.warnings == []
    (item,) = search.items("Mar 12", Rule.DECISION_FOLLOW_UP)
    assert item.due == d("Mar 12")


def test_the_note_offer_timing_asked_for_is_not_chasing_nor_the_follow_up(search, decided):
    """Seed 001: with another offer before that date, reach out to the hiring manager;
    that note is not the polite follow-up of the decision date."""
    hana, acme = decided
    search.log("email", hana, "Mar 2", opportunity=acme, summary="Thank you")
    other = search.opportunity("Lead", "Globex", stage="interviewing")
    search.move(other, "offer", "Mar 5", deadline="Mar 9")
    assert [i.rule for i in search.items("Mar 5", Rule.OFFER_TIMING)] == [Rule.OFFER_TIMING]

    told = search.log("email", hana, "Mar 5", opportunity=acme, summary="An offer elsewhere")

    assert told.warnings == []
    assert search.items("Mar 5", Rule.OFFER_TIMING) == []
    (item,) = search.items("Mar 12", Rule.DECISION_FOLLOW_UP)
    assert item.due == d("Mar 12")
    tasks.agenda(search.owner, d("Mar 12"))


def test_rapport_notes_go_into_the_backup_and_come_back(search, panel, outsider):
    """Seed 003: the notes are the seeker's own record: a backup keeps them whole."""
    import io
    import json

    from followthrough.backup.export_json import write_json
    from followthrough.backup.restore import restore
    from followthrough.tracker.models import RapportNote

    out = io.StringIO()
    write_json(search.owner, out)
    data = json.loads(out.getvalue())
    assert sorted(n["note"] for n in data["rapport_notes"]) == [
        "His team ships on Fridays", "We both ran the Berlin marathon"
    ]
    restore(outsider, io.StringIO(out.getvalue()))
    restored = RapportNote.objects.filter(interaction__owner=outsider)
    assert sorted(restored.values_list("person__name", "note")) == [
        ("Lena Vogel", "We both ran the Berlin marathon"),
        ("Max Brandt", "His team ships on Fridays"),
    ]
    # A backup made before notes were per person (no such section) still restores.
    del data["rapport_notes"]
    restore(outsider, io.StringIO(json.dumps(data)), replace=True)
    assert not RapportNote.objects.filter(interaction__owner=outsider).exists()
