"""Issue 9, points 4-7: the decision date (seed 001).

Seed 001: mark the calendar with the decision date they stated; on that date, and
not before, one polite follow-up; and then do nothing.
"""

from __future__ import annotations

import pytest

from followthrough.tracker.models import Rule

from .conftest import d


@pytest.fixture
def acme(search):
    """Hana interviewed Sam on Mar 2 and said Acme decides by Thu Mar 12."""
    hana = search.person("Hana Sato")
    opp = search.opportunity("Designer", "Acme", stage="applied")
    search.involve(opp, hana, "hiring_manager")
    search.log("interview", hana, "Mar 2", opportunity=opp, decision_date="Mar 12")
    search.log("email", hana, "Mar 2", opportunity=opp, summary="Thank you")
    return hana, opp


def _follow_ups(search, on):
    return [(i.due, i.key) for i in search.items(on, Rule.DECISION_FOLLOW_UP)]


def test_a_new_date_stated_in_an_email_from_them_moves_the_follow_up(search, acme):
    """Seed 001: follow up on the date they stated; a date they state later by email
    is the date now (not only one stated in an interview)."""
    hana, opp = acme
    search.log("email", hana, "Mar 10", direction="in", opportunity=opp,
               summary="We need another week", decision_date="Mar 19")
    opp.refresh_from_db()

    assert opp.decision_date == d("Mar 19")
    assert _follow_ups(search, "Mar 12") == []
    key = f"decision-follow-up:{opp.pk}:2026-03-19"
    assert _follow_ups(search, "Mar 19") == [(d("Mar 19"), key)]


def test_a_date_stated_on_a_call_counts_too(search, acme):
    """Seed 001: whichever way they said when they would decide."""
    hana, opp = acme
    search.log("call", hana, "Mar 11", direction="in", opportunity=opp, decision_date="Mar 17")

    assert [due for due, _ in _follow_ups(search, "Mar 17")] == [d("Mar 17")]


def test_after_a_later_round_states_a_new_date_the_follow_up_is_due_on_it(search, acme):
    """Seed 001: one follow-up per stated date; the thank-yous before it do not use it up."""
    hana, opp = acme
    # The follow-up on Mar 12 was sent; then a second round states Mar 26.
    search.log("email", hana, "Mar 12", opportunity=opp, summary="Any news?")
    assert _follow_ups(search, "Mar 12") == []
    search.log("interview", hana, "Mar 16", opportunity=opp, decision_date="Mar 26")
    search.log("email", hana, "Mar 16", opportunity=opp, summary="Thank you again")

    assert _follow_ups(search, "Mar 25") == []
    assert [due for due, _ in _follow_ups(search, "Mar 26")] == [d("Mar 26")]
    assert search.items("Mar 26", Rule.LET_GO) == []


def test_a_date_on_a_weekend_is_followed_up_the_next_working_day(search):
    """Seed 001: the polite follow-up goes to a person at work: a Saturday's date
    is followed up on the Monday."""
    hana = search.person("Hana Sato")
    opp = search.opportunity("Designer", "Acme", stage="applied")
    search.log("interview", hana, "Mar 2", opportunity=opp, decision_date="Mar 14")  # Sat

    assert _follow_ups(search, "Mar 14") == []
    (item,) = search.items("Mar 16", Rule.DECISION_FOLLOW_UP)
    assert item.due == d("Mar 16")
    assert "decide by Sat 14 Mar 2026 (a weekend day, so the next working day)" in (
        item.reason
    )


def test_after_the_one_follow_up_another_message_warns_as_chasing(search, acme):
    """Seed 001: on that date a polite follow-up, "and then do nothing"."""
    hana, opp = acme
    early = search.log("email", hana, "Mar 9", opportunity=opp, summary="Any news?")
    assert early.warnings == [
        "The decision date for Designer at Acme is Thu 12 Mar 2026; following up before it reads "
        "as chasing."
    ]
    search.log("email", hana, "Mar 12", opportunity=opp, summary="Following up")

    again = search.log("call", hana, "Mar 20", opportunity=opp, summary="Called again")

    assert again.warnings == [
        "You followed up on Designer at Acme on Thu 12 Mar 2026; one follow-up is enough, and "
        "another message reads as chasing. Wait to hear; on Thu 2 Apr 2026 it is time to let "
        "it go."
    ]
    # Once they answer, or once it is time to let go, a message is no longer chasing.
    assert search.log("email", hana, "Apr 2", opportunity=opp).warnings == []
