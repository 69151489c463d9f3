"""``{{ value|day }}`` and ``{{ value|day_time }}``: the app's one date format.

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
