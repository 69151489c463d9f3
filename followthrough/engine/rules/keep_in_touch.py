"""Rule 11, ``keep-in-touch`` and ``birthday``: connect periodically, just to connect.

A person with a cadence of N days is due N days after the last contact (any
interaction but a note to self), else after the day you met, else (or when
that day would fall before they were added) after the day they were added.
The key carries the due day, so meeting them resets the clock: the old item
goes and a new one comes when the new day arrives.

A birthday (with or without a year) makes an item on the day, every year;
February 29 falls on February 28 in other years. An outbound interaction with
the person on or after the day handles it; it lapses after a week.

A birthday covers a keep-in-touch item for the same person that is due by the
time the birthday item goes (``merge``): one item, the birthday, whose reason
mentions the cadence; the greeting resets the cadence anyway.

Keep in touch by default (seeds 002 and 004): the hiring side of an opportunity
no longer waited on, the people who helped and recruiters one withdrew from have
the workspace's default cadence (90 days) unless the seeker set one
(``facts.people.keeps_in_touch_by_default``). Holidays are an occasion too: with the
year-end greeting on (off by default), everyone with a cadence gets one
``keep-in-touch`` item on ``YEAR_END`` (key ``keep-in-touch:year-end:<person>:<year>``),
handled by any message to them from December 1, lapsing with the year; it covers
a regular keep-in-touch item due in December.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from followthrough.tracker.dates import day as date_text
from followthrough.tracker.models import Rule

from ..facts import BIRTHDAY_GRACE_DAYS, CadenceFact, Facts
from ..items import Item


def due(facts: Facts, on: dt.date) -> list[Item]:
    items = []
    # Tens of thousands of people by default share a cadence or two: each
    # cadence's clause is made once (a day's text is cached by ``tracker.dates``),
    # and the loop keeps to locals (a full sync runs it for everyone followed).
    clauses: dict[tuple[int, bool], str] = {}
    rule, name_of = Rule.KEEP_IN_TOUCH, facts.name
    for cadence in facts.cadences:
        every = dt.timedelta(days=cadence.cadence_days)
        if cadence.last_contact:
            since, last = cadence.last_contact, "You last talked with {} on {}"
        elif cadence.met_on and cadence.met_on + every >= cadence.added_on:
            since, last = cadence.met_on, "You met {} on {} and have not talked since"
        else:
            # Met long before they were added (an import, an old contact): the
            # clock starts on the day they were added, not years in the past.
            since, last = cadence.added_on, "You added {} on {} and have not talked since"
        due_on = since + every
        if due_on > on:
            continue
        meant = clauses.get((cadence.cadence_days, cadence.default))
        if meant is None:
            meant = clauses[cadence.cadence_days, cadence.default] = _meant(cadence)
        person_id = cadence.person_id
        name = name_of(person_id)
        items.append(
            Item(  # rule, key, due, title, reason, person
                rule,
                f"keep-in-touch:{person_id}:{due_on.isoformat()}",
                due_on,
                f"Keep in touch with {name}",
                f"{last.format(name, date_text(since))}; {meant}",
                person_id,
            )
        )
    return items


def _meant(cadence: CadenceFact) -> str:
    """The end of a keep-in-touch reason: why every so often."""
    every = _every(cadence.cadence_days)
    meant = (
        f"people who helped or hired are worth a note every {every}"
        if cadence.default
        else f"you meant to connect every {every}"
    )
    return f"{meant}, just to connect, with no request."


YEAR_END = (12, 15)
"""The year-end greeting's day: mid-December, before the holidays."""


