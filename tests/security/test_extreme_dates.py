"""Issue 10, point 13: extreme dates.

As an input to a question (``today --on 9999-12-31``, a report from 0001-01-01) a day
outside the app's range is one clear line, as is any day a rule would have to count
past; stored far-off dates (an older version let them in: a task due 9999-12-31, a
decision date of 9999-12-31, an interview on 0001-01-01) never break the calendar
feed, the agenda or the pages.
"""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from followthrough.calendar_feed import services as feed
from followthrough.tracker.models import Interaction, Opportunity, Person, Task
from followthrough.tracker.services.opportunities import OpportunityInput, add_opportunity
from followthrough.tracker.services.owners import local_owner, today_for
from followthrough.tracker.services.people import PersonInput, add_person
from tests.cli_helpers import run

pytestmark = pytest.mark.django_db

FAR = dt.date.max  # 9999-12-31
EARLY = dt.date.min  # 0001-01-01


@pytest.fixture
def local(db):
    owner = local_owner()
    add_person(owner, PersonInput("Ava Stone", organization="Acme"))
    return owner


@pytest.mark.parametrize(
    "args",
    [
        ("today", "--on", "9999-12-31"),
        ("today", "--on", "0001-01-01"),
        ("report", "--since", "0001-01-01"),
        ("report", "--until", "9999-12-31"),
        ("report", "--since", "0001-01-01", "--until", "9999-12-31"),
        ("summary", "--on", "9999-12-31"),
        ("summary", "--on", "0001-01-01"),
    ],
    ids=lambda a: " ".join(a),
)
def test_a_question_about_an_extreme_day_is_one_clear_line(local, args):
    result = run(*args)
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1
    assert "is out of range; give a date from 1900-01-01 to 2199-12-31." in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("today", "--on", "2199-12-31"),
        ("today", "--on", "1900-01-01"),
        ("report", "--since", "1900-01-01", "--until", "2199-12-31"),
        ("summary", "--on", "2199-12-31"),
    ],
    ids=lambda a: " ".join(a),
)
def test_the_ends_of_the_range_work(local, args):
    result = run(*args)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "url",
    [
        "/summary/?on=9999-12-31",
        "/summary/?on=0001-01-01",
        "/reports/?since=0001-01-01",
        "/reports/?until=9999-12-31",
        "/reports/?since=0001-01-01&until=9999-12-31",
    ],
)
def test_a_page_asked_about_an_extreme_day_says_so_not_500(client, local, url):
    response = client.get(url)
    assert response.status_code in (200, 400), response.status_code
    assert "out of range" in response.content.decode()


def stored_far_off(owner):
    ava = Person.objects.get(owner=owner, name="Ava Stone")
    opp = add_opportunity(owner, OpportunityInput("Analyst", "Acme"), today_for(owner))
    Opportunity.objects.filter(pk=opp.pk).update(
        stage="offer", decision_date=FAR, offer_deadline=FAR
    )
    Task.objects.create(owner=owner, title="Far away", due=FAR, rule="manual", key="far")
    Task.objects.create(owner=owner, title="Long ago", due=EARLY, rule="manual", key="early")
    late = Interaction.objects.create(
        owner=owner, kind="interview", occurred_on=FAR, occurred_time=dt.time(23, 30),
        opportunity=opp, decision_date=FAR,
    )  # fmt: skip
    late.people.add(ava)
    early = Interaction.objects.create(
        owner=owner, kind="interview", occurred_on=EARLY, occurred_time=dt.time(0, 15)
    )
    early.people.add(ava)
    Person.objects.filter(pk=ava.pk).update(birthday_month=2, birthday_day=29)
    return opp, late, early


def test_stored_far_off_dates_do_not_break_the_calendar_feed(client, local):
    opp, late, early = stored_far_off(local)
    token = feed.token_for(local).token

    response = client.get(reverse("calendar-feed", args=[token]))

    assert response.status_code == 200
    cal = icalendar.Calendar.from_ical(response.content)
    events = {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    assert events[f"decision-{opp.pk}"].decoded("dtstart") == FAR
    assert events[f"interview-{late.pk}"]
    assert events[f"interview-{early.pk}"]
    for uid in (f"interview-{late.pk}", f"interview-{early.pk}"):
        response = client.get(reverse("interview-ics", args=[int(uid.split("-")[1])]))
        assert response.status_code == 200


def test_stored_far_off_dates_do_not_break_the_agenda_or_the_pages(client, local):
    opp, _late, _early = stored_far_off(local)
    for url in [
        reverse("today"),
        reverse("board"),
        reverse("opportunity-detail", args=[opp.pk]),
        reverse("people"),
        reverse("network"),
        reverse("summary"),
        reverse("reports"),
        reverse("calendar"),
        reverse("reports") + "?since=all",
    ]:
        assert client.get(url).status_code == 200, url
    for args in (("today",), ("opp", "list"), ("report", "--since", "all"), ("summary",)):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
