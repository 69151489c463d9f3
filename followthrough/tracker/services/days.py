"""The days a question may be about: ``today --on``, a report's period, a week's summary.

The rules count days and weeks from the day asked about (and back from it), so a
day near the ends of the calendar (9999-12-31, 0001-01-01) would overflow. The
range is the one the app stores dates in (issue-10-data's ``validators.DATE_MIN``
and ``DATE_MAX``), with the same sentence when a day falls outside it.
"""

from __future__ import annotations

import datetime as dt

from .errors import InputError

DAY_MIN = dt.date(1900, 1, 1)
DAY_MAX = dt.date(2199, 12, 31)


def check_day(day: dt.date | None, field: str) -> dt.date | None:
    """``day`` (or ``None``) if it is from ``DAY_MIN`` to ``DAY_MAX``; else ``InputError``."""
    if day is not None and not DAY_MIN <= day <= DAY_MAX:
        raise InputError(
            f"{field}: {day.isoformat()} is out of range; give a date from"
            f" {DAY_MIN.isoformat()} to {DAY_MAX.isoformat()}.",
            field,
        )
    return day
