"""``{{ value|day }}`` and ``{{ value|day_time }}``: the app's one date format;
``{{ days|overdue }}``: how late an item is.

A built-in library (settings.TEMPLATES), so every template has it without a load.
"""

from __future__ import annotations

from django import template

from .. import dates

register = template.Library()


@register.filter(expects_localtime=True)
def day(value):
    return dates.day(value) if value not in (None, "") else ""


@register.filter(expects_localtime=True)
def day_time(value):
    return dates.day_time(value) if value not in (None, "") else ""


@register.filter
def overdue(days: int) -> str:
    """How late an item is, as a person reads it at a glance: in days for eight weeks,
    then in months, then in years ("3 days overdue", "4 months overdue", "12 years
    overdue"); the page gives the due day beside it for the exact count."""
    if days < 60:
        return f"{days} day{'' if days == 1 else 's'} overdue"
    if days < 365:
        return f"{days // 30} months overdue"
    years = days // 365
    return f"{years} year{'' if years == 1 else 's'} overdue"
