"""Calendar events (.ics files and text/calendar parts of mail) as interactions.

Each VEVENT whose organizer or an attendee is a known person becomes an
interaction with them on the event's day in the workspace time zone: kind
``interview`` when the summary says interview, else ``meeting``. The UID is
the key: a re-import, a moved event or an updated invitation changes the
interaction it made; a cancelled one removes it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import transaction

from followthrough.tracker.models import Direction, Interaction, Kind
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import owner_zone

from .addresses import known_people, normalize
from .models import CalendarEvent
from .settings import mail_settings

_INTERVIEW = re.compile(r"interview|vorstellungsgespr|entretien|entrevista", re.I)


@dataclass
class Event:
    uid: str
    summary: str
    on: dt.date
    at: dt.time | None
    addresses: list[str]
    cancelled: bool = False


@dataclass
class EventOutcome:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    no_known_person: int = 0
    events: int = 0
    interaction_ids: list[int] = field(default_factory=list)

    def headline(self) -> str:
        return (
            f"{self.events} events read: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} already here, {self.removed} cancelled and removed, "
            f"{self.no_known_person} with no one you know."
        )

    def to_json(self) -> dict:
        return {
            "events": self.events,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "no_known_person": self.no_known_person,
        }


def parse_calendar(data: bytes, name: str, zone) -> list[Event]:
    """The VEVENTs of a calendar; ``InputError`` when the bytes are not a calendar."""
    import icalendar

    text = data.lstrip(b"\xef\xbb\xbf").lstrip()
    if not text.upper().startswith(b"BEGIN:VCALENDAR"):
        raise InputError(
            f"{name}: this is not an iCalendar file (it does not start with BEGIN:VCALENDAR); "
            "export the calendar as .ics.",
            "file",
        )
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except (ValueError, IndexError, KeyError, TypeError) as error:
        raise InputError(
            f"{name}: the calendar cannot be read ({_short(error)}); export it again as .ics.",
            "file",
        ) from None
    if not calendars:
        raise InputError(
            f"{name}: the calendar cannot be read (it has no complete VCALENDAR); "
            "export it again as .ics.",
            "file",
        )
    events = []
    for calendar in calendars:
        for component in calendar.walk("VEVENT"):
            if component.get("RECURRENCE-ID") is not None:
                continue  # one changed occurrence of a series: the series is the event
            event = _event(component, zone)
            if event is not None:
                events.append(event)
    return events


def _short(error: Exception) -> str:
    return " ".join(str(error).split())[:120] or type(error).__name__


def _event(component, zone) -> Event | None:
    uid = str(component.get("UID", "")).strip()
    start = component.get("DTSTART")
    if not uid or start is None:
        return None
    try:
        value = start.dt
    except AttributeError:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone)  # floating time: the seeker's own clock
        local = value.astimezone(zone)
        on, at = local.date(), local.time().replace(second=0, microsecond=0)
    elif isinstance(value, dt.date):
        on, at = value, None
    else:
        return None
    addresses = []
    people = [component.get("ORGANIZER")]
    attendees = component.get("ATTENDEE")
    people += attendees if isinstance(attendees, list) else [attendees]
    for person in people:
        if person is None:
            continue
        text = str(person)
        if text.lower().startswith("mailto:"):
            text = text[7:]
        if "@" in text:
            addresses.append(normalize(text))
    status = str(component.get("STATUS", "")).upper()
    summary = " ".join(str(component.get("SUMMARY", "")).split())
    return Event(uid[:500], summary, on, at, addresses, cancelled=status == "CANCELLED")


def apply_events(owner, events: list[Event], *, index=None, mine=None) -> EventOutcome:
    """Add, update or remove the interactions these events make (in the caller's transaction)."""
    outcome = EventOutcome(events=len(events))
    if not events:
        return outcome
    index = known_people(owner) if index is None else index
    if mine is None:
        mine = set(mail_settings(owner).my_emails)
    seen = {
        e.uid: e for e in CalendarEvent.objects.filter(owner=owner, uid__in=[e.uid for e in events])
    }
    for event in events:
        people = []
        for address in event.addresses:
            person_id = index.get(address)
            if address not in mine and person_id and person_id not in people:
                people.append(person_id)
        record = seen.get(event.uid)
        interaction = record.interaction if record else None
        if event.cancelled or not people:
            if interaction is not None:
                interaction.delete()
                outcome.removed += 1
            elif not people and not event.cancelled:
                outcome.no_known_person += 1
            if record is None and event.cancelled:
                outcome.unchanged += 1
            continue
        kind = Kind.INTERVIEW if _INTERVIEW.search(event.summary) else Kind.MEETING
        values = {
            "kind": kind,
            "occurred_on": event.on,
            "occurred_time": event.at,
            "summary": event.summary[:1000],
        }
        if interaction is None:
            interaction = Interaction.objects.create(
                owner=owner, direction=Direction.NONE, **values
            )
            interaction.people.set(people)
            if record is None:
                record = CalendarEvent.objects.create(
                    owner=owner, uid=event.uid, interaction=interaction
                )
                seen[event.uid] = record
            else:
                record.interaction = interaction
                record.save(update_fields=["interaction"])
            outcome.added += 1
        else:
            changed = [k for k, v in values.items() if getattr(interaction, k) != v]
            if changed or set(interaction.people.values_list("id", flat=True)) != set(people):
                for key in changed:
                    setattr(interaction, key, values[key])
                interaction.save()
                interaction.people.set(people)
                outcome.updated += 1
            else:
                outcome.unchanged += 1
        outcome.interaction_ids.append(interaction.pk)
    return outcome


def import_ics(owner, data: bytes, name: str, *, dry_run: bool = False) -> EventOutcome:
    """Read a calendar file and apply it, all or nothing."""
    events = parse_calendar(data, name, owner_zone(owner))
    with transaction.atomic():
        outcome = apply_events(owner, events)
        if dry_run:
            transaction.set_rollback(True)
    return outcome
