"""Reading helpers shared by the facts' loaders: raw rows, days, owner filters."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import Exact

from followthrough.tracker.models import (
    ACTIVE_STAGES,
    Interaction,
    OpportunityPerson,
    Role,
    Stage,
)

from .model import (
    HIRING_SIDE,
    Facts,
    PersonFact,
)


def not_awaited():
    """People who are not on the hiring side of an opportunity the seeker waits on.

    Momentum never suggests reaching them (seed 001: after the one follow-up,
    wait; writing to them again is chasing). A filter for ``Person`` querysets.
    """
    waiting = ACTIVE_STAGES - {Stage.OFFER}
    return ~Exists(
        OpportunityPerson.objects.filter(
            person_id=OuterRef("pk"), role__in=HIRING_SIDE, opportunity__stage__in=waiting
        )
    )


Through = Interaction.people.through
MAX_IDS = 900
"""Ids bound in one query at most (SQLite's default limit is 999)."""


def owned_by(owner) -> Exact:
    """``owner_id = <owner>`` as a filter that no index answers.

    For queries that a narrower index must drive (one person's interactions, one
    person's tasks): SQLite keeps no statistics unless asked, so it would take
    the (owner, ...) indexes and walk all of the owner's rows. ``owner_id + 0``
    is SQLite's documented way to keep an index out of a plan; PostgreSQL plans
    by its statistics either way. Use it *with* the narrower filter.
    """
    return Exact(F("owner_id") + 0, owner.pk)


CONTACT_ORDER = {
    Role.HIRING_MANAGER: 0,
    Role.RECRUITER: 1,
    Role.REFERRER: 2,
    Role.INTERVIEWER: 3,
    Role.OTHER: 4,
}


def fetch_rows(queryset) -> list[tuple]:
    """The rows of a ``values_list`` query, read straight from the cursor.

    For the few queries that read tens of thousands of rows: Django's per-row
    conversions cost more than the query. Both backends hand back dates as
    dates (Django registers SQLite's converters); booleans may come back as 0/1;
    SQLite's datetimes are naive, in UTC (``day_of`` reads both).
    """
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # e.g. ``__in=[]``: nothing to ask
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def day_of(instant: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.date:
    """The day ``instant`` falls on in ``zone``.

    A naive ``instant`` is UTC: SQLite's rows read by ``fetch_rows`` (Django
    stores UTC and adds the zone only in its own conversions).
    """
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=dt.UTC)
    return instant.astimezone(zone).date()


def remember(facts: Facts, person_id: int, name: str, situation: str) -> None:
    if person_id not in facts.people:
        facts.people[person_id] = PersonFact(person_id, name, situation)


def chunks(values: list[int]) -> Iterator[list[int]]:
    """``values`` in lists of at most ``MAX_IDS`` (what one query may bind)."""
    for first in range(0, len(values), MAX_IDS):
        yield values[first : first + MAX_IDS]
