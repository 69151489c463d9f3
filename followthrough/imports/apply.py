"""Writing what a reader read: all of it in one transaction, or none of it.

People already there are matched (``matcher``) and only their empty fields are
filled, so importing the same file twice creates nothing and says so. New
people and organizations go in with ``bulk_create``: a 30,000-row LinkedIn file
takes a couple of seconds, not a query per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db import transaction

from followthrough.tracker.models import (
    Direction,
    Interaction,
    Kind,
    Opportunity,
    OpportunityPerson,
    Organization,
    Person,
    Role,
    Situation,
    Source,
    Stage,
    StageChange,
)
from followthrough.tracker.services.locks import lock_workspace
from followthrough.tracker.services.people import tags_for

from . import fastinsert
from .checks import check_records
from .matcher import Matcher
from .records import LABELS, Read, Record, name_key

BATCH = 1000
Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class Outcome:
    """What an import did (or, for a dry run, would do)."""

    kind: str
    filename: str
    rows: int = 0
    people_created: int = 0
    people_updated: int = 0
    people_unchanged: int = 0
    organizations_created: int = 0
    opportunities_created: int = 0
    interactions_created: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unit: str = "row"
    dry_run: bool = False

    @property
    def created(self) -> int:
        return (
            self.people_created + self.organizations_created
            + self.opportunities_created + self.interactions_created
        )  # fmt: skip

    @property
    def nothing_new(self) -> bool:
        return self.created == 0 and self.people_updated == 0

    def headline(self) -> str:
        """One line: what was (or would be) created, updated and skipped."""
        verb = "Would import" if self.dry_run else "Imported"
        label = LABELS.get(self.kind, self.kind)
        if self.nothing_new and self.rows and not self.people_unchanged:
            skipped = _count(len(self.skipped), self.unit, f"{self.unit}s", "skipped")
            return f"Nothing to import from {self.filename} ({label}): " + (
                f"{skipped}." if skipped else "no row names a person."
            )
        if self.nothing_new and self.rows:
            already = (
                f"{self.people_unchanged} {_plural(self.people_unchanged, 'person', 'people')}"
            )
            return f"Nothing new in {self.filename} ({label}): all {already} are already here" + (
                f"; {len(self.skipped)} skipped." if self.skipped else "."
            )
        parts = [
            _count(self.people_created, "person", "people", "created"),
            _count(self.people_updated, "person", "people", "updated"),
            _count(self.people_unchanged, "person", "people", "already up to date"),
            _count(self.organizations_created, "organization", "organizations", "created"),
            _count(self.opportunities_created, "opportunity", "opportunities", "created"),
            _count(self.interactions_created, "interaction", "interactions", "created"),
            _count(len(self.skipped), self.unit, f"{self.unit}s", "skipped"),
        ]
        body = ", ".join(p for p in parts if p) or "nothing to import"
        return f"{verb} {self.filename} ({label}): {body}."

    def skipped_lines(self) -> list[str]:
        return [f"{self.unit} {row}: {reason}" for row, reason in self.skipped]

    def to_json(self) -> dict:
        data = asdict(self)
        data["skipped"] = [{self.unit: row, "reason": reason} for row, reason in self.skipped]
        data["created"] = self.created
        data["nothing_new"] = self.nothing_new
        data["message"] = self.headline()
        return data


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _count(n: int, one: str, many: str, what: str) -> str:
    return f"{n} {_plural(n, one, many)} {what}" if n else ""


def import_records(
    owner,
    read: Read,
    *,
    today: dt.date,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Outcome:
    """Write ``read``'s records for ``owner`` in one transaction.

    A ``dry_run`` does everything and then rolls it back, so its counts are
    exactly what a real run would do. Any error leaves the workspace as it was.
    """
    check_records(read)
    outcome = Outcome(
        read.kind, read.filename, rows=read.rows, skipped=list(read.skipped),
        notes=list(read.notes), unit=read.unit, dry_run=dry_run,
    )  # fmt: skip
    with transaction.atomic():
        lock_workspace(owner)  # one import (or restore) of an owner at a time
        _Writer(owner, outcome, today, progress).write(read.records)
        if dry_run:
            transaction.set_rollback(True)
    outcome.skipped.sort()
    return outcome


class _Writer:
    def __init__(self, owner, outcome: Outcome, today: dt.date, progress: Progress | None):
        self.owner, self.outcome, self.today, self.progress = owner, outcome, today, progress
        self.orgs: dict[str, Organization] = {}
        self.first_row: dict[int, int] = {}  # id() of a new person -> the row that made them

    def write(self, records: list[Record]) -> None:
        self._organizations(records)
        pairs = self._people(records)
        self._tags(pairs)
        self._opportunities(pairs)
        self._interactions(pairs)

    # Organizations ------------------------------------------------------------

    def _organizations(self, records: list[Record]) -> None:
        for org in Organization.objects.filter(owner=self.owner).only("id", "name", "website"):
            self.orgs.setdefault(name_key(org.name), org)
        new, websites = [], []
        for record in records:
            key = name_key(record.organization)
            if not key:
                continue
            org = self.orgs.get(key)
            if org is None:
                org = Organization(owner=self.owner, name=record.organization[:200])
                self.orgs[key] = org
                new.append(org)
            if record.website and not org.website:
                org.website = record.website
                if org.pk:
                    websites.append(org)
        fastinsert.insert(Organization, new)
        Organization.objects.bulk_update(websites, ["website"], batch_size=BATCH)
        self.outcome.organizations_created = len(new)

    def org_for(self, record: Record) -> Organization | None:
        return self.orgs.get(name_key(record.organization))

    # People -------------------------------------------------------------------

    def _people(self, records: list[Record]) -> list[tuple[Record, Person | None]]:
        matcher = Matcher(self.owner)
        first_matches = [matcher.find(r) if r.name else None for r in records]
        existing = self._existing(first_matches)
        new: list[Person] = []
        updated: dict[int, Person] = {}
        unchanged: set[int] = set()
        pairs: list[tuple[Record, Person | None]] = []
        for done, (record, target) in enumerate(zip(records, first_matches, strict=True), 1):
            if self.progress and done % 500 == 0:
                self.progress(done, len(records))
            if not record.name:  # an organization-only row of a spreadsheet
                pairs.append((record, None))
                continue
            if target is None:  # perhaps someone an earlier row of this file made
                target = matcher.find(record)
            if target is None:
                person = self._new_person(record)
                new.append(person)
                self.first_row[id(person)] = record.row
                matcher.add(
                    person, person.name, person.emails, person.linkedin_url, record.organization
                )
            elif isinstance(target, int):
                person = existing[target]
                if fill(person, record, self.org_for(record)):
                    updated[person.pk] = person
                elif person.pk not in updated:
                    unchanged.add(person.pk)
            else:
                person = target
                fill(person, record, self.org_for(record))
                first = self.first_row[id(person)]
                self.outcome.skipped.append(
                    (record.row, f"the same person as {self.outcome.unit} {first}; merged into it.")
                )
            pairs.append((record, person))
        fastinsert.insert(Person, new)
        Person.objects.bulk_update(list(updated.values()), FILLED, batch_size=BATCH)
        if self.progress:
            self.progress(len(records), len(records))
        self.outcome.people_created = len(new)
        self.outcome.people_updated = len(updated)
        self.outcome.people_unchanged = len(unchanged - set(updated))
        return pairs

    def _existing(self, matches: list) -> dict[int, Person]:
        ids = sorted({t for t in matches if isinstance(t, int)})
        found: dict[int, Person] = {}
        columns = ["id", "name", *(f if f != "organization" else "organization_id" for f in FILLED)]
        for start in range(0, len(ids), BATCH):
            chunk = Person.objects.filter(owner=self.owner, pk__in=ids[start : start + BATCH])
            for values in chunk.values(*columns):
                person = fastinsert.new(Person, owner_id=self.owner.pk, **values)
                person._state.adding = False
                found[person.pk] = person
        return found

    def _new_person(self, record: Record) -> Person:
        year, month, day = record.birthday or (None, None, None)
        org = self.org_for(record)
        return fastinsert.new(
            Person,
            owner_id=self.owner.pk,
            name=" ".join(record.name.split())[:200],
            emails=_unique(record.emails),
            phones=_unique(record.phones),
            linkedin_url=record.linkedin_url[:400],
            organization_id=org.pk if org else None,
            title=record.title[:200],
            situation=record.situation or Situation.UNKNOWN,
            how_met=record.how_met[:300],
            met_on=record.met_on,
            birthday_year=year,
            birthday_month=month,
            birthday_day=day,
            notes=record.notes,
            cadence_days=record.cadence_days,
        )

    # Tags, opportunities, interactions (spreadsheets and contact groups) -----------

    def _tags(self, pairs: list[tuple[Record, Person | None]]) -> None:
        names = {name_key(t): t for record, _ in pairs for t in record.tags}
        if not names:
            return
        tags = {name_key(t.name): t for t in tags_for(self.owner, list(names.values()))}
        through = Person.tags.through
        links = {
            (person.pk, tags[name_key(t)].pk)
            for record, person in pairs
            if person is not None
            for t in record.tags
        }
        through.objects.bulk_create(
            [through(person_id=p, tag_id=t) for p, t in links],
            batch_size=BATCH,
            ignore_conflicts=True,
        )

    def _opportunities(self, pairs: list[tuple[Record, Person | None]]) -> None:
        known = {
            (org_id, name_key(role)): pk
            for pk, org_id, role in Opportunity.objects.filter(owner=self.owner).values_list(
                "pk", "organization_id", "role"
            )
        }
        for record, person in pairs:
            if not record.role:
                continue
            org = self.org_for(record)
            key = (org.pk, name_key(record.role))
            if key not in known:
                known[key] = self._new_opportunity(record, org).pk
                self.outcome.opportunities_created += 1
            record.opportunity_id = known[key]
            if person is not None:
                OpportunityPerson.objects.get_or_create(
                    opportunity_id=known[key], person_id=person.pk, defaults={"role": Role.OTHER}
                )

    def _new_opportunity(self, record: Record, org: Organization) -> Opportunity:
        stage = record.stage or (Stage.APPLIED if record.applied_on else Stage.LEAD)
        on = record.applied_on or self.today
        opp = Opportunity.objects.create(
            owner=self.owner,
            organization=org,
            role=record.role[:200],
            source=record.source or Source.POSTING,
            stage=stage,
            stage_changed_on=on,
            interest=min(max(record.interest or 3, 1), 5),
            decision_date=record.decision_date,
            offer_deadline=record.offer_deadline,
            posting_url=record.posting_url[:500],
            notes=record.opportunity_notes,
        )
        if record.applied_on and stage != Stage.APPLIED:
            StageChange.objects.create(opportunity=opp, stage=Stage.APPLIED, on=on)
        StageChange.objects.create(opportunity=opp, stage=stage, on=on)
        return opp

    def _interactions(self, pairs: list[tuple[Record, Person | None]]) -> None:
        wanted = [(r, p) for r, p in pairs if r.has_interaction and p is not None]
        for record, _ in pairs:
            if record.has_interaction and not record.name:
                self.outcome.skipped.append(
                    (record.row, "the interaction was not imported: the row names no person.")
                )
        if not wanted:
            return
        through = Interaction.people.through
        seen = {
            (pid, kind, on, summary)
            for pid, kind, on, summary in through.objects.filter(
                person_id__in=[p.pk for _, p in wanted]
            ).values_list(
                "person_id", "interaction__kind", "interaction__occurred_on", "interaction__summary"
            )
        }
        made: list[tuple[Interaction, Person]] = []
        for record, person in wanted:
            kind = record.kind or Kind.NOTE
            key = (person.pk, kind, record.occurred_on, record.summary)
            if key in seen:
                continue
            seen.add(key)
            direction = record.direction or (Direction.NONE if kind == Kind.NOTE else "out")
            made.append((Interaction(
                owner=self.owner, kind=kind, occurred_on=record.occurred_on,
                direction=direction, summary=record.summary,
                opportunity_id=record.opportunity_id,
            ), person))  # fmt: skip
        fastinsert.insert(Interaction, [i for i, _ in made])
        through.objects.bulk_create(
            [through(interaction_id=i.pk, person_id=p.pk) for i, p in made], batch_size=BATCH
        )
        self.outcome.interactions_created = len(made)


FILLED = [
    "emails", "phones", "linkedin_url", "organization", "title", "situation", "how_met",
    "met_on", "birthday_year", "birthday_month", "birthday_day", "notes", "cadence_days",
]  # fmt: skip


def fill(person: Person, record: Record, org: Organization | None) -> bool:
    """Fill ``person``'s empty fields from ``record`` (never overwrite); ``True`` if any changed."""
    changed = False
    for attr in ("emails", "phones"):
        have = {v.casefold() for v in getattr(person, attr)}
        extra = [v for v in _unique(getattr(record, attr)) if v.casefold() not in have]
        if extra:
            setattr(person, attr, [*getattr(person, attr), *extra])
            changed = True
    for attr in ("linkedin_url", "title", "how_met", "notes", "met_on", "cadence_days"):
        if not getattr(person, attr) and getattr(record, attr):
            setattr(person, attr, getattr(record, attr))
            changed = True
    if person.organization_id is None and org is not None:
        person.organization = org
        changed = True
    if person.situation == Situation.UNKNOWN and record.situation:
        person.situation = record.situation
        changed = True
    if not person.birthday_month and record.birthday:
        person.birthday_year, person.birthday_month, person.birthday_day = record.birthday
        changed = True
    return changed


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        value = value.strip()
        if value:
            seen.setdefault(value.casefold(), value)
    return list(seen.values())
