"""Dates as people read them, one format everywhere (see ``followthrough/formats``).

``day(date)`` -> "Sun 6 Dec 2026" in English, the active locale's format in
another; ``day_time(datetime)`` adds the local time. ISO 8601 stays for what
machines read (JSON, CSV, iCalendar, form values, URLs).
"""

from __future__ import annotations

import datetime as dt

from django.template.defaultfilters import date as date_filter
from django.utils import timezone


def day(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_filter(value, "DATE_FORMAT")


def day_time(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_filter(value, "DATETIME_FORMAT")
