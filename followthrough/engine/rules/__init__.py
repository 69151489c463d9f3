"""The etiquette rules: each a pure function ``due(facts, on) -> list[Item]``.

No database, no clock: facts and a date in, due items out. ``RULES`` lists them
in the order the agenda shows ties; ``evaluate`` runs them all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from collections.abc import Callable, Iterable

from ..facts import Facts
from ..items import Item
from . import (
    apply_by,
    buddy,
    follow_up,
    give_first,
    keep_in_touch,
    landed,
    momentum,
    nudge,
    offer_timing,
    prepare,
    thank_you,
)

RULES: tuple[tuple[str, Callable[[Facts, dt.date], list[Item]]], ...] = (
    ("thank-you", thank_you.due),
    ("decision-follow-up", follow_up.due),
    ("nudge", nudge.due),
    ("offer-timing", offer_timing.due),
    ("momentum", momentum.due),
    ("give-first", give_first.due),
    ("landed-thanks", landed.due),
    ("keep-in-touch", keep_in_touch.due),
    ("birthday", keep_in_touch.birthdays),
    ("buddy-summary", buddy.due),
    ("prepare", prepare.due),
    ("year-end", keep_in_touch.year_end),
    ("apply-by", apply_by.due),
)
"""(name, rule); ``decision-follow-up``, ``nudge`` and ``landed-thanks`` also make
``let-go`` items; ``year-end`` makes ``keep-in-touch`` items (the greeting)."""


_ORDER = operator.attrgetter("due", "rule", "key")
"""The agenda's order: by due day, then rule, then key (in C: tens of thousands of items)."""


def evaluate(facts: Facts, on: dt.date) -> list[Item]:
    """Every item due on ``on`` (or earlier and not yet handled), one per key."""
    seen: dict[str, Item] = {}
    for _, rule in RULES:
        for item in rule(facts, on):
            seen.setdefault(item.key, item)
    return [item for item in finish(facts, seen.values()) if item.shows_from <= on]


def finish(facts: Facts, items: Iterable[Item]) -> list[Item]:
    """The rules' items as the seeker sees them, sorted.

    A birthday covers a keep-in-touch item for the same person due by then
    (``keep_in_touch.merge``), and nothing is due before the owner started
    (``Facts.started_on``): an item that would be is due on that day instead.
    """
    items = keep_in_touch.merge(facts, list(items))
    start = facts.started_on
    if start is not None:
        items = [
            dataclasses.replace(
                item,
                due=max(item.due, start),
                starts=max(item.starts, start) if item.starts else None,
            )
            if item.shows_from < start
            else item
            for item in items
        ]
    return sorted(items, key=_ORDER)
