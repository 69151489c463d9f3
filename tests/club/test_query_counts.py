"""The leader's list pages take as many queries for a class of twenty as for a class of
six (no query per member), and the batched weekly numbers are the per-member ones."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followthrough.club.services import classroom, weeks
from followthrough.tracker.models import Direction, Interaction, Kind, Person
from followthrough.tracker.services.etiquette import week_summary
from followthrough.tracker.services.opportunities import OpportunityInput, add_opportunity, move
from followthrough.tracker.services.owners import today_for

from .scenario import ClassOfTwenty

pytestmark = pytest.mark.django_db

WEDNESDAY = dt.datetime(2026, 3, 11, 15, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def wednesday():
    with time_machine.travel(WEDNESDAY, tick=False):
        yield


def build(size: int) -> ClassOfTwenty:
    today = today_for(get_user_model()(username="probe"))
    built = ClassOfTwenty(today, size=size, domain=f"class-of-{size}.example")
    built.land(built.members[0].display_name, today)
    return built


def queries(client, built, url: str) -> list[str]:
    client.force_login(built.lena)
    client.get(url)  # warm up: the leader's workspace, the agenda's sync
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("page", ["dashboard", "summary", "today"])
def test_the_leaders_pages_take_the_same_queries_for_six_members_as_for_twenty(
    client, page
):
    counts = {}
    for size in (6, 20):
        built = build(size)
        url = "/" if page == "today" else f"/club/{built.group.pk}/{page}/"
        counts[size] = len(queries(client, built, url))
    assert counts[6] == counts[20], counts
    assert counts[20] <= 25, counts  # 14, 13 and 20 on SQLite when written


def test_the_batched_weekly_numbers_are_the_per_member_ones():
    built = build(20)
    today = built.today
    rich = built.members[1].member
    _a_busy_week(rich, today)
    members = [m.member for m in built.members]

    batched = weeks.weeks_of(members, today)

    for user in members:
        one = week_summary(user, today, today)
        mine = batched[user.pk]
        assert (mine.start, mine.end) == (one.start, one.end)
        assert (mine.outreach, mine.applications, mine.interviews, mine.new_contacts,
                mine.streak) == (
            one.outreach, one.applications, one.interviews + one.informational_interviews,
            one.new_contacts, one.streak,
        ), user.email
    assert batched[rich.pk].interviews == 2 and batched[rich.pk].applications == 1
    assert batched[rich.pk].streak >= 3 and batched[rich.pk].new_contacts >= 2


def test_one_members_week_is_the_batched_one():
    built = build(6)
    member = built.members[1].member
    _a_busy_week(member, built.today)

    assert weeks.week_of(member, built.today) == weeks.weeks_of([member], built.today)[member.pk]


def test_the_class_summary_adds_up_what_is_shared(client):
    built = build(6)
    summary = classroom.summary(built.lena, built.group, built.today)
    shared = [r.view.week for r in classroom.rows(built.lena, built.group, built.today)
              if r.view.week is not None]

    assert summary.sharing == len(shared) == 4
    assert summary.outreach == sum(
        week_summary(r.member, built.today, built.today).outreach
        for r in built.members if r.consents.filter(audience="leader", topic="week").exists()
    )


def _a_busy_week(user, today: dt.date) -> None:
    """Outreach three days running (a note and an inbound that do not count), an interview,
    an informational interview, an application, two people met this week, one in the
    future (not counted yet)."""
    monday = today - dt.timedelta(days=today.weekday())
    ana = Person.objects.create(owner=user, name="Ana", met_on=monday)
    bo = Person.objects.create(owner=user, name="Bo")
    for days_ago, kind, direction in [
        (0, Kind.EMAIL, Direction.OUTBOUND), (1, Kind.CALL, Direction.OUTBOUND),
        (2, Kind.MESSAGE, Direction.OUTBOUND), (0, Kind.NOTE, Direction.OUTBOUND),
        (1, Kind.EMAIL, Direction.INBOUND), (1, Kind.INTERVIEW, Direction.OUTBOUND),
        (0, Kind.INFORMATIONAL, Direction.OUTBOUND), (-2, Kind.EMAIL, Direction.OUTBOUND),
        (9, Kind.INTERVIEW, Direction.OUTBOUND),
    ]:
        chat = Interaction.objects.create(
            owner=user, kind=kind, direction=direction,
            occurred_on=today - dt.timedelta(days=days_ago), summary="x",
        )
        chat.people.add(ana if days_ago % 2 else bo)
    opp = add_opportunity(user, OpportunityInput(role="Analyst", organization="Acme"), monday)
    move(user, opp, "applied", on=today)
