"""Parsers for what people type: dates, birthdays, lists. Shared by forms and the CLI."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from .errors import InputError

_BIRTHDAY_NO_YEAR = re.compile(r"^--(\d{1,2})-?(\d{1,2})$")


def parse_date(text: str | dt.date | None, field: str = "date") -> dt.date | None:
    """``YYYY-MM-DD`` (or a date, or blank) to a date; anything else is an ``InputError``."""
    if text is None or isinstance(text, dt.date):
        return text
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"{field}: {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-12.", field
        ) from None


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
            raise InputError(f"{field}: {text!r} is not a day of the year.", field) from None
        return None, month, day
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"{field}: {text!r} is not a birthday; write YYYY-MM-DD, or --MM-DD without the year.",
            field,
        ) from None
    return date.year, date.month, date.day


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
    emails = split_list(values)
    for email in emails:
        try:
            validate_email(email)
        except ValidationError:
            raise InputError(f"{field}: {email!r} is not an email address.", field) from None
    return emails


def clean_url(value: str | None, field: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if "://" not in value:
        value = "https://" + value
    try:
        URLValidator()(value)
    except ValidationError:
        raise InputError(f"{field}: {value!r} is not a web address.", field) from None
    return value


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