def year_end(facts: Facts, on: dt.date) -> list[Item]:
    """A year-end greeting for everyone with a cadence, when the setting is on."""
    if not facts.settings.year_end_greeting:
        return []
    day = dt.date(on.year, *YEAR_END)
    if not day <= on <= dt.date(on.year, 12, 31):
        return []
    since = dt.date(on.year, 12, 1)
    items = []
    for cadence in facts.cadences:
        if _greeted(facts, cadence.person_id, since, on):
            continue
        name = facts.name(cadence.person_id)
        items.append(
            Item(
                rule=Rule.KEEP_IN_TOUCH,
                key=f"keep-in-touch:year-end:{cadence.person_id}:{on.year}",
                due=day,
                title=f"Send {name} a year-end greeting",
                reason=(
                    f"The holidays are a natural occasion to reach {name}: a warm note for "
                    "the new year, with no request, keeps the connection warm."
                ),
                person_id=cadence.person_id,
            )
        )
    return items


def merge(facts: Facts, items: list[Item]) -> list[Item]:
    """One item per person when a birthday and a keep-in-touch item meet.

    A keep-in-touch item due by the end of a birthday item's week (so the two
    would show together) gives way to the birthday, whose reason then mentions
    the cadence. A keep-in-touch task already done or dismissed is left alone.
    """
    items = _year_end_covers(facts, items)
    birthday_rule, keep_rule = Rule.BIRTHDAY, Rule.KEEP_IN_TOUCH
    birthdays = {i.person_id: i for i in items if i.rule == birthday_rule}
    if not birthdays:
        return items
    covered: dict[str, Item] = {}
    kept = []
    for item in items:  # everyone's items: the few people with a birthday first
        birthday = birthdays.get(item.person_id)
        if (
            birthday is not None
            and item.rule == keep_rule
            and item.due <= birthday.due + dt.timedelta(days=BIRTHDAY_GRACE_DAYS)
            and item.key not in facts.closed_keys
        ):
            covered.setdefault(birthday.key, item)
            continue
        kept.append(item)
    if not covered:
        return items
    cadences = {c.person_id: c.cadence_days for c in facts.cadences}
    return [
        _with_cadence(item, cadences.get(item.person_id)) if item.key in covered else item
        for item in kept
    ]


def _year_end_covers(facts: Facts, items: list[Item]) -> list[Item]:
    """A year-end greeting covers a regular keep-in-touch item due that December."""
    greetings = {
        (i.person_id, i.due.year) for i in items if i.key.startswith("keep-in-touch:year-end:")
    }
    if not greetings:
        return items
    return [
        item for item in items
        if not (
            item.rule == Rule.KEEP_IN_TOUCH
            and not item.key.startswith("keep-in-touch:year-end:")
            and item.due.month == 12
            and (item.person_id, item.due.year) in greetings
            and item.key not in facts.closed_keys
        )
    ]


def _with_cadence(birthday: Item, cadence_days: int | None) -> Item:
    every = f"every {_every(cadence_days)}" if cadence_days else "regularly"
    return dataclasses.replace(
        birthday,
        reason=(
            f"{birthday.reason[:-1]}; you also meant to connect {every}, and the greeting "
            "covers it."
        ),
    )


def _every(days: int) -> str:
    return {1: "day", 7: "week", 14: "two weeks", 365: "year"}.get(days, f"{days} days")


def birthdays(facts: Facts, on: dt.date) -> list[Item]:
    items = []
    for birthday in facts.birthdays:
        for year in (on.year, on.year - 1):
            day = birthday.date_in(year)
            if not day <= on <= day + dt.timedelta(days=BIRTHDAY_GRACE_DAYS):
                continue
            if _greeted(facts, birthday.person_id, day, on):
                continue
            name = facts.name(birthday.person_id)
            items.append(
                Item(
                    rule=Rule.BIRTHDAY,
                    key=f"birthday:{birthday.person_id}:{year}",
                    due=day,
                    title=f"Wish {name} a happy birthday",
                    reason=(
                        f"It is {name}'s birthday on {date_text(day)}; a short note "
                        "with no request keeps the connection warm."
                    ),
                    person_id=birthday.person_id,
                )
            )
    return items


def _greeted(facts: Facts, person_id: int, day: dt.date, on: dt.date) -> bool:
    return any(i.outbound and day <= i.on <= on for i in facts.by_person.get(person_id, ()))
