"""Skip the agenda's sync when nothing changed, in any process: the sync state.

The sync (``engine.sync``) reads the owner's whole set of facts; most agenda
reads (the Today page, ``followthrough today``, the calendar feed) come with
nothing changed since the last one. Each owner has one ``SyncState`` row:

* ``change``, a counter that database triggers bump on every insert, update and
  delete of what the rules read (migration ``0005_issue12_sync_state``), in the
  writing transaction, whoever writes: this process, the web server, the
  command line, a bulk import, plain SQL;
* what the last sync covered: ``synced_change`` (the counter it saw, its own
  task writes included), ``synced_day`` (the day it synced for),
  ``synced_engine`` (a fingerprint of the rules' code, so an upgrade re-syncs)
  and what it did (``synced_at``, ``created``, ``updated``, ``removed``).

``refresh(owner, on)``, what ``services.tasks.AGENDA_REFRESHERS`` runs, reads
that row (one query, no write, no transaction) and syncs only when the counter,
the day or the engine differ. The sync and the record of it share one
transaction, with the state row locked (PostgreSQL) or the database's write
lock held (SQLite), so a change committed meanwhile is either seen by the sync
or counted after it.

Nothing here imports the engine until a sync is due: a command that finds
nothing changed never loads the rules.

A sync is a write. When another process holds the database's write lock for
long (a big import, a restore), the agenda does not wait for it: after
``BUSY_WAIT_SECONDS`` it shows the tasks as the last sync left them, with a
warning, and the next read syncs.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import OperationalError, connections, router, transaction
from django.db.models import F
from django.utils import timezone

from followthrough import engine_fingerprint as _fingerprint

from .models import SyncDirty, SyncState

BUSY_WAIT_SECONDS = 2
"""How long a sync waits for another process's write before the agenda goes without it."""
logger = logging.getLogger("followthrough")


def engine_fingerprint() -> str:
    """A digest of the engine's source files (``followthrough.engine_fingerprint``)."""
    return _fingerprint.engine_fingerprint()


def is_fresh(owner, on: dt.date) -> bool:
    """True if the last sync covered ``on`` and nothing changed since (one query)."""
    row = (
        SyncState.objects.filter(owner_id=owner.pk)
        .values_list("change", "synced_change", "synced_day", "synced_engine")
        .first()
    )
    return row is not None and _covers(row, on)


def _covers(row, on: dt.date) -> bool:
    change, synced_change, synced_day, synced_engine = row
    return synced_change == change and synced_day == on and synced_engine == engine_fingerprint()


def refresh(owner, on: dt.date) -> bool:
    """Sync the owner's rule tasks for ``on`` unless nothing changed; True if it synced."""
    if is_fresh(owner, on):
        return False
    from followthrough.dberrors import is_busy

    try:
        with _short_wait():
            return _sync(owner, on)
    except OperationalError as error:
        if not is_busy(error):
            raise
        logger.warning(
            "warning: the agenda may be out of date: another process is writing to the "
            "database; it is brought up to date next time."
        )
        return False


@contextmanager
def _short_wait():
    """With SQLite, wait ``BUSY_WAIT_SECONDS`` (not the usual 20) for the write lock."""
    connection = connections[router.db_for_write(SyncState)]
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    usual = int(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5) * 1000)
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_WAIT_SECONDS * 1000}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {usual}")


def _sync(owner, on: dt.date) -> bool:
    from followthrough import engine

    with transaction.atomic():
        SyncState.objects.get_or_create(owner_id=owner.pk)
        locked = (
            SyncState.objects.select_for_update()
            .filter(owner_id=owner.pk)
            .values_list(
                "change", "synced_change", "synced_day", "synced_engine", "synced_start"
            )
            .get()
        )
        if _covers(locked[:4], on):  # another process synced it while this one waited
            return False
        result = None
        if _same_day_and_engine(locked, on):
            result = engine.sync_changes(owner, on, started_on=locked[4])
        if result is None:
            result = engine.sync(owner, on)
        # Read after the sync: its own task writes are part of what it covered.
        change = SyncState.objects.filter(owner_id=owner.pk).values_list("change", flat=True).get()
        kept_since = _consume(owner, change, result.incremental)
        SyncState.objects.filter(owner_id=owner.pk).update(
            kept_since=kept_since,
            synced_change=change,
            synced_day=on,
            synced_engine=engine_fingerprint(),
            synced_start=result.started_on,
            synced_at=timezone.now(),
            incremental=result.incremental,
            created=result.created,
            updated=result.updated,
            removed=result.removed,
        )
    return True


KEEP_CHANGED = 2000
"""Consumed ``SyncDirty`` rows kept for the forecast at most; beyond, they are cleared."""


