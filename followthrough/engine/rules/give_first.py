"""Rule 9, ``give-first``: do unto others, give before you get.

A person asked for something at least ``ASKS`` times with nothing given to them
since makes an item suggesting a give (congratulations, an introduction, an
article) before the next ask. The item is keyed by the ask that tipped the
balance, so more asks do not make more items; logging a give handles it.
Asks and gives of the last ``LEDGER_DAYS`` count.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from followthrough.tracker.models import Rule

from ..facts import Facts, LedgerEntry
from ..items import Item

ASKS = 2


@dataclass(frozen=True, slots=True)
class Balance:
    """Asks and gives with one person, and the asks since the last give."""

    asks: int
    gives: int
    asks_since_give: list[LedgerEntry]


def balances(ledger: list[LedgerEntry], on: dt.date) -> dict[int, Balance]:
    """Per person, from a ledger sorted oldest first."""
    asks: dict[int, int] = defaultdict(int)
    gives: dict[int, int] = defaultdict(int)
    since: dict[int, list[LedgerEntry]] = defaultdict(list)
    for entry in ledger:
        if entry.on > on:
            break
        if entry.gave:
            gives[entry.person_id] += 1
            since[entry.person_id] = []
        if entry.asked:
            asks[entry.person_id] += 1
            since[entry.person_id].append(entry)
    people = set(asks) | set(gives)
    return {p: Balance(asks[p], gives[p], since[p]) for p in people}


def due(facts: Facts, on: dt.date) -> list[Item]:
    items = []
    for person_id, balance in balances(facts.ledger, on).items():
        pending = balance.asks_since_give
        if len(pending) < ASKS:
            continue
        name = facts.name(person_id)
        times = "twice" if len(pending) == 2 else f"{len(pending)} times"
        items.append(
            Item(
                rule=Rule.GIVE_FIRST,
                key=f"give-first:{person_id}:{pending[ASKS - 1].interaction_id}",
                due=pending[ASKS - 1].on,
                title=f"Give something to {name}",
                reason=(
                    f"You have asked {name} for something {times} since you last gave; "
                    "offer something first: congratulations, an introduction, an article."
                ),
                person_id=person_id,
            )
        )
    return items
