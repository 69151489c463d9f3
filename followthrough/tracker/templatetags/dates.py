"""``{{ value|day }}``, ``{{ value|day_time }}`` and ``{{ value|prose:today }}``: the
app's one date format (``tracker.dates``).

A built-in library (settings.TEMPLATES), so every template has it without a load.
``prose`` is for a day inside a sentence ("due on Mon 2 Mar"), the year only when
it is not ``today``'s.
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


@register.filter(expects_localtime=True)
def prose(value, today=None):
    return dates.in_prose(value, today or None) if value not in (None, "") else ""
