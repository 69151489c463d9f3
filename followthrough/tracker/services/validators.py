"""The rules a stored value must keep, written once: forms, CLI, importers and restore call these.

``parsing`` turns what people type into values and then checks them here; the
importers check each record here before writing (``imports.apply``), and
restore checks each row of a backup here (``backup.registry``). Each check takes
the value already parsed, returns it (maybe tidied) or raises an ``InputError``
whose message starts with the field: ``"website: ..."``.

Why each bound exists:

* dates stay between ``DATE_MIN`` and ``DATE_MAX``: the rules add days and
  weeks to them, the calendar feed and the reports count from them, and a
  year-10000 or 1 BC instant makes a PostgreSQL workspace unreadable to Python;
* web addresses are ``http`` or ``https`` only: a ``javascript:`` link in a
  page runs script when clicked, whatever the escaping;
* email addresses are one address each, with no line break (a CR/LF inside one
  breaks every message header it goes into);
* text has no NUL character and no lone surrogate (half of a UTF-16 pair):
  neither can be stored by PostgreSQL, nor written as UTF-8.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from .errors import InputError

DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2199, 12, 31)
"""The days the app stores: a century and more either side of any job search."""
DATETIME_MIN = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
DATETIME_MAX = dt.datetime(2199, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC)

INTEREST = (1, 5)
"""An opportunity's interest: 1 (a little) to 5 (very much)."""
CADENCE_DAYS = (1, 3650)
"""A keep-in-touch cadence: every day at most, every ten years at least."""
HOUR = (0, 23)
EMAIL_MAX = 254
"""The longest email address (RFC 5321's path limit, as Django's EmailField)."""

SCHEMES = ("http", "https")
_URL = URLValidator(schemes=list(SCHEMES))
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_BAD_CHARACTERS = re.compile(r"[\x00\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")


class _InternationalEmailValidator(EmailValidator):
    """Django's email check, with internationalised local parts (RFC 6531/6532).

    ``josé.sato@example.com`` is a real address (SMTPUTF8) and people have them;
    Django accepts internationalised domains but only ASCII local parts. A local
    part's characters here: RFC 5322's ``atext`` plus any non-ASCII character that
    is not a space (control characters and line breaks are refused before).
    """

    _atom = r"(?:[-!#$%&'*+/=?^_`{}|~0-9A-Z]|[^\x00-\x7f\s])+"
    user_regex = re.compile(
        rf"(^{_atom}(\.{_atom})*\Z"
        r'|^"([\001-\010\013\014\016-\037!#-\[\]-\177]|\\[\001-\011\013\014\016-\177])*"\Z)',
        re.IGNORECASE,
    )


_EMAIL = _InternationalEmailValidator()


def check_date(value: dt.date, field: str) -> dt.date:
    """A day from ``DATE_MIN`` to ``DATE_MAX``."""
    if isinstance(value, dt.datetime):
        return check_datetime(value, field)
    if not DATE_MIN <= value <= DATE_MAX:
        raise InputError(
            f"{field}: {value.isoformat()} is out of range; give a date from"
            f" {DATE_MIN.isoformat()} to {DATE_MAX.isoformat()}.",
            field,
        )
    return value


def check_datetime(value: dt.datetime, field: str) -> dt.datetime:
    """An aware instant whose UTC day is from ``DATE_MIN`` to ``DATE_MAX``."""
    if value.tzinfo is None:
        raise InputError(f"{field}: {value.isoformat()} has no time zone offset.", field)
    if not DATETIME_MIN <= value <= DATETIME_MAX:
        raise InputError(
            f"{field}: {value.isoformat()} is out of range; give a time from"
            f" {DATE_MIN.isoformat()} to {DATE_MAX.isoformat()}.",
            field,
        )
    return value


def check_range(value: int, field: str, bounds: tuple[int, int], what: str = "") -> int:
    """A whole number within ``bounds`` (both included); ``what`` explains the numbers."""
    low, high = bounds
    if type(value) is not int or not low <= value <= high:
        explain = f" ({what})" if what else ""
        raise InputError(
            f"{field}: {value!r} is out of range; write a whole number from {low} to"
            f" {high}{explain}.",
            field,
        )
    return value


def check_interest(value: int, field: str = "interest") -> int:
    return check_range(value, field, INTEREST, "1 is a little, 5 very much")


def check_cadence(value: int | None, field: str = "cadence_days") -> int | None:
    if value is None:
        return None
    return check_range(value, field, CADENCE_DAYS, "days between two contacts")


def check_hour(value: int, field: str = "hour") -> int:
    return check_range(value, field, HOUR, "7 is 07:00")


