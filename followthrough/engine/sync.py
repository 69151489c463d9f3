"""Materialise the rules' items as ``Task`` rows, so done, snoozed and dismissed stick.

``sync(owner, on)`` runs before every agenda (it is registered in
``services.tasks.AGENDA_REFRESHERS``). In a constant number of queries, and
writing nothing when nothing changed, it:

* inserts a task for each new key (``bulk_create``; a concurrent sync inserting
  the same key is ignored by the unique constraint);
* never touches done or dismissed tasks, so they never come back;
* keeps open tasks as they are (due day and snooze included), refreshing only
  their title, reason, person and opportunity when the facts changed;
* **deletes** open rule tasks due by ``on`` whose rule no longer applies: the
  thank-you was sent, the person answered, meeting them reset the clock, the
  workspace landed. The interaction logged is the record of what was done; a
  deleted task is not "done" so, should the rule apply again (an interaction
  deleted by mistake), it returns. Tasks due after ``on`` are left alone, so
  ``today --on`` a past day cannot remove tomorrow's work.

It also switches the workspace to landed mode when a new acceptance appears
(once per acceptance: a seeker who switches back to searching stays there).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from followthrough.tracker.models import Mode, Rule, Task, TaskStatus, Workspace
from followthrough.tracker.services.owners import workspace_for

from .facts import Facts, load_facts
from .facts.reading import fetch_rows
from .items import Item
from .rules import evaluate
from .rules.landed import latest_acceptance

LANDING_DAYS = 30
"""An acceptance older than this (an imported history) does not switch modes."""
_BATCH = 500
_FIELDS = ("title", "reason", "person_id", "opportunity_id")


@dataclass(frozen=True, slots=True)
class SyncResult:
    created: int
    updated: int
    removed: int
    # The owner's first day as this sync saw it (``Facts.started_on``), and how it synced.
    started_on: dt.date | None = field(default=None, compare=False)
    incremental: bool = field(default=False, compare=False)


@dataclass(frozen=True, slots=True)
class Within:
    """The open rule tasks ``materialise`` may change: those any of ``tasks``
    selects (filters, a query each, each with the owner in it) and ``keep(key,
    person_id, opportunity_id)`` accepts. The
    incremental sync's scope; by default, all of them."""

    tasks: list[Q]
    keep: Callable[[str, int | None, int | None], bool]


def sync(owner, on: dt.date) -> SyncResult:
    """Bring the owner's rule tasks up to date for ``on``, from all the facts."""
    with collector_paused():
        return _full_sync(owner, on)  # its facts and items are freed before the collector is back


def _full_sync(owner, on: dt.date) -> SyncResult:
    facts = load_facts(owner, on)
    facts = land_if_accepted(owner, facts, on)
    result = materialise(owner, evaluate(facts, on), on)
    return dataclasses.replace(result, started_on=facts.started_on)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, back as it was after.

    A full sync makes a hundred thousand small objects (facts, items) that all
    live until it ends and hold no cycles: the collector's passes over them,
    triggered by their number alone, were ~15% of the sync and freed nothing.
    Plain reference counting frees everything as usual meanwhile. Nested or
    concurrent blocks leave it to the one that switched it off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def land_if_accepted(owner, facts: Facts, on: dt.date) -> Facts:
    """Switch to landed mode on a new, recent acceptance; returns the facts to use."""
    accepted = latest_acceptance(facts, on)
    if accepted is None or (on - accepted.stage_changed_on).days > LANDING_DAYS:
        return facts
    landed_on = facts.settings.landed_on
    if landed_on is not None and accepted.stage_changed_on <= landed_on:
        return facts
    Workspace.objects.filter(owner=owner).update(
        mode=Mode.LANDED, landed_on=accepted.stage_changed_on
    )
    workspace = workspace_for(owner)
    workspace.mode, workspace.landed_on = Mode.LANDED, accepted.stage_changed_on
    settings = dataclasses.replace(
        facts.settings, landed=True, landed_on=accepted.stage_changed_on
    )
    return dataclasses.replace(facts, settings=settings)


def materialise(
    owner, items: Iterable[Item], on: dt.date, *, within: Within | None = None
) -> SyncResult:
    """Make ``items`` the owner's open rule tasks due by ``on`` (see the module doc).

    ``within``: only among these tasks (the items are the scope's, too).
    """
    produced: dict[str, Item] = {}
    for item in items:
        produced.setdefault(item.key, item)
    open_tasks = (
        Task.objects.filter(status=TaskStatus.OPEN)
        .exclude(rule=Rule.MANUAL)
        .exclude(key="")
        .order_by()
        .values_list("id", "key", "due", "starts_on", *_FIELDS)
    )
    # Straight from the cursor: a full sync reads every open task (tens of
    # thousands by default), and Django's per-row conversions cost more than the query.
    if within is None:
        rows = fetch_rows(open_tasks.filter(owner=owner))
    else:  # each filter names the owner its own way (``Within``)
        found = {
            row[0]: row for tasks in within.tasks for row in fetch_rows(open_tasks.filter(tasks))
        }
        rows = list(found.values())
    stale, changed, open_keys = [], [], set()
    now = timezone.now()
    for row in rows:
        task_id, key, due, starts_on = row[:4]
        current = row[4:]
        if within is not None and not within.keep(key, current[2], current[3]):
            continue
        open_keys.add(key)
        item = produced.get(key)
        if item is None:
            if due <= on or (starts_on is not None and starts_on <= on):
                stale.append(task_id)
            continue
        values = _values(item)
        if current != values:
            fields = dict(zip(_FIELDS, values, strict=True))
            changed.append(Task(id=task_id, updated_at=now, **fields))
    fresh = [key for key in produced if key not in open_keys]
    closed = _closed_keys(owner, [produced[key] for key in fresh])
    new = [_task(owner, produced[key]) for key in fresh if key not in closed]
    if stale or changed or new:
        with transaction.atomic():
            for chunk in _chunks(stale):
                Task.objects.filter(owner=owner, pk__in=chunk).delete()
            if changed:
                Task.objects.bulk_update(changed, [*_FIELDS, "updated_at"], batch_size=_BATCH)
            if new:
                Task.objects.bulk_create(new, batch_size=_BATCH, ignore_conflicts=True)
    return SyncResult(created=len(new), updated=len(changed), removed=len(stale))


def _closed_keys(owner, items: list[Item]) -> set[str]:
    """Which of these items' keys were done or dismissed (they never come back).

    One query by date range rather than by key, since a list of keys can outgrow
    what a query may bind. Should an item's due day have moved before its task's,
    the unique key makes the insert a no-op all the same.
    """
    if not items:
        return set()
    return set(
        Task.objects.filter(
            owner=owner,
            status__in=[TaskStatus.DONE, TaskStatus.DISMISSED],
            rule__in={item.rule for item in items},
            due__gte=min(item.due for item in items),
        ).values_list("key", flat=True)
    )


def _values(item: Item) -> tuple:
    return (item.title[:300], item.reason[:500], item.person_id, item.opportunity_id)


def _task(owner, item: Item) -> Task:
    title, reason, person_id, opportunity_id = _values(item)
    return Task(
        owner=owner,
        rule=item.rule,
        key=item.key[:200],
        title=title,
        reason=reason,
        due=item.due,
        starts_on=item.starts,
        person_id=person_id,
        opportunity_id=opportunity_id,
    )


def _chunks(values: list, size: int = _BATCH) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
