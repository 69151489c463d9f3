"""Rule 5: an offer whose deadline comes first means telling the other hiring manager now."""

from __future__ import annotations

import pytest

from followthrough.tracker.models import Rule

from .conftest import d


@pytest.fixture
def two(search):
    hana = search.person("Hana Sato")
    acme = search.opportunity("Designer", "Acme", stage="interviewing", decision_date="2026-03-25")
    search.involve(acme, hana, "hiring_manager")
    beta = search.opportunity("Analyst", "Beta", stage="interviewing")
    search.move(beta, "offer", "Mar 10", deadline="Mar 20")
    return acme, beta, hana


def test_an_offer_due_before_another_decision_date_says_tell_that_hiring_manager_now(search, two):
    acme, _, hana = two

    (item,) = search.items("Mar 10", Rule.OFFER_TIMING)

    assert (item.due, item.person_id, item.opportunity_id) == (d("Mar 10"), hana.pk, acme.pk)
    assert item.title == "Tell Acme about your offer"
    assert item.reason == (
        "Your offer from Beta needs an answer by Fri 20 Mar 2026, before Acme decides on "
        "Wed 25 Mar 2026; tell Hana Sato now, it may speed things up."
    )


def test_an_opportunity_deciding_before_the_deadline_needs_nothing(search, two):
    acme, _, _ = two
    acme.decision_date = d("Mar 18")
    acme.save()

    assert search.items("Mar 10", Rule.OFFER_TIMING) == []


def test_telling_them_handles_it_and_it_lapses_after_the_deadline(search, two):
    acme, _, hana = two
    assert len(search.items("Mar 20", Rule.OFFER_TIMING)) == 1
    assert search.items("Mar 21", Rule.OFFER_TIMING) == []

    search.log("call", hana, "Mar 11", opportunity=acme)
    assert search.items("Mar 12", Rule.OFFER_TIMING) == []


def test_an_opportunity_of_little_interest_is_not_worth_the_call(search, two):
    acme, _, _ = two
    acme.interest = 2
    acme.save()

    assert search.items("Mar 10", Rule.OFFER_TIMING) == []


def test_an_interview_on_the_offer_day_does_not_tell_the_hiring_manager(search, two):
    acme, _, hana = two
    search.log("interview", hana, "Mar 10", opportunity=acme)
    search.log("meeting", hana, "Mar 11", opportunity=acme)

    assert len(search.items("Mar 12", Rule.OFFER_TIMING)) == 1

    search.log("email", hana, "Mar 12", opportunity=acme)
    assert search.items("Mar 12", Rule.OFFER_TIMING) == []