def check_birthday(
    year: int | None, month: int | None, day: int | None, field: str = "birthday"
) -> tuple[int | None, int | None, int | None]:
    """Month and day together or not at all; a real day of the year; a year in range."""
    if month is None and day is None:
        if year is not None:
            raise InputError(f"{field}: a birth year needs its month and day too.", field)
        return None, None, None
    if month is None or day is None:
        raise InputError(f"{field}: give both the month and the day, or neither.", field)
    try:
        # 2000 is a leap year, so February 29 without a year is a birthday.
        dt.date(year or 2000, month, day)
    except (ValueError, TypeError, OverflowError):
        shown = f"{year}-{month}-{day}" if year else f"--{month}-{day}"
        raise InputError(f"{field}: {shown} is not a day of the year.", field) from None
    if year is not None and not DATE_MIN.year <= year <= DATE_MAX.year:
        raise InputError(
            f"{field}: the year {year} is out of range; give a year from {DATE_MIN.year} to"
            f" {DATE_MAX.year}, or leave the year out.",
            field,
        )
    return year, month, day


def check_url(
    url: str,
    field: str,
    *,
    max_length: int,
    what: str = "the link",
    example: str = "https://example.com",
    typed: str | None = None,
) -> str:
    """An ``http``/``https`` address of at most ``max_length`` characters, or ``""``.

    ``typed`` is what the user wrote, quoted in the message when it differs.
    """
    if not url:
        return ""
    shown = url if typed is None else typed
    try:
        _URL(url)
    except ValidationError:
        scheme = _SCHEME.match(shown.strip())
        only = ""
        if scheme and scheme[1].lower() not in SCHEMES:
            only = f" ({scheme[1]}: links are not kept, only http:// and https:// ones)"
        raise InputError(
            f"{field}: {_short(shown)!r} is not a web address{only}; paste {what},"
            f" e.g. {example}",
            field,
        ) from None
    if len(url) > max_length:
        raise InputError(
            f"{field}: that address is {len(url):,} characters long; the limit is"
            f" {max_length:,}.",
            field,
        )
    return url


def url_length(model, name: str) -> int:
    """The longest address a model's URL column holds: what passes ``check_url`` fits it."""
    return model._meta.get_field(name).max_length


def check_email(address: str, field: str = "email") -> str:
    """One email address: no line break or control character, at most ``EMAIL_MAX``;
    internationalised ones (``josé@exämple.com``) welcome. Used by the forms, the
    CLI, the importers and restore alike."""
    if _LINE_BREAKS.search(address) or _BAD_CHARACTERS.search(address):
        raise InputError(
            f"{field}: {_short(address)!r} is not an email address (it has a line break or a"
            " control character in it).",
            field,
        )
    if len(address) > EMAIL_MAX:
        raise InputError(
            f"{field}: that address is {len(address):,} characters long; the limit is"
            f" {EMAIL_MAX}.",
            field,
        )
    try:
        _EMAIL(address)
    except ValidationError:
        raise InputError(f"{field}: {_short(address)!r} is not an email address.", field) from None
    return address


def check_emails(addresses: list[str], field: str = "email") -> list[str]:
    for address in addresses:
        check_email(address, field)
    return addresses


def check_line(value: str, field: str, limit: int | None = None) -> str:
    """One line of text (a phone number): no line break, no control character."""
    if _LINE_BREAKS.search(value) or _BAD_CHARACTERS.search(value):
        raise InputError(
            f"{field}: {_short(value)!r} has a line break or a control character in it;"
            " write it on one line.",
            field,
        )
    if limit is not None and len(value) > limit:
        raise InputError(f"{field}: {len(value):,} characters is too long; keep it to {limit:,}.",
                         field)  # fmt: skip
    return value


def check_required(value: str, field: str) -> str:
    """Text that is not blank: a name, a role, a title (the forms ask for one)."""
    if not value.strip():
        raise InputError(f"{field} is required: it is blank.", field)
    return check_text(value, field)


def check_text(value: str, field: str) -> str:
    """Text the database can keep: no NUL character, no lone surrogate."""
    found = _BAD_CHARACTERS.search(value)
    if found:
        what = "a NUL character" if found[0] == "\x00" else "half of a character (a lone surrogate)"
        raise InputError(
            f"{field}: the text has {what} at position {found.start() + 1}; remove it.", field
        )
    return value


def bad_character(value: str) -> str | None:
    """What is wrong with ``value`` for ``check_text``, or ``None`` (fast: one regex search)."""
    found = _BAD_CHARACTERS.search(value)
    if not found:
        return None
    return "a NUL character" if found[0] == "\x00" else "a lone surrogate (half of a character)"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
