"""Dates as people read them, one format everywhere (see ``followthrough/formats``).

* ``day(date)`` -> "Sun 6 Dec 2026": a date on its own (a page, a table cell,
  a ``Label: value`` line); ``day_time(datetime)`` adds the local time.
* ``in_prose(date, today)`` -> "Sun 6 Dec": a date inside a sentence the app
  writes (a rule's reason, a warning, a summary, a confirmation, a command's
  line). The same format without the year when it is ``today``'s year (the
  year comes back for any other year, or when ``today`` is not known).
* ``in_prose(date, today, letter=True)`` -> "Sunday 6 December": the same,
  spelled out, for the messages drafted to other people.

English uses Followthrough's formats; another language its own (Django's
``DATE_FORMAT`` and ``MONTH_DAY_FORMAT``). ISO 8601 stays for what machines
read (JSON, CSV, iCalendar, form values, URLs).
"""

from __future__ import annotations

import datetime as dt

from django.template.defaultfilters import date as date_filter
from django.utils import formats, timezone

#: The prose formats (``followthrough/formats/en``) and what stands in for each in
#: a language without them: (with the year, without it).
_PROSE = {
    False: (("DATE_FORMAT", "DATE_FORMAT"), ("PROSE_DAY_FORMAT", "MONTH_DAY_FORMAT")),
    True: (("LETTER_DATE_FORMAT", "DATE_FORMAT"), ("LETTER_DAY_FORMAT", "MONTH_DAY_FORMAT")),
}


def day(value: dt.date | dt.datetime | None) -> str:
    """ "Sun 6 Dec 2026" ("" for none)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_filter(value, "DATE_FORMAT")


def day_time(value: dt.datetime | None) -> str:
    """ "Sun 6 Dec 2026, 17:05", in the local time ("" for none)."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_filter(value, "DATETIME_FORMAT")


def in_prose(value: dt.date | None, today: dt.date | None = None, *, letter: bool = False) -> str:
    """A day named in a sentence: "Sun 6 Dec", or "Sunday 6 December" in a ``letter``.

    The year is left out when it is ``today``'s (pass the day the text is
    written for: the rules' ``on``, the command's today), and written for any
    other year or without ``today``. ``""`` for none.
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    with_year, this_year = _PROSE[letter]
    name, fallback = this_year if today is not None and value.year == today.year else with_year
    return date_filter(value, _format(name, fallback))


def _format(name: str, fallback: str) -> str:
    found = formats.get_format(name)
    return formats.get_format(fallback) if found == name else found