def _consume(owner, change: int, incremental: bool) -> int | None:
    """Mark what changed as synced, the sync's own task writes included; the change
    from which the kept rows tell every change (``SyncState.kept_since``).

    A full sync clears them; so does an incremental one past ``KEEP_CHANGED``.
    """
    rows = SyncDirty.objects.filter(owner_id=owner.pk)
    if incremental:
        rows.filter(synced__isnull=True).update(synced=change)
        if rows.count() <= KEEP_CHANGED:
            return SyncState.objects.filter(owner_id=owner.pk).values_list(
                "kept_since", flat=True
            ).get()
    rows.delete()
    return change


def _same_day_and_engine(row, on: dt.date) -> bool:
    """Whether the last sync covered ``on`` with this engine: then only the changes
    since (``SyncDirty``) need a look. ``forget`` clears ``synced_change``: a full sync."""
    _, synced_change, synced_day, synced_engine, _ = row
    return synced_change is not None and synced_day == on and synced_engine == engine_fingerprint()


def forget(owner, on: dt.date | None = None) -> None:
    """Make the next ``refresh`` sync in full, whatever the state says (``sync --full``)."""
    SyncState.objects.filter(owner_id=owner.pk).update(synced_change=None)


def rebuild(owner, on: dt.date) -> bool:
    """Rebuild from scratch (``followthrough sync --full``): the owner's kept facts
    (``PersonFacts``) recomputed, then a full sync. True, it always syncs."""
    from . import person_facts

    with transaction.atomic():
        person_facts.recompute(connections[router.db_for_write(SyncState)], owner.pk)
        forget(owner)
        return _sync(owner, on)


@contextmanager
def rewriting(owner) -> Iterator[None]:
    """Write (or delete) the owner's whole workspace in the ``with`` block, triggers off.

    For a restore: the triggers (``tracker.triggers``) would note each row, only
    for the full sync that follows to throw the notes away. Paused instead
    (``trigger_pause``, this transaction only), and at the end, once: a full sync
    noted (a ``SyncDirty`` ``f`` row), the change counter moved on (every process
    syncs again) and the owner's ``PersonFacts`` recomputed in one statement.
    Needs a transaction; only the owner's data may be written in the block.
    """
    from . import person_facts
    from .trigger_pause import paused

    connection = connections[router.db_for_write(SyncState)]
    with paused(connection):
        yield
    person_facts.recompute(connection, owner.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SyncDirty._meta.db_table} (owner_id, kind, ref) VALUES (%s, %s, 0) "
            f"ON CONFLICT (owner_id, kind, ref) DO UPDATE SET synced = NULL",
            [owner.pk, SyncDirty.FULL],
        )
    SyncState.objects.filter(owner_id=owner.pk).update(change=F("change") + 1)


def last_sync(owner) -> dict:
    """What the last sync did: ``incremental``, ``created``, ``updated``, ``removed``."""
    row = (
        SyncState.objects.filter(owner_id=owner.pk)
        .values("incremental", "created", "updated", "removed")
        .first()
    )
    return row or {"incremental": False, "created": 0, "updated": 0, "removed": 0}


def forecast_state(owner) -> tuple[int | None, int | None]:
    """The owner's change counter and the change since which the kept ``SyncDirty``
    rows tell every change (one query; ``(None, None)`` before the first sync)."""
    row = SyncState.objects.filter(owner_id=owner.pk).values_list("change", "kept_since").first()
    return row or (None, None)


def current_change(owner) -> int | None:
    """The owner's change counter (``None`` before the first sync): a cache key for
    what is derived from the rules' facts (the forecast)."""
    return SyncState.objects.filter(owner_id=owner.pk).values_list("change", flat=True).first()


def install() -> None:
    """Register ``refresh`` before every agenda read and the engine's write-time checks.

    Cheap on purpose (the tracker app's ``ready`` runs it in every process): the
    engine itself is imported on first use.
    """
    from . import hooks

    if refresh not in hooks.AGENDA_REFRESHERS:
        hooks.AGENDA_REFRESHERS.append(refresh)
    if chasing_warning not in hooks.WARNING_CHECKS:
        hooks.WARNING_CHECKS.append(chasing_warning)


def chasing_warning(owner, interaction) -> list[str]:
    """The engine's chasing warning (``engine.warnings``), imported when first needed:
    only an outbound message about an opportunity, or to someone who said a clear no,
    can be chasing."""
    from .models import Direction
    from .services.interactions import heard_a_clear_no

    if interaction.direction != Direction.OUTBOUND:
        return []
    if interaction.opportunity_id is None and not heard_a_clear_no(owner, interaction):
        return []
    from followthrough.engine.warnings import chasing_warning as check

    return check(owner, interaction)
