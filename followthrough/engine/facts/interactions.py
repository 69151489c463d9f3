"""Loading the interactions (and the ledger of asks and gives), closed tasks and history."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable

from django.db.models import Q

from followthrough.tracker.models import (
    Interaction,
    Person,
    Rule,
    StageChange,
    Task,
    TaskStatus,
)

from .model import (
    LEDGER_DAYS,
    ClosedTask,
    Facts,
    InteractionFact,
    LedgerEntry,
    PersonFact,
    Scope,
)
from .reading import (
    Through,
    chunks,
    day_of,
    fetch_rows,
    remember,
)

COLUMNS = (
    "interaction_id", "interaction__kind", "interaction__occurred_on",
    "interaction__direction", "interaction__opportunity_id",
    "interaction__awaiting_reply", "interaction__asked", "interaction__gave",
    "interaction__clear_no", "interaction__decision_date",
    "person_id", "person__name", "person__situation",
)  # fmt: skip
"""One row per (interaction, person): interactions always have people, and reading
the join once saves a second pass."""


def load_interactions(facts: Facts, owner, start: dt.date, active_ids: list[int]) -> None:
    """The interactions from ``start`` to ``on``, and every one about an active opportunity."""
    # The window and the older history of active opportunities are two queries,
    # not one with an OR, which SQLite would answer by walking every interaction
    # ever logged.
    recent = Through.objects.filter(
        interaction__owner=owner,
        interaction__occurred_on__gte=start,
        interaction__occurred_on__lte=facts.on,
    ).values_list(*COLUMNS)
    # Only the opportunity index narrows this one; a date condition here would
    # tempt SQLite into the (owner, day) index and a walk through all history.
    # The opportunities are the owner's, so their interactions are too.
    older = Through.objects.filter(interaction__opportunity_id__in=active_ids).values_list(
        *COLUMNS
    )
    older_rows = [row for row in fetch_rows(older) if row[2] < start]
    build(facts, itertools.chain(fetch_rows(recent), older_rows))


def load_interactions_of(
    facts: Facts, owner, start: dt.date, active_ids: list[int], scope: Scope
) -> None:
    """What ``load_interactions`` reads, for the scope's people and opportunities only.

    Every interaction with one of ``scope.people`` and every one about one of
    ``scope.opportunities`` or about an opportunity those people's interactions
    are about (in the window, or older about an active opportunity), with all
    its people; and every interaction from ``scope.since`` on. What a person's or
    an opportunity's rules read of them is then exactly what the full load reads
    (the incremental sync relies on it).
    """
    on, active = facts.on, set(active_ids)
    window = Q(interaction__occurred_on__gte=start, interaction__occurred_on__lte=on)
    older = Q(interaction__occurred_on__lt=start, interaction__opportunity_id__in=active_ids)
    ids: set[int] = set()
    opportunities = set(scope.opportunities)
    for chunk in chunks(sorted(scope.people)):
        found = Through.objects.filter(person_id__in=chunk).filter(window | older)
        for interaction_id, opp_id in found.values_list(
            "interaction_id", "interaction__opportunity_id"
        ):
            ids.add(interaction_id)
            if opp_id is not None:
                opportunities.add(opp_id)
    for chunk in chunks(sorted(opportunities)):
        about = Interaction.objects.filter(opportunity_id__in=chunk)
        recent = about.filter(occurred_on__gte=start, occurred_on__lte=on)
        ids.update(recent.values_list("id", flat=True))
        still_active = active.intersection(chunk)
        if still_active:
            earlier = Interaction.objects.filter(
                opportunity_id__in=still_active, occurred_on__lt=start
            )
            ids.update(earlier.values_list("id", flat=True))
    if scope.since is not None:
        week = Interaction.objects.filter(owner=owner, occurred_on__gte=scope.since)
        ids.update(week.filter(occurred_on__lte=on).values_list("id", flat=True))
    rows: list[tuple] = []
    for chunk in chunks(sorted(ids)):
        rows += fetch_rows(Through.objects.filter(interaction_id__in=chunk).values_list(*COLUMNS))
    build(facts, rows)


def build(facts: Facts, rows: Iterable[tuple]) -> None:
    """``facts.interactions`` from rows of ``COLUMNS``, oldest first."""
    # Once per row, tens of thousands of rows: plain dicts and tuples, and the
    # dataclasses made once per interaction, in order.
    # Most interactions have one person: a tuple, grown in the rare other case
    # (a list each would be that many more objects for the garbage collector).
    people: dict[int, tuple[int, ...]] = {}
    heads: list[tuple] = []
    known = facts.people
    for row in rows:
        interaction_id, person_id = row[0], row[10]
        found = people.get(interaction_id)
        if found is None:
            people[interaction_id] = (person_id,)
            heads.append(row)
        else:
            people[interaction_id] = (*found, person_id)
        if person_id not in known:  # ``remember``, inlined
            known[person_id] = PersonFact(person_id, row[11], row[12])
    heads.sort(key=_order)
    facts.interactions = [
        InteractionFact(
            h[0], h[1], h[2], h[3],
            _sorted(people[h[0]]),
            h[4], bool(h[5]), bool(h[6]), bool(h[7]), bool(h[8]), h[9],
        )
        for h in heads
    ]  # fmt: skip


def _sorted(people: tuple[int, ...]) -> tuple[int, ...]:
    return people if len(people) == 1 else tuple(sorted(people))


def _order(row: tuple) -> tuple[dt.date, int]:
    """``InteractionFact.order`` of a row of ``COLUMNS``: its day, then its id."""
    return row[2], row[0]


def load_ledger(facts: Facts) -> None:
    """Asks and gives of the last ``LEDGER_DAYS``, from the interactions already read."""
    since = facts.on - dt.timedelta(days=LEDGER_DAYS)
    facts.ledger = [
        LedgerEntry(person_id, i.id, i.on, i.asked, i.gave)
        for i in facts.interactions
        if (i.asked or i.gave) and i.on >= since
        for person_id in i.people
    ]


def load_closed_tasks(facts: Facts, owner, start: dt.date, zone) -> None:
    since = dt.datetime.combine(start, dt.time(), tzinfo=zone)
    rows = (
        Task.objects.filter(owner=owner, status__in=[TaskStatus.DONE, TaskStatus.DISMISSED])
        .exclude(rule=Rule.MANUAL)
        .filter(Q(rule=Rule.DECISION_FOLLOW_UP) | Q(completed_at__gte=since))
        .values_list("key", "rule", "status", "person_id", "completed_at", "due")
    )
    facts.closed_tasks = [
        ClosedTask(key, rule, status, person_id, day_of(done, zone) if done else due)
        for key, rule, status, person_id, done, due in rows
    ]


def load_history(facts: Facts, owner, start: dt.date, zone, people: bool) -> None:
    """Stage changes and (with ``people``) people added in the window, for summaries."""
    facts.stage_changes = list(
        StageChange.objects.filter(opportunity__owner=owner, on__gte=start, on__lte=facts.on)
        .order_by("on", "id")
        .values_list("opportunity_id", "stage", "on")
    )
    if not people:
        return
    since = dt.datetime.combine(start, dt.time(), tzinfo=zone)
    rows = (
        Person.objects.filter(owner=owner)
        .filter(Q(met_on__gte=start) | Q(created_at__gte=since))
        .values_list("id", "name", "situation", "met_on", "created_at")
    )
    for person_id, name, situation, met_on, created in rows:
        days = added_days(met_on, created, zone, start, facts.on)
        if days:
            remember(facts, person_id, name, situation)
            facts.added_people[person_id] = days


def added_days(met_on, created, zone, start: dt.date, on: dt.date) -> tuple[dt.date, ...]:
    """The days a person counts as a new contact: met, or added (in the owner's zone),
    from ``start`` to ``on`` (``engine.weekly`` counts them the same way for many owners)."""
    return tuple(sorted(
        day for day in {met_on, day_of(created, zone)} if day is not None and start <= day <= on
    ))
