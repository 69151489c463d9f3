"""Loading people: cadences, birthdays, whom to reach out to, the buddy, the network mix."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection

from django.db.models import Exists, Max, OuterRef, Q

from followthrough.tracker.models import (
    ACTIVE_STAGES,
    Kind,
    OpportunityPerson,
    Person,
    Role,
    Stage,
    Tag,
)

from ..dates import birthday_in
from .model import (
    BIRTHDAY_GRACE_DAYS,
    HIRING_SIDE,
    REACH_OUT_SITUATIONS,
    RECENT_CONTACT_DAYS,
    BirthdayFact,
    CadenceFact,
    Facts,
    PersonFact,
)
from .reading import (
    Through,
    chunks,
    day_of,
    fetch_rows,
    not_awaited,
    owned_by,
    remember,
)


def load_cadences(
    facts: Facts, owner, zone, start: dt.date, only: Collection[int] | None = None
) -> None:
    """People with a cadence, and when each was last in contact (``only`` these, if given).

    Most are found in the window already read; only the others cost an
    aggregate over their whole history (a query for the few, not the many).
    """
    wanted = Q(cadence_days__gt=0)
    default = facts.settings.default_cadence_days
    if default:
        wanted |= Q(cadence_days__isnull=True) & keeps_in_touch_by_default()
    # Unordered (the model's order by name would walk the name index, row by row)
    # and read straight from the cursor: tens of thousands of rows by default.
    people = fetch_rows(
        _people(owner, only)
        .filter(wanted)
        .order_by()
        .values_list(
            "id", "name", "situation", "cadence_days", "met_on", "created_at",
            "facts__last_contact",
        )
    )  # fmt: skip
    seen: dict[int, dt.date] = {}
    for interaction in facts.interactions:
        if interaction.is_contact and interaction.on >= start:
            for person_id in interaction.people:
                seen[person_id] = interaction.on  # oldest first: the last one wins
    # The last contact kept on write (``PersonFacts``) is the answer when it is
    # before the window; within it, the window's interactions say it; after
    # ``on`` (an interaction logged ahead, an agenda of a past day), only an
    # aggregate over those few people's history can: they are done after the
    # one pass over everyone.
    known, cadences, on = facts.people, facts.cadences, facts.on
    ahead: dict[int, tuple[int, tuple]] = {}  # person -> (index in cadences, row)
    for row in people:
        person_id, name, situation, cadence, met_on, created, kept = row
        if person_id not in known:  # ``remember``, inlined: once per person followed
            known[person_id] = PersonFact(person_id, name, situation)
        last = seen.get(person_id)
        if last is None and kept is not None:
            if kept < start:
                last = kept
            elif kept > on:
                ahead[person_id] = (len(cadences), row)
        added = day_of(created, zone) if last is None else None  # see ``CadenceFact``
        cadences.append(
            CadenceFact(person_id, cadence or default, last, met_on, added, cadence is None)
        )
    if ahead:
        _last_contact_before(ahead, cadences, start, zone)


def _last_contact_before(
    ahead: dict[int, tuple[int, tuple]], cadences: list[CadenceFact], start: dt.date, zone
) -> None:
    """The cadences of ``ahead`` with their last contact before ``start``, by aggregate."""
    contact = Q(interactions__occurred_on__lt=start) & ~Q(interactions__kind=Kind.NOTE)
    found: dict[int, dt.date | None] = {}
    for chunk in chunks(list(ahead)):
        found.update(
            Person.objects.filter(pk__in=chunk)
            .annotate(last=Max("interactions__occurred_on", filter=contact))
            .order_by()
            .values_list("id", "last")
        )
    for person_id, (index, row) in ahead.items():
        last = found.get(person_id)
        added = day_of(row[5], zone) if last is None else None
        cadences[index] = dataclasses.replace(cadences[index], last_contact=last, added_on=added)


def keeps_in_touch_by_default() -> Q:
    """Who gets the default cadence when the seeker set none (seeds 002 and 004).

    The hiring side of an opportunity no longer waited on (a recruiter one withdrew
    from, a hiring manager who said no, the new employer), and the people who
    helped: referrers, people asked for something, people who introduced you to
    someone, and people met for an informational interview, a coffee, a meeting
    or a call. Someone on the hiring side of an opportunity still waited on is
    left to rules 2 and 3.
    """
    waiting = ACTIVE_STAGES - {Stage.OFFER}
    hiring_side = OpportunityPerson.objects.filter(
        person_id=OuterRef("pk"), role__in=HIRING_SIDE
    ).exclude(opportunity__stage__in=waiting)
    referred = OpportunityPerson.objects.filter(person_id=OuterRef("pk"), role=Role.REFERRER)
    introduced = Person.objects.filter(introduced_by_id=OuterRef("pk"))
    # SQLite tries the terms in this order, per person: the kept count first
    # (it answers for most), the correlated subqueries only for the rest.
    return (
        Q(facts__helps__gt=0)  # asked, or met (``PersonFacts``)
        | Exists(referred)
        | Exists(introduced)
        | (Exists(hiring_side) & not_awaited())
    )


def _people(owner, only: Collection[int] | None):
    """The owner's people, or ``only`` these (at most ``MAX_IDS``: the incremental sync's)."""
    if only is None:
        return Person.objects.filter(owner=owner)
    # By id, not through the (owner, ...) indexes (``owned_by``).
    return Person.objects.filter(owned_by(owner), pk__in=list(only))


def load_birthdays(
    facts: Facts, owner, since: dt.date | None = None, only: Collection[int] | None = None
) -> None:
    first = facts.on - dt.timedelta(days=BIRTHDAY_GRACE_DAYS)
    if since is not None:
        first = min(first, since)
    days = [facts.on - dt.timedelta(days=n) for n in range((facts.on - first).days + 1)]
    wanted = {(day.month, day.day) for day in days}
    for day in days:
        if (day.month, day.day) == (2, 28) and birthday_in(day.year, 2, 29) == day:
            wanted.add((2, 29))
    # By month through the (owner, month, day) index; the days are sorted out here.
    # Unordered: the model's order by name would walk everyone through the name index.
    rows = (
        _people(owner, only)
        .filter(birthday_month__in={month for month, _ in wanted})
        .order_by()
        .values_list("id", "name", "situation", "birthday_month", "birthday_day", "birthday_year")
    )
    for person_id, name, situation, month, day, year in rows:
        if (month, day) in wanted:
            remember(facts, person_id, name, situation)
            facts.birthdays.append(BirthdayFact(person_id, month, day, year))


def load_reach_out(facts: Facts, owner) -> None:
    """A few employed or hiring-side people nobody has talked to lately.

    Ordered by id (the people known longest) rather than by name, so SQLite
    walks the table and stops after a dozen instead of sorting the network.
    """
    recent = Through.objects.filter(
        person_id=OuterRef("pk"),
        interaction__occurred_on__gte=facts.on - dt.timedelta(days=RECENT_CONTACT_DAYS),
        interaction__occurred_on__lte=facts.on,
    )
    rows = (
        Person.objects.filter(owner=owner, situation__in=REACH_OUT_SITUATIONS)
        .filter(~Exists(recent))
        .filter(not_awaited())
        .order_by("id")
        .values_list("id", "name", "situation")[:12]
    )
    rank = {situation: n for n, situation in enumerate(REACH_OUT_SITUATIONS)}
    found = sorted(rows, key=lambda row: (rank[row[2]], row[0]))
    for person_id, name, situation in found:
        remember(facts, person_id, name, situation)
    facts.reach_out = [row[0] for row in found]


def load_buddy(facts: Facts, owner) -> None:
    """The search buddy as a person: tagged "buddy" (or "search buddy"), or named in Settings."""
    # From the tags (a few) to the people, not through everyone the owner knows.
    tags = Tag.objects.filter(owner=owner).filter(
        Q(name__iexact="buddy") | Q(name__iexact="search buddy")
    )
    candidates = []
    if tags.exists():
        tagged = Person.objects.filter(owned_by(owner), tags__in=tags.values("id"))
        candidates += tagged.order_by("id").values_list("id", "name", "situation")[:1]
    if facts.settings.buddy:
        named = Person.objects.filter(owner=owner, name__iexact=facts.settings.buddy)
        candidates += named.order_by("id").values_list("id", "name", "situation")[:1]
    found = min(candidates, default=None)
    if found:
        remember(facts, *found)
        facts.buddy_id = found[0]


def count_situations(owner) -> dict[str, int]:
    from django.db.models import Count

    rows = (
        Person.objects.filter(owner=owner)
        .order_by()
        .values_list("situation")
        .annotate(n=Count("id"))
    )
    return {situation: n for situation, n in rows}
