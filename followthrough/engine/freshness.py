"""Skip the sync when nothing changed: the agenda's cheap "has anything moved?" check.

``sync`` reads the owner's facts (tens of thousands of rows for a busy network)
and writes nothing when nothing changed; most agenda reads come in a row (the
Today page, a done task, the calendar feed) with nothing changed in between.
``refresh(owner, on)`` — what ``services.tasks.AGENDA_REFRESHERS`` runs — syncs
only when the owner's *change marker* differs from the one recorded right after
the last sync for that day.

The marker is read from the database in one query: for each table the rules read
(people, interactions, opportunities, organizations, tasks, the people involved
in opportunities, stage changes, who took part in an interaction), the owner's
row count, largest id and latest ``updated_at``, plus the workspace's settings.
An insert moves the largest id, a delete the count, a ``save()`` the latest
``updated_at``; so a change made by another process (the command line beside the
web server, a second worker) is seen as well. Two things it cannot see, a
``save()`` within the same clock tick as the sync (frozen clocks in tests) and a
``QuerySet.update()`` that leaves ``updated_at`` alone, are covered in this
process by a generation counter that every save of those models and every
change of an interaction's people bumps (Django's signals). Code that changes
rows with ``update()`` must set ``updated_at`` too (as ``sync`` does).

Where the markers live: Django's cache (``CACHES["default"]``, local memory
unless configured), keyed by owner, day and generation. A per-process cache is
enough because the marker is read from the database, not from the cache: each
process syncs at most once per change, and a lost entry costs one sync.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db import connections, router
from django.db.models.signals import m2m_changed, post_save

from followthrough.tracker.models import (
    Interaction,
    Opportunity,
    OpportunityPerson,
    Organization,
    Person,
    StageChange,
    Task,
    Workspace,
)
from followthrough.tracker.services.owners import workspace_for

from .sync import sync

MARKER_SECONDS = 36 * 3600
"""How long a marker is kept: a day's agenda, and a little more (time zones)."""

_WATCHED = (
    Person, Interaction, Opportunity, Organization, Task, OpportunityPerson, StageChange,
    Workspace, Interaction.people.through,
)
_OWNED = (Person, Interaction, Opportunity, Organization, Task)
_SETTINGS = (
    "time_zone", "mode", "landed_on", "thank_you_days", "nudge_after_days", "max_nudges",
    "follow_up_business_days", "let_go_after_days", "min_active_opportunities",
    "daily_outreach_goal", "default_cadence_days", "year_end_greeting", "buddy_name",
)
_generation = 0
_owner_generations: dict[int, int] = {}


def refresh(owner, on: dt.date) -> bool:
    """Sync the owner's rule tasks for ``on`` unless nothing changed; True if it synced."""
    key = _key(owner, on)
    before = marker(owner)
    if cache.get(key) == before:
        return False
    sync(owner, on)
    cache.set(_key(owner, on), marker(owner), MARKER_SECONDS)
    return True


def forget(owner, on: dt.date) -> None:
    """Make the next ``refresh`` for ``on`` sync whatever the marker says."""
    cache.delete(_key(owner, on))


def marker(owner) -> tuple:
    """The owner's change marker (see the module doc), in one query."""
    workspace = workspace_for(owner)
    db = router.db_for_read(Task)
    connection = connections[db]
    with connection.cursor() as cursor:
        cursor.execute(*_marker_sql(connection, owner.pk))
        row = tuple(cursor.fetchone())
    return (
        owner.pk, workspace.pk, *(getattr(workspace, name) for name in _SETTINGS), *map(str, row)
    )


def _key(owner, on: dt.date) -> str:
    generation = f"{_generation}.{_owner_generations.get(owner.pk, 0)}"
    return f"followthrough:synced:{owner.pk}:{on.isoformat()}:{generation}"


def _marker_sql(connection, owner_id: int) -> tuple[str, list]:
    q = connection.ops.quote_name
    parts, params = [], []
    for model in _OWNED:
        table = q(model._meta.db_table)
        for column in ("COUNT(*)", "MAX(id)", f"MAX({q('updated_at')})"):
            parts.append(f"(SELECT {column} FROM {table} WHERE {q('owner_id')} = %s)")
            params.append(owner_id)
    opportunities = q(Opportunity._meta.db_table)
    for model in (OpportunityPerson, StageChange):
        table = q(model._meta.db_table)
        for column in ("COUNT(*)", f"MAX({table}.id)"):
            parts.append(
                f"(SELECT {column} FROM {table} JOIN {opportunities} "
                f"ON {opportunities}.id = {table}.{q('opportunity_id')} "
                f"WHERE {opportunities}.{q('owner_id')} = %s)"
            )
            params.append(owner_id)
    # Who took part: an interaction's people can change without the interaction
    # being saved. The largest id is one cheap lookup (not per owner: another
    # owner's activity costs this one a sync at worst).
    through = q(Interaction.people.through._meta.db_table)
    parts.append(f"(SELECT MAX(id) FROM {through})")
    return "SELECT " + ", ".join(parts), params


def _bump(instance=None, **_kwargs) -> None:
    """An owned row bumps its owner's generation; a row without an owner, everyone's."""
    global _generation
    owner_id = getattr(instance, "owner_id", None)
    if owner_id is None:
        _generation += 1
    else:
        _owner_generations[owner_id] = _owner_generations.get(owner_id, 0) + 1


def watch() -> None:
    """Bump the generation on every save of what the rules read (idempotent).

    Not on deletes: the row count sees those, and a ``post_delete`` receiver
    would stop Django from deleting in bulk (it would load every row first).
    """
    for model in _WATCHED:
        post_save.connect(_bump, sender=model, dispatch_uid=f"followthrough-fresh-{model}")
    m2m_changed.connect(
        _bump, sender=Interaction.people.through, dispatch_uid="followthrough-fresh-people"
    )
