"""Parsers for what people type: dates, birthdays, lists. Shared by forms and the CLI."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from . import validators
from .errors import InputError

_BIRTHDAY_NO_YEAR = re.compile(r"^--(\d{1,2})-?(\d{1,2})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

#: The longest notes, summaries and rapport notes (characters).
LONG_TEXT = 10_000
#: The longest names and titles (characters).
SHORT_TEXT = 200


def _no_such_day(year: int | None, month: int, day: int) -> str | None:
    """ "February has no day 30" when the month is real but the day is not, else None."""
    if not 1 <= month <= 12:
        return None
    in_year = f" {year}" if year else ""
    return f"{calendar.month_name[month]}{in_year} has no day {day}"


def parse_date(text: str | dt.date | None, field: str = "date") -> dt.date | None:
    """``YYYY-MM-DD`` (or a date, or blank) to a date; anything else is an ``InputError``."""
    if text is None:
        return text
    if isinstance(text, dt.date):
        return validators.check_date(text, field)
    text = text.strip()
    if not text:
        return None
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        pass
    else:
        return validators.check_date(date, field)
    match = _ISO_DATE.match(text)
    missing = match and _no_such_day(int(match[1]), int(match[2]), int(match[3]))
    if missing:
        raise InputError(f"{field}: {text!r} is not a date: {missing}.", field)
    raise InputError(
        f"{field}: {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-12.", field
    )


def parse_birthday(text: str | None, field: str = "birthday") -> tuple[int | None, int, int] | None:
    """A birthday as ``(year or None, month, day)``.

    Accepts ``YYYY-MM-DD`` and the ISO 8601 form without a year, ``--MM-DD``
    (also ``--MMDD`` as vCard writes it). February 29 without a year is allowed.
    """
    if text is None or not text.strip():
        return None
    text = text.strip()
    match = _BIRTHDAY_NO_YEAR.match(text)
    if match:
        month, day = int(match[1]), int(match[2])
        try:
            dt.date(2000, month, day)  # a leap year, so --02-29 is valid
        except ValueError:
            missing = _no_such_day(None, month, day)
            detail = f"{missing}." if missing else f"{text!r} is not a day of the year."
            raise InputError(f"{field}: {detail}", field) from None
        return validators.check_birthday(None, month, day, field)
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        match = _ISO_DATE.match(text)
        missing = match and _no_such_day(int(match[1]), int(match[2]), int(match[3]))
        if missing:
            raise InputError(f"{field}: {missing}.", field) from None
        raise InputError(
            f"{field}: {text!r} is not a birthday; write YYYY-MM-DD, or --MM-DD without the year.",
            field,
        ) from None
    return validators.check_birthday(date.year, date.month, date.day, field)


def split_list(text: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """Comma- or newline-separated text (or a list) to a list of trimmed, non-empty items."""
    if text is None:
        return []
    items = text if isinstance(text, list | tuple) else re.split(r"[,\n;]", text)
    seen: list[str] = []
    for item in items:
        item = item.strip()
        if item and item.lower() not in (s.lower() for s in seen):
            seen.append(item)
    return seen


def clean_emails(values, field: str = "email") -> list[str]:
    return validators.check_emails(split_list(values), field)


def clean_url(
    value: str | None,
    field: str,
    *,
    example: str = "https://example.com",
    what: str = "the link",
    max_length: int,
) -> str:
    """A web address; ``www.example.com/x`` gets its ``https://``. Errors quote what was typed.

    Only ``http``/``https`` addresses are kept (``validators.check_url``);
    ``max_length`` is the column's, so what passes here fits the database.
    """
    typed = (value or "").strip()
    if not typed:
        return ""
    url = typed if "://" in typed else "https://" + typed
    return validators.check_url(
        url, field, max_length=max_length, what=what, example=example, typed=typed
    )


def clean_text(value: str | None, field: str, limit: int = LONG_TEXT) -> str:
    """Trimmed text of at most ``limit`` characters; longer is an ``InputError``, never cut."""
    text = (value or "").strip()
    if len(text) > limit:
        raise InputError(
            f"{field}: {len(text):,} characters is too long; keep it to {limit:,}.", field
        )
    return validators.check_text(text, field)


def require_text(value: str | None, field: str, question: str, limit: int = SHORT_TEXT) -> str:
    """Like ``clean_text``, and blank is ``"<field> is required: <question>"``."""
    text = clean_text(value, field, limit)
    if not text:
        raise InputError(f"{field} is required: {question}", field)
    return text


def clean_choice(value: str | None, choices, field: str, default: str | None = None) -> str:
    """Match a choice by value or label, case-insensitively, with ``-``/``_``/space alike."""
    if value is None or not str(value).strip():
        if default is None:
            raise InputError(f"{field} is required.", field)
        return default

    def norm(s: str) -> str:
        return re.sub(r"[\s_-]+", "-", str(s).strip().lower())

    wanted = norm(value)
    for choice_value, label in choices.choices:
        if wanted in (norm(choice_value), norm(label)):
            return choice_value
    allowed = ", ".join(norm(v) for v, _ in choices.choices if v)
    raise InputError(f"{field}: {value!r} is not one of {allowed}.", field)


def clean_positive_int(value, field: str, *, allow_none: bool = True) -> int | None:
    if value is None or str(value).strip() == "":
        if allow_none:
            return None
        raise InputError(f"{field} is required.", field)
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InputError(f"{field}: {value!r} is not a whole number.", field) from None
    if number <= 0:
        raise InputError(f"{field} must be more than 0.", field)
    return number


def clean_cadence(value, field: str = "cadence") -> int | None:
    """A keep-in-touch cadence in days (blank for none), within ``validators.CADENCE_DAYS``."""
    return validators.check_cadence(clean_positive_int(value, field), field)
