"""Calendar arithmetic the rules share: business days, birthdays, weeks.

A day named in a reason or a title is written by ``followthrough.tracker.dates.day``,
the app's one format ("Sun 6 Dec 2026"), like every day a page shows.
"""

from __future__ import annotations

import calendar
import datetime as dt

FRIDAY = 4


def add_business_days(day: dt.date, count: int) -> dt.date:
    """``count`` working days (Monday to Friday) after ``day``; holidays are not known."""
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def birthday_in(year: int, month: int, day: int) -> dt.date:
    """The birthday's date in ``year``; February 29 falls on February 28 in other years."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return dt.date(year, month, day)


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The Monday and Sunday of the ISO week containing ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def last_weekday(day: dt.date, weekday: int) -> dt.date:
    """The latest ``weekday`` (0 = Monday) on or before ``day``."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
