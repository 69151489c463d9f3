"""The etiquette engine: what the seeker has logged, turned into today's agenda.

The rules (``engine.rules``) are pure: facts and a date in, due items out, each
with a stable key and a one-line reason. ``load_facts`` reads an owner's facts
in a constant number of queries; ``sync`` turns the items into ``Task`` rows, and
``sync_changes`` (``engine.incremental``) does it for what changed since the last one.
Views and the CLI keep calling ``services.tasks.agenda(owner, on)``: ``install``
(run by the tracker app's ``ready``) registers ``tracker.sync_state.refresh``
there (a ``sync`` skipped when nothing changed since the last one for that day,
as the database's sync state tells), and the chasing warning in
``services.interactions.WARNING_CHECKS``.

Helpers for pages and commands, each one call:

* ``forecast_for(owner, on)``: the rule items due in the next two weeks, not
  tasks yet (Today's "Coming up"; ``engine.forecast``);
* ``streak_for(owner, on)``: the daily outreach streak (Today page);
* ``summary_for(owner, week_containing)``: the weekly summary (rule 12);
* ``network_for(owner, on)``: the network mix (rule 8);
* ``asks_and_gives(owner, person)``: a person's asks and gives (rule 9).
"""

from __future__ import annotations

import datetime as dt

from .facts import Facts, Settings, load_facts
from .forecast import forecast, forecast_for
from .incremental import sync_changes
from .items import Item
from .network import NetworkMix, network_mix
from .rules import RULES, evaluate
from .rules.buddy import WeeklySummary, weekly_summary
from .rules.give_first import Balance
from .rules.momentum import Streak, outreach_streak, streak
from .sync import SyncResult, materialise, sync
from .warnings import chasing_warning

__all__ = [
    "RULES",
    "Balance",
    "Facts",
    "Item",
    "NetworkMix",
    "Settings",
    "Streak",
    "SyncResult",
    "WeeklySummary",
    "asks_and_gives",
    "chasing_warning",
    "evaluate",
    "forecast",
    "forecast_for",
    "install",
    "load_facts",
    "materialise",
    "network_for",
    "network_mix",
    "outreach_streak",
    "streak",
    "streak_for",
    "summary_for",
    "sync",
    "sync_changes",
    "weekly_summary",
]


def install() -> None:
    """Register the engine's hooks in the tracker's services (idempotent).

    The tracker app's ``ready`` does it through ``tracker.sync_state.install``,
    which imports nothing of the engine until a sync or a check needs it.
    """
    from followthrough.tracker import sync_state

    sync_state.install()


def streak_for(owner, on: dt.date) -> Streak:
    return streak(load_facts(owner, on), on)


def summary_for(owner, week_containing: dt.date) -> WeeklySummary:
    """The weekly summary of the week (Monday to Sunday) containing ``week_containing``."""
    sunday = week_containing + dt.timedelta(days=6 - week_containing.weekday())
    return weekly_summary(load_facts(owner, sunday, summary=True), week_containing)


def network_for(owner, on: dt.date) -> NetworkMix:
    return network_mix(load_facts(owner, on, network=True), on)


def asks_and_gives(owner, person) -> Balance:
    """All the asks and gives logged with ``person``, and the asks since the last give."""
    from django.db.models import Q

    from followthrough.tracker.models import Interaction

    from .facts import LedgerEntry, owned_by
    from .rules.give_first import balances

    rows = (
        Interaction.objects.filter(owned_by(owner), people=person)
        .filter(Q(asked=True) | Q(gave=True))
        .values_list("id", "occurred_on", "asked", "gave")
    )
    ledger = sorted(
        (LedgerEntry(person.pk, i, on, asked, gave) for i, on, asked, gave in rows),
        key=lambda e: (e.on, e.interaction_id),
    )
    return balances(ledger, dt.date.max).get(person.pk, Balance(0, 0, []))
