"""Issue 9, point 15: research before the interview (seed 001).

Seed 001: once you have an interview, research the company thoroughly.
"""

from __future__ import annotations

from django.urls import reverse

from followthrough import engine
from followthrough.tracker.models import Rule
from followthrough.tracker.services.interactions import LogInput, log_interaction

from .conftest import d, frozen


def _acme(search):
    acme = search.opportunity("Designer", "Acme", stage="applied")
    ana = search.person("Ana Ruiz", organization="Acme")  # someone Sam knows there
    hana = search.person("Hana Sato")
    return acme, ana, hana


def test_an_interview_logged_ahead_makes_a_prepare_item_the_day_before(search, signed):
    acme, ana, hana = _acme(search)
    with frozen(d("Mar 2")):  # written down on Mar 2 for Thursday Mar 5
        log_interaction(
            search.owner,
            LogInput(kind="interview", people=[hana], on=d("Mar 5"), opportunity=acme),
            d("Mar 2"),
        )

    assert search.items("Mar 3", Rule.PREPARE) == []
    (item,) = search.items("Mar 4", Rule.PREPARE)
    assert (item.due, item.person_id, item.opportunity_id) == (d("Mar 4"), ana.pk, acme.pk)
    assert item.title == "Prepare for Designer at Acme"
    assert item.reason == (
        "Your interview for Designer at Acme is on Thu 5 Mar 2026: research Acme and pick the "
        "culture questions to ask; ask Ana Ruiz, whom you know there, what it is like."
    )
    assert [i.rule for i in search.items("Mar 5", Rule.PREPARE)] == [Rule.PREPARE]
    assert search.items("Mar 6", Rule.PREPARE) == []
    # Forecast from the day it was logged, and drafted with the culture questions.
    forecast = [i.rule for i in engine.forecast_for(search.owner, d("Mar 2"))]
    assert Rule.PREPARE in forecast
    search.agenda("Mar 4")
    draft = search.draft("Mar 4", Rule.PREPARE)
    assert draft.template == "prepare" and draft.person_name == "Ana Ruiz"
    assert "I have an interview for the Designer role at Acme on Thursday 5 March" in draft.body
    assert "\n- " in draft.body  # the culture questions, one per line
    assert "[a question or two" not in draft.body


def test_an_interview_logged_on_its_day_or_after_makes_no_prepare_item(search):
    acme, _, hana = _acme(search)
    search.log("interview", hana, "Mar 5", opportunity=acme)  # logged the same day

    assert search.items("Mar 5", Rule.PREPARE) == []
    assert search.items("Mar 4", Rule.PREPARE) == []


def test_an_opportunity_moved_to_interviewing_makes_a_prepare_item(search, owner_client):
    acme, _, _ = _acme(search)
    search.move(acme, "interviewing", "Mar 2")

    (item,) = search.items("Mar 2", Rule.PREPARE)
    assert item.reason.startswith(
        "Designer at Acme moved to interviewing on Mon 2 Mar 2026: research Acme"
    )
    with frozen(d("Mar 2")):
        html = owner_client.get(reverse("today")).content.decode()
    assert "Prepare for Designer at Acme" in html
    assert search.items("Mar 6", Rule.PREPARE) == []  # a few days, then it lapses
