"""The forecast: the rule items that will fall due in the next two weeks.

Rule tasks are made on their due day (``sync``), so on its own the Today page's
"Coming up" would know only the tasks made by hand and the snoozed ones. Log an
interview today with a decision date in twelve days, and the seeker expects to
see the thank-you tomorrow and the follow-up on the decision date right away.

``forecast(facts, on, horizon)`` is pure. It runs the rules on the facts as of
the horizon day, so an item handled by then (a thank-you already logged, a
person who answered) is not there, and keeps the items due after ``on``. Two
rules are asked day by day instead, because their items lapse or are replaced
within the horizon: birthdays (gone a week after the day) and the buddy summary
(each Friday's replaces the last). Momentum, advice about now, is not forecast.
The items then go through ``rules.finish`` as the agenda's do (a birthday covers
a keep-in-touch item; nothing before the owner started).

``forecast_for(owner, on)`` also leaves out what is stored as a task already,
open (the page shows it), done or dismissed (it never comes back). It reads as
many rows as a sync, so it is cached the way the agenda skips a sync: keyed by
owner and day, and kept with the owner's change counter (``tracker.sync_state``);
a reload with nothing changed reuses it after one query.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache

from followthrough.tracker.models import Rule, Task

from .dates import FRIDAY
from .facts import Facts, load_facts
from .items import Item
from .rules import RULES, buddy, finish, keep_in_touch, prepare

HORIZON_DAYS = 14
"""How far "Coming up" looks ahead."""
_DAILY = frozenset({Rule.BIRTHDAY, Rule.BUDDY_SUMMARY, Rule.PREPARE})
_NOT_FORECAST = frozenset({Rule.MOMENTUM})
_BATCH = 500
CACHE_SECONDS = 36 * 3600
"""How long a forecast is kept: a day's agenda, and a little more (time zones)."""


def forecast(facts: Facts, on: dt.date, horizon: dt.date) -> list[Item]:
    """The items due after ``on`` and by ``horizon``, from facts loaded as of ``horizon``.

    For the birthdays, load the facts with ``birthdays_from`` the day after ``on``.
    """
    found: dict[str, Item] = {}
    for name, rule in RULES:
        if name in _DAILY or name in _NOT_FORECAST:
            continue
        for item in rule(facts, horizon):
            found.setdefault(item.key, item)
    day = on + dt.timedelta(days=1)
    while day <= horizon:
        daily = keep_in_touch.birthdays(facts, day) + prepare.due(facts, day)
        if day.weekday() == FRIDAY:
            daily += buddy.due(facts, day)
        for item in daily:
            found.setdefault(item.key, item)
        day += dt.timedelta(days=1)
    return [
        item for item in finish(facts, found.values())
        if on < item.shows_from and item.due <= horizon
    ]


def forecast_for(owner, on: dt.date, days: int = HORIZON_DAYS) -> list[Item]:
    """The owner's forecast for the ``days`` after ``on``, soonest first (cached).

    The cache is kept with the owner's change counter (one query): any write to
    what the rules read, in any process, makes it stale. A stale forecast is
    caught up from what changed since (``incremental.changes``) when the syncs
    kept it; else, and after a new engine, it is made afresh.
    """
    from followthrough.tracker.sync_state import engine_fingerprint, forecast_state

    change, kept_since = forecast_state(owner)
    current = (change, engine_fingerprint())
    key = f"followthrough:forecast:{owner.pk}:{on.isoformat()}:{days}"
    cached = cache.get(key)
    if cached is not None and current[0] is not None and cached[0] == current:
        return cached[1]
    horizon = on + dt.timedelta(days=days)
    items = None
    if cached is not None and _can_catch_up(cached[0], current, kept_since):
        items = _caught_up(owner, on, horizon, cached[1], since_change=cached[0][0])
    if items is None:
        facts = load_facts(owner, horizon, birthdays_from=on + dt.timedelta(days=1))
        items = _unstored(owner, forecast(facts, on, horizon))
    cache.set(key, (current, items), CACHE_SECONDS)
    return items


def _can_catch_up(cached: tuple, current: tuple, kept_since: int | None) -> bool:
    """Whether the changes kept since the cached forecast's tell all that changed."""
    change, engine = cached
    return (
        engine == current[1]
        and change is not None
        and kept_since is not None
        and change >= kept_since
    )


def _caught_up(owner, on, horizon, cached: list[Item], since_change: int) -> list[Item] | None:
    """The cached forecast with the items of what changed since ``since_change``
    evaluated again; ``None`` when a full forecast is due."""
    from .incremental import changes, landing_is_recent

    found = changes(owner, on + dt.timedelta(days=1), horizon, since_change=since_change)
    if found is None:
        return None
    facts = load_facts(
        owner, horizon, birthdays_from=on + dt.timedelta(days=1), scope=found.scope
    )
    if landing_is_recent(facts, horizon):
        return None
    fresh = [
        item for item in forecast(facts, on, horizon)
        if found.covers(item.key, item.person_id, item.opportunity_id)
    ]  # fmt: skip
    kept = [i for i in cached if not found.covers(i.key, i.person_id, i.opportunity_id)]
    items = kept + _unstored(owner, fresh)
    return sorted(items, key=lambda item: (item.due, item.rule, item.key))


def _unstored(owner, items: list[Item]) -> list[Item]:
    """``items`` but those stored as tasks already."""
    stored = _stored_keys(owner, [item.key[:200] for item in items])
    return [item for item in items if item.key[:200] not in stored]


def _stored_keys(owner, keys: list[str]) -> set[str]:
    """Which of ``keys`` are tasks already, whatever their state (the unique key's index)."""
    stored: set[str] = set()
    for start in range(0, len(keys), _BATCH):
        chunk = keys[start : start + _BATCH]
        stored.update(
            Task.objects.filter(owner=owner, key__in=chunk).values_list("key", flat=True)
        )
    return stored
