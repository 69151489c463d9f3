"""The calendar feed: an owner's dates as iCalendar (RFC 5545), and its secret token.

What goes in, as events:

* open tasks (due items) as all-day events on the day they show (an overdue one
  on today, so it is not lost in the past);
* the decision dates of active opportunities, and the deadlines of offers, all day;
* interviews and informational interviews: timed when they have a time (their
  local time in the owner's zone, written in UTC), all day otherwise;
* birthdays, yearly (RRULE), starting in the year the person was added, since a
  birthday may have no year; 29 February falls on the last day of February.

UIDs are stable (``task-12@followthrough.invalid``): an item keeps its UID as it
is snoozed or moved, so a calendar program updates the event instead of adding
another. DTSTAMP is the row's last change, so a feed read twice is the same feed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from icalendar import Calendar, Event, vRecur

from followthrough.tracker.dates import day as date_text
from followthrough.tracker.models import (
    ACTIVE_STAGES,
    INTERVIEW_KINDS,
    Interaction,
    Opportunity,
    Person,
    Stage,
    Task,
)
from followthrough.tracker.services import tasks as task_service
from followthrough.tracker.services.owners import owner_zone

from .models import FeedToken, new_token

PRODID = "-//Followthrough//Followthrough calendar//EN"
# Reserved by RFC 2606, so our UIDs can never collide with a real domain's.
UID_DOMAIN = "followthrough.invalid"
# Calendars have no field for an interview's length; an hour is the usual slot.
INTERVIEW_LENGTH = dt.timedelta(hours=1)
ONE_DAY = dt.timedelta(days=1)


# The token ------------------------------------------------------------------------------


def token_for(owner) -> FeedToken:
    """The owner's feed token, made on first use."""
    token, _ = FeedToken.objects.get_or_create(owner=owner)
    return token


@transaction.atomic
def regenerate(owner) -> FeedToken:
    """Give the owner a new token: the old URL stops working at once."""
    token = token_for(owner)
    token.token = new_token()
    token.created_at = dt.datetime.now(dt.UTC)
    token.save(update_fields=["token", "created_at"])
    return token


def owner_for_token(token: str):
    """The owner whose feed ``token`` opens, or ``None`` (unknown or revoked)."""
    found = FeedToken.objects.filter(token=token).select_related("owner").first() if token else None
    return found.owner if found else None


# Links -------------------------------------------------------------------------------


def item_path(task_id: int) -> str:
    """The page for an agenda item: its draft (``followthrough.drafts``), with copy and "sent"."""
    return reverse("task-draft", args=[task_id])


# The feed ----------------------------------------------------------------------------


def new_calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    return cal


def build_feed(owner, today: dt.date, *, base_url: str) -> Calendar:
    """The owner's whole calendar as of ``today`` (their calendar day).

    Brings the rule-made tasks up to date for ``today`` first, as the agenda does.
    A constant number of queries, whatever the number of rows.
    """
    for refresh in task_service.AGENDA_REFRESHERS:
        refresh(owner, today)
    cal = new_calendar("Followthrough")
    zone = owner_zone(owner)
    cal.add("x-wr-timezone", str(zone))
    # Subscribed calendars poll; ask for hourly (Google decides for itself).
    cal.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for event in _events(owner, today, base_url):
        cal.add_component(event)
    return cal


def _events(owner, today: dt.date, base_url: str) -> Iterable[Event]:
    for task in task_service.open_tasks(owner).order_by("due", "id"):
        yield task_event(task, today, base_url)
    for opp in _dated_opportunities(owner):
        yield from opportunity_events(opp, base_url)
    zone = owner_zone(owner)
    for interaction in _interviews(owner):
        yield interview_event(interaction, zone, base_url)
    birthdays = Person.objects.filter(
        owner=owner, birthday_month__isnull=False, birthday_day__isnull=False
    )
    for person in birthdays:
        yield birthday_event(person, base_url)


def _dated_opportunities(owner):
    return (
        Opportunity.objects.filter(owner=owner, stage__in=ACTIVE_STAGES)
        .exclude(decision_date__isnull=True, offer_deadline__isnull=True, apply_by__isnull=True)
        .select_related("organization")
    )


def _interviews(owner):
    return (
        Interaction.objects.filter(owner=owner, kind__in=INTERVIEW_KINDS)
        .select_related("opportunity__organization")
        .prefetch_related("people")
        .order_by("occurred_on", "occurred_time", "id")
    )


