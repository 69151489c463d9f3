"""CSV, one file per entity, for spreadsheets: opens cleanly in Excel and LibreOffice.

UTF-8 with a byte-order mark (so Excel reads accents right), the ``csv``
module's quoting (commas, quotes and line breaks inside a value stay inside
it), CRLF line ends, one header row, dates in ISO 8601 and lists (emails,
tags, people) joined with ``"; "``. A cell that a spreadsheet would run as a
formula (``=...``, ``@...``, ``+`` or ``-`` followed by something other than a
number or a space) gets a leading apostrophe: an exported name must never run code.
The JSON backup, not this, is the lossless copy.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from django.db.models import Prefetch, QuerySet

from followthrough.tracker.models import (
    Interaction,
    Opportunity,
    OpportunityPerson,
    Organization,
    Person,
    Task,
)
from followthrough.tracker.services.jobfields import with_applied_on

BOM = "\ufeff"
JOIN = "; "
CHUNK = 2_000
# A yearless birthday (--MM-DD) is ISO 8601, written by us: not a formula.
_FORMULA = re.compile(r"^(?:[=@\t\r]|[+-](?![\d ])(?!-\d\d-\d\d$))")


@dataclass(frozen=True)
class Entity:
    """One CSV file: its name, its header row, its rows for an owner."""

    name: str
    header: tuple[str, ...]
    rows: Callable[[Any], Iterable[Iterable[Any]]]


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _num(value) -> Any:
    return "" if value is None else value


def _hhmm(value) -> str:
    return value.isoformat("minutes") if value else ""


def _chunked(queryset: QuerySet) -> Iterator:
    # iterator() with prefetch_related prefetches per chunk: memory stays flat.
    return queryset.order_by("pk").iterator(chunk_size=CHUNK)


def _people(owner) -> Iterator[list]:
    people = (
        Person.objects.filter(owner=owner)
        .select_related("organization", "introduced_by")
        .prefetch_related("tags")
    )
    for p in _chunked(people):
        yield [
            p.pk, p.name, JOIN.join(p.emails), JOIN.join(p.phones), p.linkedin_url,
            p.organization.name if p.organization else "", p.title, p.get_situation_display(),
            p.how_met, _iso(p.met_on), p.introduced_by.name if p.introduced_by else "",
            p.birthday_display, p.cadence_days or "", JOIN.join(t.name for t in p.tags.all()),
            p.notes,
        ]  # fmt: skip


def _organizations(owner) -> Iterator[list]:
    for org in _chunked(Organization.objects.filter(owner=owner)):
        yield [org.pk, org.name, org.website, org.notes, org.culture_notes]


def _opportunities(owner) -> Iterator[list]:
    involved = OpportunityPerson.objects.select_related("person").order_by("role", "person__name")
    opportunities = with_applied_on(
        Opportunity.objects.filter(owner=owner)
        .select_related("organization", "referred_by")
        .prefetch_related(Prefetch("involved", queryset=involved), "tags")
    )
    for o in _chunked(opportunities):
        yield [
            o.pk, o.role, o.organization.name, o.get_stage_display(), _iso(o.stage_changed_on),
            o.get_source_display(), o.referred_by.name if o.referred_by else "", o.interest,
            _iso(o.decision_date), _iso(o.offer_deadline), o.posting_url,
            JOIN.join(f"{ln.person.name} ({ln.get_role_display()})" for ln in o.involved.all()),
            o.notes, o.location, _yes(o.remote), _num(o.salary_min), _num(o.salary_max),
            o.salary_currency, o.salary_unit, _iso(o.posted_on), _iso(o.apply_by),
            _iso(o.applied_on), JOIN.join(t.name for t in o.tags.all()), o.description,
        ]  # fmt: skip


def _interactions(owner) -> Iterator[list]:
    interactions = (
        Interaction.objects.filter(owner=owner)
        .select_related("opportunity__organization")
        .prefetch_related(Prefetch("people", queryset=Person.objects.order_by("name")))
    )
    for i in _chunked(interactions):
        yield [
            i.pk, _iso(i.occurred_on), _hhmm(i.occurred_time),
            i.get_kind_display(), i.get_direction_display() if i.direction else "",
            JOIN.join(p.name for p in i.people.all()), str(i.opportunity) if i.opportunity else "",
            i.summary, i.rapport_note, _yes(i.awaiting_reply), _yes(i.asked), _yes(i.gave),
            _yes(i.clear_no), _iso(i.decision_date),
        ]  # fmt: skip


def _tasks(owner) -> Iterator[list]:
    tasks = Task.objects.filter(owner=owner).select_related("person", "opportunity__organization")
    for t in _chunked(tasks):
        yield [
            t.pk, _iso(t.due), t.title, t.rule, t.reason, t.get_status_display(),
            _iso(t.snoozed_until), t.person.name if t.person else "",
            str(t.opportunity) if t.opportunity else "",
            t.completed_at.isoformat(timespec="seconds") if t.completed_at else "",
        ]  # fmt: skip


ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        Entity(
            "people",
            ("Id", "Name", "Emails", "Phones", "LinkedIn", "Organization", "Title", "Situation",
             "How met", "Met on", "Introduced by", "Birthday", "Cadence (days)", "Tags", "Notes"),
            _people,
        ),
        Entity(
            "organizations", ("Id", "Name", "Website", "Notes", "Culture notes"), _organizations
        ),
        Entity(
            "opportunities",
            ("Id", "Role", "Organization", "Stage", "Stage changed on", "Source", "Referred by",
             "Interest", "Decision date", "Offer deadline", "Posting", "People", "Notes",
             "Location", "Remote", "Salary min", "Salary max", "Currency", "Salary per",
             "Posted on", "Apply by", "Applied on", "Tags", "Description"),
            _opportunities,
        ),
        Entity(
            "interactions",
            ("Id", "Date", "Time", "Kind", "Direction", "People", "Opportunity", "Summary",
             "Rapport note", "Awaiting reply", "Asked", "Gave", "Clear no", "Decision date"),
            _interactions,
        ),
        Entity(
            "tasks",
            ("Id", "Due", "Title", "Rule", "Reason", "Status", "Snoozed until", "Person",
             "Opportunity", "Completed at"),
            _tasks,
        ),
    )
}  # fmt: skip


def entity(name: str, field: str = "entity") -> Entity:
    """The entity called ``name``; ``InputError`` naming the choices otherwise."""
    from followthrough.tracker.services.errors import InputError

    found = ENTITIES.get((name or "").strip().lower())
    if found is None:
        raise InputError(
            f"{field}: {name!r} is not something to export as CSV; choose one of "
            f"{', '.join(ENTITIES)}.",
            field,
        )
    return found


def cell(value: Any) -> Any:
    """A value as a spreadsheet should see it: text that looks like a formula is defused."""
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


class _Line:
    """A file-like object that hands back what ``csv.writer`` wrote for one row."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text = text


def csv_chunks(owner, name: str, rows_per_chunk: int = 500) -> Iterator[str]:
    """The CSV of entity ``name`` for ``owner``, as text pieces (BOM first)."""
    found = entity(name)
    line = _Line()
    writer = csv.writer(line, lineterminator="\r\n")
    writer.writerow(found.header)
    yield BOM + line.text
    pieces = []
    for row in found.rows(owner):
        writer.writerow([cell(v) for v in row])
        pieces.append(line.text)
        if len(pieces) == rows_per_chunk:
            yield "".join(pieces)
            pieces = []
    if pieces:
        yield "".join(pieces)


def write_csv(owner, name: str, out: TextIO) -> int:
    """Write entity ``name``'s CSV to ``out`` (opened with ``newline=""``); return the rows."""
    rows = -1
    for piece in csv_chunks(owner, name, rows_per_chunk=1):
        out.write(piece)
        rows += 1
    return rows
