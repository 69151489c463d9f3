"""Rule 2: one polite follow-up on the decision date, never before, then let go."""

from __future__ import annotations

import pytest

from followthrough.tracker.models import Rule, TaskStatus
from followthrough.tracker.services import tasks

from .conftest import d, frozen


@pytest.fixture
def acme(search):
    """An interview at Acme on Mar 2 with Ana and Ben; Hana is the hiring manager."""
    ana = search.person("Ana Ruiz")
    ben = search.person("Ben Okafor")
    hana = search.person("Hana Sato")
    opp = search.opportunity("Product Designer", "Acme")
    search.involve(opp, hana, "hiring_manager")
    search.log("interview", [ana, ben], "Mar 2", opportunity=opp, decision_date="Mar 12")
    opp.refresh_from_db()
    return opp, ana, ben, hana


def test_nothing_is_due_the_day_before_the_decision_date(search, acme):
    assert search.items("Mar 11", Rule.DECISION_FOLLOW_UP) == []


def test_one_follow_up_to_the_hiring_manager_is_due_on_the_decision_date(search, acme):
    opp, _, _, hana = acme

    (item,) = search.items("Mar 12", Rule.DECISION_FOLLOW_UP)

    assert (item.due, item.person_id, item.opportunity_id) == (d("Mar 12"), hana.pk, opp.pk)
    assert item.title == "Follow up on Product Designer at Acme"
    assert item.reason == (
        "Acme said they would decide by Thu 12 Mar 2026; one short, polite follow-up to Hana Sato "
        "is in order now."
    )


def test_without_a_hiring_manager_the_recruiter_then_referrer_then_interviewer_is_asked(search):
    ana = search.person("Ana Ruiz")
    rex = search.person("Rex Moore")
    opp = search.opportunity("Analyst", "Beta")
    search.log("interview", ana, "Mar 2", opportunity=opp, decision_date="Mar 12")
    assert search.items("Mar 12", Rule.DECISION_FOLLOW_UP)[0].person_id == ana.pk

    search.involve(opp, rex, "referrer")
    assert search.items("Mar 12", Rule.DECISION_FOLLOW_UP)[0].person_id == rex.pk

    rita = search.person("Rita Chen")
    search.involve(opp, rita, "recruiter")
    assert search.items("Mar 12", Rule.DECISION_FOLLOW_UP)[0].person_id == rita.pk


def test_an_outbound_interaction_about_it_on_the_day_handles_it_for_good(search, acme):
    opp, _, _, hana = acme
    assert search.agenda("Mar 12", Rule.DECISION_FOLLOW_UP)

    search.log("email", hana, "Mar 12", opportunity=opp, summary="Checking in")

    assert search.agenda("Mar 12", Rule.DECISION_FOLLOW_UP) == []
    for day in ("Mar 13", "Mar 31", "Apr 20"):
        assert search.items(day, Rule.DECISION_FOLLOW_UP) == []


def test_a_thank_you_before_the_decision_date_is_not_the_follow_up(search, acme):
    opp, ana, _, _ = acme
    search.log("email", ana, "Mar 3", opportunity=opp, summary="Thank you")

    assert len(search.items("Mar 12", Rule.DECISION_FOLLOW_UP)) == 1


def test_after_the_follow_up_and_21_quiet_days_it_suggests_letting_go(search, acme):
    opp, _, _, hana = acme
    search.log("email", hana, "Mar 12", opportunity=opp)

    assert search.items("Apr 1", Rule.LET_GO) == []
    (item,) = search.items("Apr 2", Rule.LET_GO)
    assert (item.due, item.person_id, item.opportunity_id) == (d("Apr 2"), hana.pk, opp.pk)
    assert item.reason == (
        "Nothing heard about Product Designer at Acme in 21 days since your follow-up on "
        "Thu 12 Mar 2026; mark it let go, send a short thanks, and put the energy elsewhere."
    )
    assert search.items("Apr 2", Rule.DECISION_FOLLOW_UP) == []