def _event(uid: str, summary: str, stamp: dt.datetime, url: str, description: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("url", url)
    return event


def _all_day(event: Event, day: dt.date) -> Event:
    # All-day: DATE values, and DTEND is exclusive (the day after), per RFC 5545.
    # On the calendar's last day (a date stored by an older version) DTEND is left
    # out, which RFC 5545 reads as the same one day.
    event.add("dtstart", day)
    if day < dt.date.max:
        event.add("dtend", day + ONE_DAY)
    event.add("transp", "TRANSPARENT")
    return event


def task_event(task: Task, today: dt.date, base_url: str) -> Event:
    """An open task, all day on the day it shows (today, if it is overdue)."""
    day = max(task.shows_on(), today)
    lines = [task.reason]
    if task.shows_on() < today:
        lines.append(f"Overdue since {date_text(task.shows_on())}.")
    url = base_url + item_path(task.pk)
    lines.append(f"Open it in Followthrough: {url}")
    event = _event(f"task-{task.pk}", task.title, task.updated_at, url, _join(lines))
    event.add("categories", [task.rule])
    return _all_day(event, day)


def opportunity_events(opp: Opportunity, base_url: str) -> Iterable[Event]:
    url = base_url + reverse("opportunity-detail", args=[opp.pk])
    if opp.decision_date:
        event = _event(
            f"decision-{opp.pk}",
            f"Decision expected: {opp}",
            opp.updated_at,
            url,
            "The day the employer said they would decide. One polite follow-up is due "
            "on this day, not before.",
        )
        event.add("categories", ["decision-date"])
        yield _all_day(event, opp.decision_date)
    if opp.offer_deadline and opp.stage == Stage.OFFER:
        event = _event(
            f"offer-deadline-{opp.pk}",
            f"Offer deadline: {opp}",
            opp.updated_at,
            url,
            "The day the offer needs your answer.",
        )
        event.add("categories", ["offer-deadline"])
        yield _all_day(event, opp.offer_deadline)
    if opp.apply_by and opp.stage == Stage.LEAD:
        event = _event(
            f"apply-by-{opp.pk}",
            f"Apply by: {opp}",
            opp.updated_at,
            url,
            "The posting's deadline: the last day to apply.",
        )
        event.add("categories", ["apply-by"])
        yield _all_day(event, opp.apply_by)


def interview_event(interaction: Interaction, zone, base_url: str) -> Event:
    """An interview: timed in the owner's zone when it has a time, all day otherwise."""
    names = ", ".join(p.name for p in interaction.people.all())
    kind = interaction.get_kind_display()
    summary = f"{kind} with {names}" if names else kind
    opp = interaction.opportunity
    if opp:
        summary += f" ({opp.role} at {opp.organization.name})"
    rapport = interaction.rapport_note
    event = _event(
        f"interview-{interaction.pk}",
        summary,
        interaction.updated_at,
        base_url + _interview_path(interaction),
        _join([interaction.summary, rapport and f"Connected on: {rapport}"]),
    )
    event.add("categories", [interaction.kind])
    if interaction.occurred_time is None:
        return _all_day(event, interaction.occurred_on)
    # Written in UTC: every calendar program reads it and shows it in its own zone.
    # (A TZID needs a VTIMEZONE; the RDATE-list ones icalendar makes are misread by
    # some readers, dateutil's among them, which would put a summer interview an
    # hour off.) The local wall time is fixed first, so daylight saving is honoured.
    local = dt.datetime.combine(interaction.occurred_on, interaction.occurred_time, tzinfo=zone)
    try:
        start = local.astimezone(dt.UTC)
        end = start + INTERVIEW_LENGTH
    except OverflowError:  # at the very ends of the calendar: shown as all day
        return _all_day(event, interaction.occurred_on)
    event.add("dtstart", start)
    event.add("dtend", end)
    return event


def _interview_path(interaction: Interaction) -> str:
    if interaction.opportunity_id:
        return reverse("opportunity-detail", args=[interaction.opportunity_id])
    people = interaction.people.all()
    return reverse("person-detail", args=[people[0].pk]) if people else reverse("today")


def birthday_event(person: Person, base_url: str) -> Event:
    """A yearly all-day event from the year the person was added (the birth year may be unknown)."""
    month, day = person.birthday_month, person.birthday_day
    year = person.created_at.year
    rule = vRecur(freq="YEARLY")
    if (month, day) == (2, 29):
        # A 29 February birthday is kept on the last day of February in other years.
        while not calendar.isleap(year):
            year -= 1
        rule = vRecur(freq="YEARLY", bymonth=2, bymonthday=-1)
    event = _event(
        f"birthday-{person.pk}",
        f"Birthday: {person.name}",
        person.updated_at,
        base_url + reverse("person-detail", args=[person.pk]),
        "A reason to reach out that asks for nothing.",
    )
    event.add("categories", ["birthday"])
    _all_day(event, dt.date(year, month, day))
    event.add("rrule", rule)
    return event


def interview_calendar(interaction: Interaction, owner, base_url: str) -> Calendar:
    """A calendar holding one interview, for a single ``.ics`` download (same UID as the feed)."""
    cal = new_calendar("Followthrough interview")
    cal.add_component(interview_event(interaction, owner_zone(owner), base_url))
    return cal


def _join(lines: Iterable[str | None]) -> str:
    return "\n\n".join(line for line in lines if line)
