"""Dates as people read them, one format everywhere (see ``followthrough/formats``).

* ``day(date)`` -> "Sun 6 Dec 2026": every day the app writes for a person, on
  a page or in a sentence (a rule's reason, a warning, a confirmation, a
  command's line, the digest); ``day_time(datetime)`` adds the local time.
* ``letter_day(date, today)`` -> "Sunday 6 December": a day in a message
  drafted to someone else, spelled out as a letter writes it, with the year
  only when it is not ``today``'s.

English uses Followthrough's formats; another language its own (Django's
``DATE_FORMAT``; ``MONTH_DAY_FORMAT`` in a letter). ISO 8601 stays for what
machines read (JSON, CSV, iCalendar, form values, URLs).
"""

from __future__ import annotations

import datetime as dt
import functools

from django.template.defaultfilters import date as date_filter
from django.utils import formats, timezone, translation


def day(value: dt.date | dt.datetime | None) -> str:
    """ "Sun 6 Dec 2026" ("" for none)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_filter(value, "DATE_FORMAT")
    return _calendar_day(value, translation.get_language())


@functools.lru_cache(maxsize=8192)
def _calendar_day(value: dt.date, language: str | None) -> str:
    """A day's text, once per day and language (the format is the language's): a full
    sync writes the same few hundred days into tens of thousands of reasons
    (keep-in-touch by default), so even looking the format up each time showed."""
    return date_filter(value, formats.get_format("DATE_FORMAT"))


def day_time(value: dt.datetime | None) -> str:
    """ "Sun 6 Dec 2026, 17:05", in the local time ("" for none)."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_filter(value, "DATETIME_FORMAT")


def letter_day(value: dt.date | None, today: dt.date) -> str:
    """ "Sunday 6 December" in a letter written ``today``; "Tuesday 30 December 2025"
    when the year is not ``today``'s ("" for none)."""
    if value is None:
        return ""
    if value.year == today.year:
        return date_filter(value, _format("LETTER_DAY_FORMAT", "MONTH_DAY_FORMAT"))
    return date_filter(value, _format("LETTER_DATE_FORMAT", "DATE_FORMAT"))


def _format(name: str, fallback: str) -> str:
    """Our format ``name`` for the active language, or Django's ``fallback`` without one."""
    found = formats.get_format(name)
    return formats.get_format(fallback) if found == name else found