def test_hearing_back_after_the_follow_up_means_no_let_go(search, acme):
    opp, _, _, hana = acme
    search.log("email", hana, "Mar 12", opportunity=opp)
    search.log("call", hana, "Mar 20", opportunity=opp, direction="in")

    assert search.items("Apr 2", Rule.LET_GO) == []


def test_marking_the_follow_up_done_handles_it_and_starts_the_let_go_clock(search, acme):
    (item,) = search.agenda("Mar 12", Rule.DECISION_FOLLOW_UP)
    task = search.task(f"decision-follow-up:{item.opportunity_id}:2026-03-12")
    with frozen(d("Mar 13")):
        tasks.complete(search.owner, task)

    assert search.agenda("Mar 13", Rule.DECISION_FOLLOW_UP) == []
    assert search.task(task.key).status == TaskStatus.DONE
    assert search.items("Apr 2", Rule.LET_GO) == []
    assert [i.due for i in search.items("Apr 3", Rule.LET_GO)] == [d("Apr 3")]


def test_without_a_decision_date_it_waits_ten_working_days_after_the_interview(search):
    ana = search.person("Ana Ruiz")
    opp = search.opportunity("Analyst", "Beta")
    search.log("interview", ana, "Mar 2", opportunity=opp)

    assert search.items("Mar 13", Rule.DECISION_FOLLOW_UP) == []
    (item,) = search.items("Mar 16", Rule.DECISION_FOLLOW_UP)
    assert item.due == d("Mar 16")
    assert "no decision date was given; after 10 working days" in item.reason


def test_an_opportunity_that_moved_on_needs_no_follow_up(search, acme):
    opp, _, _, _ = acme
    search.move(opp, "rejected", "Mar 10")

    assert search.items("Mar 12", Rule.DECISION_FOLLOW_UP) == []


# The chasing warning -----------------------------------------------------------


def test_following_up_before_the_decision_date_is_logged_with_a_chasing_warning(search, acme):
    opp, _, _, hana = acme

    result = search.log("email", hana, "Mar 5", opportunity=opp, summary="Any news?")

    assert result.interaction.pk is not None
    assert result.warnings == [
        "The decision date for Product Designer at Acme is Thu 12 Mar 2026; "
        "following up before it reads as chasing."
    ]


def test_a_thank_you_within_its_window_is_not_chasing(search, acme):
    opp, ana, _, _ = acme

    assert search.log("email", ana, "Mar 3", opportunity=opp).warnings == []
    assert search.log("email", ana, "Mar 4", opportunity=opp).warnings != []


def test_on_the_decision_date_or_about_something_else_there_is_no_warning(search, acme):
    opp, _, _, hana = acme

    assert search.log("email", hana, "Mar 12", opportunity=opp).warnings == []
    assert search.log("email", hana, "Mar 5").warnings == []
    assert search.log("call", hana, "Mar 5", opportunity=opp, direction="in").warnings == []


def test_another_interview_or_a_meeting_on_the_decision_date_is_not_the_follow_up(search, acme):
    opp, ana, _, hana = acme
    search.log("interview", ana, "Mar 12", opportunity=opp)
    search.log("meeting", hana, "Mar 12", opportunity=opp)

    assert len(search.items("Mar 13", Rule.DECISION_FOLLOW_UP)) == 1

    search.log("call", hana, "Mar 13", opportunity=opp)
    assert search.items("Mar 13", Rule.DECISION_FOLLOW_UP) == []


def test_only_a_message_sent_after_the_let_go_is_due_closes_it(search, acme):
    opp, _, _, hana = acme
    search.log("email", hana, "Mar 12", opportunity=opp)
    search.log("coffee", hana, "Apr 3", opportunity=opp)

    assert len(search.items("Apr 4", Rule.LET_GO)) == 1

    search.log("message", hana, "Apr 4", opportunity=opp, summary="Thanks all the same")
    assert search.items("Apr 4", Rule.LET_GO) == []
