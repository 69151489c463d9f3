"""Today's "Coming up" forecasts the rule items of the next two weeks."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followthrough import engine
from followthrough.tracker.models import Rule
from followthrough.tracker.services import tasks

from .conftest import d, frozen


def forecast(search, on: str, *, buddy: bool = False):
    """The forecast on ``on`` (the weekly buddy summary left out unless asked for)."""
    with frozen(d(on)):
        tasks.refresh_agenda(search.owner, d(on))
        items = engine.forecast_for(search.owner, d(on))
    return [i for i in items if buddy or i.rule != Rule.BUDDY_SUMMARY]


@pytest.fixture
def interviewed(search):
    """Sam interviewed with Dana at Acme today, Mar 2; Acme decides on Mar 14."""
    search.workspace(buddy_name="Bea Lund")
    dana = search.person("Dana Park")
    acme = search.opportunity("Designer", "Acme", stage="interviewing")
    search.involve(acme, dana, "hiring_manager")
    search.log("interview", dana, "Mar 2", opportunity=acme, decision_date="Mar 14")
    return dana, acme


def test_an_interview_today_forecasts_the_thank_you_and_the_follow_up(search, interviewed):
    dana, _ = interviewed

    # The day before, both are forecast.
    items = [(i.rule, i.due, i.person_id) for i in forecast(search, "Feb 28")]
    assert items == [(Rule.THANK_YOU, d("Mar 3"), dana.pk)]  # Mar 14 is a Saturday: Mar 16
    # On the day, the thank-you is on Today already (issue 9, point 2), not coming up.
    items = [(i.rule, i.due, i.person_id) for i in forecast(search, "Mar 2", buddy=True)]
    assert items == [
        (Rule.BUDDY_SUMMARY, d("Mar 6"), None),  # the week has an interview to share
        (Rule.DECISION_FOLLOW_UP, d("Mar 16"), dana.pk),
    ]


def test_an_item_handled_by_then_is_not_forecast(search, interviewed):
    dana, _ = interviewed
    search.log("email", dana, "Mar 2", summary="Thank you for today")

    assert [i.rule for i in forecast(search, "Mar 2")] == [Rule.DECISION_FOLLOW_UP]


def test_what_is_due_today_or_beyond_two_weeks_is_not_forecast(search, interviewed):
    assert [i.rule for i in forecast(search, "Mar 3")] == [Rule.DECISION_FOLLOW_UP]
    # On Feb 27 the interview is in the future and the decision date beyond two weeks.
    assert forecast(search, "Feb 27") == []


def test_birthdays_and_the_buddy_summary_are_forecast_on_their_day(search):
    search.workspace(buddy_name="Bea Lund")
    ada = search.person("Ada Byrne", birthday="--03-05")
    search.person("Bo Ek", birthday="--03-20")  # beyond two weeks
    search.log("email", ada, "Mar 2")

    items = [(i.rule, i.due) for i in forecast(search, "Mar 2", buddy=True)]

    assert items == [(Rule.BIRTHDAY, d("Mar 5")), (Rule.BUDDY_SUMMARY, d("Mar 6"))]


def test_a_birthday_covers_the_keep_in_touch_item_in_the_forecast_too(search):
    val = search.person("Valeria Ito", cadence_days=30, birthday="--03-06")
    search.log("coffee", val, "Feb 4")  # keep-in-touch due Mar 6

    (item,) = forecast(search, "Mar 2")

    assert (item.rule, item.due, item.person_id) == (Rule.BIRTHDAY, d("Mar 6"), val.pk)
    assert "every 30 days" in item.reason


def test_a_dismissed_item_is_not_forecast(search, interviewed):
    _, acme = interviewed
    search.agenda("Mar 16")  # the follow-up became a task (``today --on`` ahead), then
    tasks.dismiss(search.owner, search.task(f"decision-follow-up:{acme.pk}:2026-03-16"))

    assert Rule.DECISION_FOLLOW_UP not in [i.rule for i in forecast(search, "Mar 2")]
    assert not tasks.upcoming_tasks(search.owner, d("Mar 2")).filter(
        rule=Rule.DECISION_FOLLOW_UP
    ).exists()


def test_the_forecast_is_cached_until_something_changes(search, interviewed):
    dana, acme = interviewed
    assert len(forecast(search, "Mar 2")) == 1

    with frozen(d("Mar 2")), CaptureQueriesContext(connection) as queries:
        tasks.refresh_agenda(search.owner, d("Mar 2"))
        again = engine.forecast_for(search.owner, d("Mar 2"))
    assert len(again) == 2  # with the buddy summary
    assert len(queries) == 2  # the sync state, the change counter: nothing else

    search.log("call", dana, "Mar 2", direction="in", decision_date="Mar 20", opportunity=acme)
    assert len(forecast(search, "Mar 2")) == 0  # the new date is beyond two weeks


def test_coming_up_on_the_today_page_shows_the_forecast(search, interviewed, owner_client):
    with frozen(d("Mar 2")):
        html = owner_client.get(reverse("today")).content.decode()

    coming_up = html.split('id="upcoming-heading"')[1]
    assert "Nothing in the next two weeks" not in coming_up
    assert "Send Dana Park a thank-you note" not in coming_up  # on Today already
    assert "Send Dana Park a thank-you note" in html.split('id="upcoming-heading"')[0]
    assert "Mon 16 Mar" in coming_up and "Follow up on Designer at Acme" in coming_up
    assert "Send Bea Lund the weekly summary" in coming_up
    assert coming_up.count('class="forecast"') == 2
    assert coming_up.count("· forecast") == 2
    # A forecast item is not a task yet: nothing to mark done, but its draft opens.
    assert "task-done" not in coming_up and "<form" not in coming_up


def test_the_today_pages_query_count_does_not_grow_with_the_forecast(search, owner_client):
    def cost() -> int:
        with frozen(d("Mar 2")):
            owner_client.get(reverse("today"))
            with CaptureQueriesContext(connection) as queries:
                owner_client.get(reverse("today"))
        return len(queries)

    def interviews(n: int, first: int) -> None:
        opp = search.opportunity(f"Role {first}", "Acme", stage="interviewing")
        for k in range(first, first + n):
            search.log("interview", search.person(f"P {k}"), "Mar 2", opportunity=opp)

    interviews(3, 0)
    few = cost()
    interviews(30, 3)
    many = cost()

    assert few == many
