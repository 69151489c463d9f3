"""The rules are plain Python: hand-made facts and a date in, items out, no database."""

from __future__ import annotations

import datetime as dt

from followthrough.engine import Facts, Settings, evaluate
from followthrough.engine.facts import InteractionFact, OpportunityFact, PersonFact
from followthrough.tracker.models import Rule

MAR = {n: dt.date(2026, 3, n) for n in range(1, 32)}


def _facts(on: dt.date, **settings) -> Facts:
    return Facts(
        on=on,
        settings=Settings(**{"buddy": "Bea Lund", **settings}),
        people={1: PersonFact(1, "Ana Ruiz"), 2: PersonFact(2, "Pia Lund")},
        opportunities={
            7: OpportunityFact(
                7, "Designer", "Acme", "interviewing", decision_date=MAR[12],
                involved=((1, "interviewer"),),
            )
        },
        interactions=[
            InteractionFact(10, "email", MAR[1], "out", (2,), awaiting_reply=True),
            InteractionFact(11, "interview", MAR[2], "out", (1,), 7, decision_date=MAR[12]),
        ],
    )


def test_the_same_facts_and_date_give_the_same_items_without_a_database():
    facts = _facts(MAR[12])

    items = evaluate(facts, MAR[12])

    assert items == evaluate(facts, MAR[12])
    by_rule = {i.rule: i for i in items}
    assert by_rule[Rule.DECISION_FOLLOW_UP].person_id == 1
    assert by_rule[Rule.NUDGE].due == MAR[8]
    assert Rule.THANK_YOU in by_rule
    assert by_rule[Rule.MOMENTUM].key == "momentum:2026-W11"


def test_landed_mode_rests_the_search_rules():
    items = evaluate(_facts(MAR[12], landed=True), MAR[12])

    assert {i.rule for i in items} & {
        Rule.THANK_YOU, Rule.DECISION_FOLLOW_UP, Rule.NUDGE, Rule.MOMENTUM, Rule.BUDDY_SUMMARY
    } == set()
