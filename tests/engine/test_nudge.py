"""Rule 3: nudge after a quiet week, at most twice, then let go; never argue for more."""

from __future__ import annotations

import pytest

from followthrough.tracker.models import Rule

from .conftest import d


@pytest.fixture
def pia(search):
    """Sam wrote to Pia on Mar 1 and awaits a reply."""
    pia = search.person("Pia Lund")
    search.log("email", pia, "Mar 1", awaiting_reply=True, summary="Could we talk?")
    return pia


def _rules(items):
    return [(i.rule, i.due) for i in items if i.rule in (Rule.NUDGE, Rule.LET_GO)]


def test_a_message_awaiting_reply_sent_mar_1_earns_a_nudge_on_mar_8_not_before(search, pia):
    assert _rules(search.items("Mar 7")) == []
    (item,) = search.items("Mar 8", Rule.NUDGE)

    assert (item.due, item.person_id) == (d("Mar 8"), pia.pk)
    assert item.title == "Nudge Pia Lund"
    assert item.reason == (
        "You wrote to Pia Lund on Sun 1 Mar 2026 and have not heard back in 7 days; "
        "a short, friendly nudge is fair."
    )


def test_each_logged_nudge_restarts_the_wait(search, pia):
    search.log("email", pia, "Mar 8", summary="Gentle nudge")

    assert _rules(search.items("Mar 14")) == []
    (item,) = search.items("Mar 15", Rule.NUDGE)
    assert item.due == d("Mar 15")
    assert item.reason == (
        "No reply from Pia Lund since your nudge on Sun 8 Mar 2026; one last short nudge is fair."
    )


def test_after_the_second_unanswered_nudge_comes_let_go_never_a_third_nudge(search, pia):
    search.log("email", pia, "Mar 8")
    search.log("message", pia, "Mar 15")

    assert _rules(search.items("Mar 21")) == []
    assert _rules(search.items("Mar 22")) == [(Rule.LET_GO, d("Mar 22"))]
    (item,) = search.items("Mar 22", Rule.LET_GO)
    assert item.reason == (
        "Pia Lund has not answered your note of Sun 1 Mar 2026 or 2 nudges; let it go kindly: "
        "send a short thanks, and put the energy elsewhere."
    )
    search.log("email", pia, "Mar 20", summary="Chasing once more")
    for day in ("Mar 23", "Apr 5", "May 1"):
        assert search.items(day, Rule.NUDGE) == []


def test_any_reply_from_that_person_ends_the_chain(search, pia):
    search.log("email", pia, "Mar 8")
    search.log("message", pia, "Mar 10", direction="in", summary="Busy, next month")

    for day in ("Mar 15", "Mar 22", "Apr 10"):
        assert _rules(search.items(day)) == []


def test_talking_on_the_phone_ends_the_chain(search, pia):
    search.log("call", pia, "Mar 4")

    assert _rules(search.items("Mar 8")) == []


def test_a_clear_no_ends_the_chain_at_once_with_let_go(search, pia):
    opp = search.opportunity("Engineer", "Gamma")
    search.log("email", pia, "Mar 3", direction="in", clear_no=True, opportunity=opp)

    assert _rules(search.items("Mar 3")) == [(Rule.LET_GO, d("Mar 3"))]
    (item,) = search.items("Mar 3", Rule.LET_GO)
    assert item.opportunity_id == opp.pk
    assert item.title == "Let Engineer at Gamma go"
    assert item.reason == (
        "Pia Lund said no on Tue 3 Mar 2026; let it go kindly: mark Engineer at Gamma let go, "
        "send a short thanks, and put the energy elsewhere."
    )
    assert search.items("Mar 8", Rule.NUDGE) == []


def test_marking_the_lead_let_go_or_thanking_them_handles_the_let_go(search, pia):
    opp = search.opportunity("Engineer", "Gamma")
    search.log("email", pia, "Mar 3", direction="in", clear_no=True, opportunity=opp)
    search.move(opp, "let_go", "Mar 4")
    assert search.items("Mar 4", Rule.LET_GO) == []

    quinn = search.person("Quinn Hale")
    search.log("call", quinn, "Mar 3", direction="in", clear_no=True)
    assert len(search.items("Mar 4", Rule.LET_GO)) == 1
    search.log("email", quinn, "Mar 5", summary="Thanks all the same")
    assert search.items("Mar 5", Rule.LET_GO) == []


def test_the_number_of_nudges_and_the_wait_are_settings(search, pia):
    search.workspace(max_nudges=1, nudge_after_days=5)
    assert search.items("Mar 6", Rule.NUDGE)[0].due == d("Mar 6")
    search.log("email", pia, "Mar 6")

    assert _rules(search.items("Mar 11")) == [(Rule.LET_GO, d("Mar 11"))]


def test_messages_about_an_opportunity_with_a_decision_date_are_left_to_the_follow_up(search):
    hana = search.person("Hana Sato")
    opp = search.opportunity("Designer", "Acme", decision_date="2026-03-20")
    search.log("email", hana, "Mar 1", opportunity=opp, awaiting_reply=True)

    assert search.items("Mar 8", Rule.NUDGE) == []


def test_a_thank_you_note_is_never_nudged(search):
    ana = search.person("Ana Ruiz")
    search.log("informational", ana, "Mar 2")
    search.log("email", ana, "Mar 2", awaiting_reply=True, summary="Thank you!")

    assert search.items("Mar 9", Rule.NUDGE) == []


def test_after_a_clear_no_only_a_message_sent_is_the_short_thanks(search, pia):
    search.log("email", pia, "Mar 3", direction="in", clear_no=True)
    search.log("meeting", pia, "Mar 4")

    assert len(search.items("Mar 4", Rule.LET_GO)) == 1

    search.log("message", pia, "Mar 5", summary="Thanks all the same")
    assert search.items("Mar 5", Rule.LET_GO) == []
