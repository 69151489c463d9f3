"""Rule 10: after landing, thank everyone who helped; landed mode rests the search rules."""

from __future__ import annotations

import pytest

from followthrough.tracker.models import Mode, Rule, Workspace

from .conftest import d


@pytest.fixture
def landed(search):
    """Sam's search: a referral, an informational, a coffee, a meeting, two interviews."""
    p = {
        name.split()[0].lower(): search.person(name, cadence_days=30)
        for name in ("Rex Moore", "Cleo Park", "Dan Wu", "Mia Roth", "Ian Ford", "Eli Marx",
                     "Hana Sato")
    }
    acme = search.opportunity("Designer", "Acme", referred_by=p["rex"])
    search.involve(acme, p["hana"], "hiring_manager")
    beta = search.opportunity("Analyst", "Beta")
    search.log("informational", p["cleo"], "Feb 10")
    search.log("coffee", p["dan"], "Feb 12")
    search.log("meeting", p["mia"], "Feb 14")
    search.log("interview", p["ian"], "Feb 20", opportunity=beta)
    search.log("email", p["eli"], "Feb 21")
    search.log("interview", p["hana"], "Mar 2", opportunity=acme)
    search.move(acme, "offer", "Mar 5")
    return p, acme


def test_accepting_an_offer_makes_one_thank_and_share_item_for_each_helper(search, landed):
    p, acme = landed
    search.move(acme, "accepted", "Mar 9")

    items = search.items("Mar 9", Rule.LANDED_THANKS)

    helpers = {p[n].pk for n in ("rex", "cleo", "dan", "mia", "ian")}
    assert {i.person_id for i in items} == helpers
    assert {(i.due, i.opportunity_id) for i in items} == {(d("Mar 9"), acme.pk)}
    rex = next(i for i in items if i.person_id == p["rex"].pk)
    assert rex.title == "Thank Rex Moore and share your news"
    assert rex.reason == (
        "Rex Moore helped during your search (referred you for Designer at Acme); "
        "thank them and tell them you start as Designer at Acme."
    )
    cleo = next(i for i in items if i.person_id == p["cleo"].pk)
    assert "(an informational interview on Tue 10 Feb 2026)" in cleo.reason


def test_thanking_a_helper_handles_their_item(search, landed):
    p, acme = landed
    search.move(acme, "accepted", "Mar 9")
    search.log("email", p["cleo"], "Mar 10", summary="News: I start at Acme!")

    assert p["cleo"].pk not in {i.person_id for i in search.items("Mar 10", Rule.LANDED_THANKS)}


def test_landing_switches_to_landed_mode_where_the_search_rules_rest(search, landed):
    p, acme = landed
    assert p["hana"].pk in [i.person_id for i in search.agenda("Mar 5", Rule.THANK_YOU)]

    search.move(acme, "accepted", "Mar 9")
    agenda = search.agenda("Mar 9")

    workspace = Workspace.objects.get(owner=search.owner)
    assert (workspace.mode, workspace.landed_on) == (Mode.LANDED, d("Mar 9"))
    rules = {i.rule for i in agenda}
    assert Rule.THANK_YOU not in rules and Rule.MOMENTUM not in rules
    assert Rule.LANDED_THANKS in rules
    assert Rule.KEEP_IN_TOUCH in {i.rule for i in search.agenda("Mar 20")}


def test_a_seeker_who_switches_back_to_searching_stays_searching(search, landed):
    _, acme = landed
    search.move(acme, "accepted", "Mar 9")
    search.agenda("Mar 9")
    search.workspace(mode=Mode.SEARCHING)

    search.agenda("Mar 10")

    assert Workspace.objects.get(owner=search.owner).mode == Mode.SEARCHING
    assert Rule.MOMENTUM in {i.rule for i in search.agenda("Mar 10")}


def test_an_old_acceptance_in_imported_history_does_not_switch_modes(search, landed):
    _, acme = landed
    search.move(acme, "accepted", "Mar 9")

    search.agenda("Apr 20")

    assert Workspace.objects.get(owner=search.owner).mode == Mode.SEARCHING
