"""Raw messages in, interactions out.

Every message whose From, To or Cc holds a known person's address becomes an
``email`` interaction with each such person: outbound when it is From one of
the seeker's own addresses, inbound otherwise; on the Date header's day in the
workspace time zone; the decoded Subject as its summary. The Message-ID is the
key: a message seen before adds nothing. When the seeker already logged that
email by hand (same person, day and direction), the message is matched to it
and the hand-logged interaction is left as it is.

Messages with no known person are not logged: their addresses are counted in
``UnknownAddress`` (the "people you wrote with who are not here yet" list).

``Ingest.add`` takes one batch and writes it; the caller holds the transaction:
a whole file for an import (all or nothing), one batch of UIDs for IMAP (so a
dropped connection keeps every batch before it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q

from followthrough.imports import fastinsert
from followthrough.tracker.models import (
    ACTIVE_STAGES,
    Interaction,
    Kind,
    Opportunity,
    OpportunityPerson,
    Person,
)
from followthrough.tracker.models import Direction as LogDirection
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import owner_zone

from . import ics, parsing, phrases, threads
from .addresses import known_people
from .models import Direction, MailMessage, Suggestion, SuggestionKind, UnknownAddress
from .settings import mail_settings

CHUNK = 500
_NO_REPLY = re.compile(
    r"^(no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster|notifications?|bounce)",
    re.I,
)
# Domains shared by many organizations: a sender there says nothing about the employer.
_SHARED_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com",
        "icloud.com", "me.com", "aol.com", "gmx.de", "gmx.net", "web.de", "proton.me",
        "protonmail.com", "mail.com", "yandex.ru",
    }
)  # fmt: skip


@dataclass
class MailOutcome:
    read: int = 0
    logged: int = 0
    matched: int = 0
    already: int = 0
    not_known: int = 0
    skipped: int = 0
    suggestions: int = 0
    new_addresses: int = 0
    events: ics.EventOutcome = field(default_factory=ics.EventOutcome)

    def merge(self, other: MailOutcome) -> None:
        for name in ("read", "logged", "matched", "already", "not_known", "skipped",
                     "suggestions", "new_addresses"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("events", "added", "updated", "unchanged", "removed", "no_known_person"):
            setattr(self.events, name, getattr(self.events, name) + getattr(other.events, name))

    def headline(self) -> str:
        parts = [
            f"{self.read} messages read: {self.logged} logged",
            f"{self.matched} matched what you had logged",
            f"{self.already} already imported",
            f"{self.not_known} with no one you know",
        ]
        if self.skipped:
            parts.append(f"{self.skipped} skipped (no date or not a message)")
        line = ", ".join(parts) + "."
        if self.events.events:
            line += f" Invitations: {self.events.added} added, {self.events.updated} updated."
        if self.suggestions:
            line += f" {self.suggestions} suggestions on Today."
        return line

    def to_json(self) -> dict:
        return {
            "read": self.read,
            "logged": self.logged,
            "matched": self.matched,
            "already": self.already,
            "not_known": self.not_known,
            "skipped": self.skipped,
            "suggestions": self.suggestions,
            "new_addresses": self.new_addresses,
            "events": self.events.to_json(),
        }


class Ingest:
    """What one import or sync knows: the owner's addresses, people and opportunities."""

    def __init__(self, owner) -> None:
        self.owner = owner
        self.settings = mail_settings(owner)
        if not self.settings.my_emails:
            raise InputError(
                "Followthrough does not know your own email addresses yet, so it cannot tell "
                "what you sent from what you received; add them with "
                "`followthrough settings --my-email you@example.com` or on the Settings page.",
            )
        self.mine = set(self.settings.my_emails)
        self.index = known_people(owner)
        self.zone = owner_zone(owner)
        self._hand: dict | None = None
        self._opps: tuple[dict, dict, dict] | None = None
        self._full: Callable[[int], bytes] | None = None
        self._revisit: dict[str, int] = {}

    # -- what the owner has -------------------------------------------------

    def hand_logged(self) -> dict[tuple[int, dt.date, str], int]:
        """Email interactions the seeker logged by hand, by (person, day, direction)."""
        if self._hand is None:
            made = set(
                MailMessage.objects.filter(owner=self.owner, made=True)
                .exclude(interaction=None)
                .values_list("interaction_id", flat=True)
            )
            through = Interaction.people.through.objects.filter(
                interaction__owner=self.owner, interaction__kind=Kind.EMAIL
            ).values_list(
                "interaction_id", "person_id", "interaction__occurred_on", "interaction__direction"
            )
            self._hand = {}
            for interaction_id, person_id, on, direction in through.iterator(chunk_size=5000):
                if interaction_id not in made:
                    self._hand.setdefault((person_id, on, direction), interaction_id)
        return self._hand

    def opportunities(self) -> tuple[dict, dict, dict]:
        """Active opportunities by person involved, by the person's organization, by domain."""
        if self._opps is None:
            active = Opportunity.objects.filter(
                owner=self.owner, stage__in=list(ACTIVE_STAGES)
            )
            by_person: dict[int, set[int]] = defaultdict(set)
            for opp_id, person_id in OpportunityPerson.objects.filter(
                opportunity__in=active
            ).values_list("opportunity_id", "person_id"):
                by_person[person_id].add(opp_id)
            by_org: dict[int, set[int]] = defaultdict(set)
            by_domain: dict[str, set[int]] = defaultdict(set)
            for opp_id, org_id, website in active.values_list(
                "id", "organization_id", "organization__website"
            ):
                by_org[org_id].add(opp_id)
                domain = _domain_of_site(website)
                if domain:
                    by_domain[domain].add(opp_id)
            person_org = dict(
                Person.objects.filter(owner=self.owner, organization_id__in=list(by_org))
                .values_list("id", "organization_id")
            )
            for person_id, org_id in person_org.items():
                by_person[person_id] |= by_org[org_id]
            self._opps = (dict(by_person), dict(by_org), dict(by_domain))
        return self._opps

    def _matched_opportunities(self, people: list[int], sender: str) -> set[int]:
        by_person, _, by_domain = self.opportunities()
        found: set[int] = set()
        for person_id in people:
            found |= by_person.get(person_id, set())
        domain = sender.rpartition("@")[2]
        if domain and domain not in _SHARED_DOMAINS:
            labels = domain.split(".")
            for i in range(len(labels) - 1):  # jobs.globex.example, then globex.example
                found |= by_domain.get(".".join(labels[i:]), set())
        return found

    # -- one batch ---------------------------------------------------------

    def add(
        self,
        raws: Iterable[bytes],
        progress: Callable[[int], None] | None = None,
        *,
        full: Callable[[int], bytes] | None = None,
        hints: list[bool] | None = None,
    ) -> MailOutcome:
        """Log one batch. ``raws`` may be headers only (IMAP): then ``full(i)`` fetches
        the whole ``i``-th message when its body is needed, and ``hints[i]`` says
        whether it has a calendar part (from its BODYSTRUCTURE)."""
        outcome = MailOutcome()
        parsed: list[parsing.Parsed] = []
        self._full = full
        for index, raw in enumerate(raws):
            outcome.read += 1
            message = parsing.parse(raw)
            if message is None or message.sent_at is None:
                outcome.skipped += 1
            else:
                message.index = index
                if hints is not None:
                    message.calendar_hint = hints[index]
                parsed.append(message)
            if progress is not None:
                progress(1)
        fresh = self._fresh(parsed, outcome)
        self._write(fresh, outcome)
        return outcome

    def _fresh(self, parsed: list[parsing.Parsed], outcome: MailOutcome) -> list[parsing.Parsed]:
        """The messages not seen before, and those seen with nobody known then (``revisit``)."""
        ids = list({m.message_id for m in parsed})
        seen: set[str] = set()
        self._revisit: dict[str, int] = {}
        for start in range(0, len(ids), CHUNK):
            rows = MailMessage.objects.filter(
                owner=self.owner, message_id__in=ids[start : start + CHUNK]
            ).values_list("message_id", "id", "interaction_id")
            for message_id, pk, interaction_id in rows:
                seen.add(message_id)
                if interaction_id is None:
                    self._revisit[message_id] = pk
        fresh = []
        for message in parsed:
            if message.message_id in seen and message.message_id not in self._revisit:
                outcome.already += 1
                continue
            seen.add(message.message_id)
            fresh.append(message)
        return fresh

    def _write(self, messages: list[parsing.Parsed], outcome: MailOutcome) -> None:
        owner = self.owner
        new_interactions: list[tuple[Interaction, list[int]]] = []
        records: list[tuple[MailMessage, Interaction | None]] = []
        unknown: dict[str, list] = {}
        events: list[ics.Event] = []
        suggestions: list[Suggestion] = []
        keep_snippet = self.settings.keep_snippet
        for message in messages:
            outbound = message.sender[0] in self.mine
            direction = Direction.OUTBOUND if outbound else Direction.INBOUND
            local = message.sent_at.astimezone(self.zone)
            day = local.date()
            people: list[int] = []
            others = []
            for address, name in message.participants():
                if address in self.mine:
                    continue
                person_id = self.index.get(address)
                if person_id is None:
                    others.append((address, name))
                elif person_id not in people:
                    people.append(person_id)
            opp_ids = set() if outbound else self._matched_opportunities(people, message.sender[0])
            body = None
            if message.calendar_hint or (keep_snippet and people) or opp_ids:
                raw = self._full(message.index) if self._full else message.raw
                body = parsing.read_body(raw)
                for data in body.calendars:
                    # A broken invitation does not stop the message.
                    with contextlib.suppress(InputError):
                        events.extend(ics.parse_calendar(data, "invitation", self.zone))
            record = fastinsert.new(
                MailMessage,
                owner_id=owner.pk,
                message_id=message.message_id,
                thread=message.thread,
                direction=direction,
                sent_at=message.sent_at,
                snippet=parsing.snippet(body.text) if body and keep_snippet and people else "",
            )
            interaction = None
            revisit = self._revisit.pop(message.message_id, None)
            if revisit is not None and not people:
                outcome.already += 1  # seen before, still nobody known: counted then
                continue
            if revisit is not None:
                record.pk = revisit  # seen before with nobody known; now someone is here
            if not people:
                outcome.not_known += 1
                for address, name in others:
                    if _NO_REPLY.match(address):
                        continue
                    entry = unknown.setdefault(address, [name, 0, day])
                    entry[0] = entry[0] or name
                    entry[1] += 1
                    entry[2] = max(entry[2], day)
            else:
                log_direction = LogDirection.OUTBOUND if outbound else LogDirection.INBOUND
                hand = self.hand_logged()
                keys = [(p, day, log_direction) for p in people]
                match = next((hand[k] for k in keys if k in hand), None)
                if match is not None:
                    record.interaction_id = match
                    outcome.matched += 1
                else:
                    interaction = fastinsert.new(
                        Interaction,
                        owner_id=owner.pk,
                        kind=Kind.EMAIL,
                        occurred_on=day,
                        occurred_time=local.time().replace(second=0, microsecond=0),
                        direction=log_direction,
                        summary=message.subject,
                        awaiting_reply=outbound,
                    )
                    record.made = True
                    new_interactions.append((interaction, people))
                    outcome.logged += 1
            records.append((record, interaction))
            if opp_ids:
                found = phrases.classify(message.subject, body.text if body else "")
                if found is not None:
                    kind, phrase = found
                    for opp_id in sorted(opp_ids):
                        suggestions.append(
                            Suggestion(
                                owner=owner,
                                kind=SuggestionKind(kind),
                                opportunity_id=opp_id,
                                person_id=people[0] if people else None,
                                message_id=message.message_id,
                                subject=message.subject[:300],
                                phrase=phrase,
                                received_on=day,
                            )
                        )
        fastinsert.insert(Interaction, [i for i, _ in new_interactions])
        through = Interaction.people.through
        links = [
            fastinsert.new(through, interaction_id=i.pk, person_id=p)
            for i, people in new_interactions
            for p in people
        ]
        fastinsert.insert(through, links)
        for record, interaction in records:
            if interaction is not None:
                record.interaction_id = interaction.pk
        revisited = [r for r, _ in records if r.pk is not None]  # before insert sets the others'
        fastinsert.insert(MailMessage, [r for r, _ in records if r.pk is None])
        MailMessage.objects.bulk_update(revisited, ["interaction", "made"], batch_size=CHUNK)
        if suggestions:
            made = Suggestion.objects.bulk_create(suggestions, ignore_conflicts=True)
            outcome.suggestions += len(made)
        outcome.new_addresses += self._count_unknown(unknown)
        threads.settle(owner, {r.thread for r, _ in records if r.direction == Direction.INBOUND}
                       | {r.thread for r, _ in records if r.made})
        if events:
            outcome.events = ics.apply_events(owner, events, index=self.index, mine=self.mine)

    def _count_unknown(self, unknown: dict[str, list]) -> int:
        if not unknown:
            return 0
        addresses = list(unknown)
        existing: dict[str, UnknownAddress] = {}
        for start in range(0, len(addresses), CHUNK):
            for row in UnknownAddress.objects.filter(
                owner=self.owner, address__in=addresses[start : start + CHUNK]
            ):
                existing[row.address] = row
        changed, new = [], []
        for address, (name, count, last_on) in unknown.items():
            row = existing.get(address)
            if row is None:
                new.append(
                    UnknownAddress(
                        owner=self.owner, address=address[:320], name=name[:200], count=count,
                        last_on=last_on,
                    )
                )
            else:
                row.count += count
                row.last_on = max(row.last_on, last_on)
                row.name = row.name or name[:200]
                changed.append(row)
        UnknownAddress.objects.bulk_create(new, batch_size=CHUNK)
        if changed:
            # One plain UPDATE per row: bulk_update's CASE per row costs seconds for thousands.
            table = connection.ops.quote_name(UnknownAddress._meta.db_table)
            adapt = connection.ops.adapt_datefield_value
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {table} SET count = %s, last_on = %s, name = %s WHERE id = %s",
                    [(r.count, adapt(r.last_on), r.name, r.pk) for r in changed],
                )
        return len(new)


def _domain_of_site(website: str) -> str:
    if not website:
        return ""
    host = re.sub(r"^[a-z]+://", "", website.strip().lower()).split("/")[0].split(":")[0]
    return host.removeprefix("www.")


def forget_known(owner) -> int:
    """Drop listed addresses that now belong to a person (after an add or an import)."""
    index = known_people(owner)
    stale = [
        pk
        for pk, address in UnknownAddress.objects.filter(owner=owner).values_list("id", "address")
        if address in index
    ]
    UnknownAddress.objects.filter(owner=owner, pk__in=stale).delete()
    return len(stale)


def unknown_list(owner, query: str = ""):
    rows = UnknownAddress.objects.filter(owner=owner)
    if query:
        rows = rows.filter(Q(address__icontains=query) | Q(name__icontains=query))
    return rows
