"""What a rule says is due: the engine's one output type."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Item:
    """One due item, before it becomes a ``Task``.

    ``key`` is stable: the same facts give the same key, so a task made from it
    can be marked done, snoozed or dismissed and stay that way. ``rule`` is one
    of DOMAIN.md's rule names (``models.Rule``); ``reason`` is one plain line.
    """

    rule: str
    key: str
    due: dt.date
    title: str
    reason: str
    person_id: int | None = None
    opportunity_id: int | None = None
    # On the agenda from this day, before it is due (a thank-you from the interview's
    # own evening); ``None``: from ``due``.
    starts: dt.date | None = None

    def __reduce__(self):
        # Pickled as its fields in order: "Coming up" caches a thousand items, and
        # the state a slotted dataclass makes looks every field up by name (5x slower).
        return (Item, (self.rule, self.key, self.due, self.title, self.reason,
                       self.person_id, self.opportunity_id, self.starts))  # fmt: skip

    @property
    def shows_from(self) -> dt.date:
        return min(self.starts, self.due) if self.starts else self.due
