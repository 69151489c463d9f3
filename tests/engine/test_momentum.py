"""Rule 4: keep several irons in the fire; the daily outreach streak."""

from __future__ import annotations

from followthrough.engine import outreach_streak, streak_for
from followthrough.tracker.models import Rule

from .conftest import d


def _network(search):
    return {
        "hana": search.person("Hana Sato", situation="hiring_manager"),
        "eve": search.person("Eve Marsh", situation="employed"),
        "sid": search.person("Sid Vora", situation="seeking"),
        "rita": search.person("Rita Chen", situation="recruiter"),
        "ed": search.person("Ed Lowe", situation="employed"),
    }


def test_too_few_active_opportunities_make_one_item_naming_people_to_reach(search):
    people = _network(search)
    search.opportunity("Analyst", "Beta", stage="applied")
    search.log("coffee", people["ed"], "Mar 1")

    (item,) = search.items("Mar 4", Rule.MOMENTUM)

    assert item.title == "Keep several irons in the fire"
    assert item.reason == (
        "You have one active opportunity (aim for 3); an informational interview or two "
        "would help: perhaps Hana Sato, Eve Marsh or Rita Chen."
    )
    assert item.person_id is None


def test_with_enough_active_opportunities_there_is_no_momentum_item(search):
    for n in range(3):
        search.opportunity(f"Role {n}", "Beta", stage="applied")
    closed = search.opportunity("Old role", "Beta", stage="rejected")

    assert search.items("Mar 4", Rule.MOMENTUM) == []
    search.move(closed, "rejected", "Mar 4")
    search.workspace(min_active_opportunities=4)
    assert len(search.items("Mar 4", Rule.MOMENTUM)) == 1


def test_the_momentum_item_is_weekly_and_done_means_done_for_that_week(search):
    search.person("Ana Ruiz")
    (first,) = search.agenda("Mar 3", Rule.MOMENTUM)
    (again,) = search.agenda("Mar 6", Rule.MOMENTUM)
    assert again.id == first.id and again.due == d("Mar 3")

    from followthrough.tracker.services import tasks

    tasks.complete(search.owner, search.task("momentum:2026-W10"))
    assert search.agenda("Mar 7", Rule.MOMENTUM) == []
    (next_week,) = search.agenda("Mar 9", Rule.MOMENTUM)
    assert next_week.id != first.id


def test_the_streak_counts_days_in_a_row_with_outreach():
    days = [d("Mar 2"), d("Mar 3"), d("Mar 4"), d("Mar 4")]

    assert outreach_streak(days, d("Mar 4")).days == 3
    assert outreach_streak(days, d("Mar 4"), goal=2).days == 1


def test_today_without_outreach_yet_keeps_yesterdays_streak_standing():
    streak = outreach_streak([d("Mar 2"), d("Mar 3")], d("Mar 4"))

    assert (streak.days, streak.today, streak.met_today) == (2, 0, False)


def test_a_quiet_weekend_does_not_break_the_streak_but_a_quiet_weekday_does():
    # Mar 6 is a Friday, Mar 9 a Monday.
    assert outreach_streak([d("Mar 5"), d("Mar 6"), d("Mar 9")], d("Mar 9")).days == 3
    assert outreach_streak([d("Mar 5"), d("Mar 7"), d("Mar 9")], d("Mar 9")).days == 2


def test_the_streak_for_an_owner_counts_outbound_interactions_only(search):
    ana = search.person("Ana Ruiz")
    search.log("email", ana, "Mar 2")
    search.log("email", ana, "Mar 3", direction="in")
    search.log("note", ana, "Mar 4")
    search.log("message", ana, "Mar 4")

    streak = streak_for(search.owner, d("Mar 4"))
    assert (streak.days, streak.today, streak.met_today) == (1, 1, True)
