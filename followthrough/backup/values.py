"""Checking a backup's values against their columns, before anything is written.

Each column gets one cleaner: JSON value in, the Python value for the column
out, or ``_Bad`` with the reason (the restore adds the path to the field).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import Any

from django.db.backends.base.operations import BaseDatabaseOperations

from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.validators import (
    DATE_MAX,
    DATE_MIN,
    DATETIME_MAX,
    DATETIME_MIN,
    check_date,
)

from .registry import BOOL, DATE, DATETIME, FLOAT, INT, JSON, REF, STR, TIME, Column, Section

# Checking values -----------------------------------------------------------------


class _Bad(ValueError):
    """A value that does not fit its column; ``str()`` says why, after the path."""


class _Missing(LookupError):
    """The row has no value for the column (``_Row.clean_slowly`` fills in its default)."""


_MISSING = object()


def _cleaner(column: Column, section: Section) -> Callable[[Any], Any]:
    check = section.checks.get(column.name)
    base = _BASE[column.kind](column)
    if column.kind == JSON and column.name in section.string_lists:
        base = _string_list
    nullable = column.nullable

    def clean(value: Any) -> Any:
        if value is None:
            if nullable:
                return None
            raise _Bad("must not be null")
        if value is _MISSING:
            raise _Missing
        value = base(value)
        if check is not None:
            try:
                value = check(value, column.name)
            except InputError as error:
                raise _Bad(reason(error, column.name)) from None
        return value

    if check is not None or column.name in section.string_lists:
        return clean
    return _quick(column, clean)


def reason(error: InputError, field: str) -> str:
    """The validator's message without its leading ``field:`` (the path stands there)."""
    message = str(error)
    for prefix in (f"{field}: ", f"{field}, ", f"{field} "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
            break
    return message.rstrip(".")


def _quick(column: Column, full: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``full`` behind a fast path for the value that is plainly right (most of them):
    a restore checks millions of values, and the plain case must cost one test."""
    kind, limit, choices = column.kind, column.max_length, column.choices
    if kind == STR and choices is None:
        limit = limit or sys.maxsize
        return lambda v: v if type(v) is str and len(v) <= limit else full(v)
    if kind == STR:
        return lambda v: v if type(v) is str and v in choices else full(v)
    if kind == BOOL:
        return lambda v: v if type(v) is bool else full(v)
    if kind == REF:
        return lambda v: v if type(v) is int else full(v)
    if kind in (DATE, DATETIME, TIME):
        parse = {DATE: dt.date, DATETIME: dt.datetime, TIME: dt.time}[kind].fromisoformat
        aware = kind == DATETIME
        low, high = {DATE: (DATE_MIN, DATE_MAX), DATETIME: (DATETIME_MIN, DATETIME_MAX)}.get(
            kind, (None, None)
        )

        def clean(v: Any) -> Any:
            if type(v) is str:
                try:
                    parsed = parse(v)
                except ValueError:
                    return full(v)
                if aware and parsed.tzinfo is None:
                    return full(v)
                if low is None or low <= parsed <= high:
                    return parsed
            return full(v)

        return clean
    return full


def _text(column: Column) -> Callable[[Any], str]:
    limit, choices = column.max_length, column.choices

    def clean(value: Any) -> str:
        if type(value) is not str:
            raise _Bad(f"must be text, not {_json_type(value)}")
        if limit is not None and len(value) > limit:
            raise _Bad(f"is {len(value)} characters long; the most is {limit}")
        if choices is not None and value not in choices:
            raise _Bad(f"{value!r} is not one of {', '.join(sorted(map(str, choices)))}")
        return value

    return clean


def _integer(column: Column) -> Callable[[Any], int]:
    # The widest database's ranges, so a file that restores on SQLite restores on PostgreSQL.
    ranges = BaseDatabaseOperations.integer_field_ranges
    low, high = ranges.get(column.field.get_internal_type(), ranges["BigIntegerField"])
    choices = column.choices

    def clean(value: Any) -> int:
        if type(value) is not int:
            raise _Bad(f"must be a whole number, not {_json_type(value)}")
        if not low <= value <= high:
            raise _Bad(f"must be from {low} to {high}, not {value}")
        if choices is not None and value not in choices:
            raise _Bad(f"{value!r} is not one of {', '.join(sorted(map(str, choices)))}")
        return value

    return clean


def _reference(column: Column) -> Callable[[Any], int]:
    def clean(value: Any) -> int:
        if type(value) is not int:
            raise _Bad(f"must be an id (a whole number), not {_json_type(value)}")
        return value

    return clean


def _number(column: Column) -> Callable[[Any], float]:
    def clean(value: Any) -> float:
        if type(value) not in (int, float):
            raise _Bad(f"must be a number, not {_json_type(value)}")
        return float(value)

    return clean


def _boolean(column: Column) -> Callable[[Any], bool]:
    def clean(value: Any) -> bool:
        if type(value) is not bool:
            raise _Bad(f"must be true or false, not {_json_type(value)}")
        return value

    return clean


def _parser(parse: Callable[[str], Any], what: str, example: str, aware: bool = False):
    ranged = parse in (dt.date.fromisoformat, dt.datetime.fromisoformat)

    def build(column: Column) -> Callable[[Any], Any]:
        def clean(value: Any) -> Any:
            if type(value) is str:
                try:
                    parsed = parse(value)
                except ValueError:
                    pass
                else:
                    if not aware or parsed.tzinfo is not None:
                        if not ranged:
                            return parsed
                        try:
                            return check_date(parsed, column.name)
                        except InputError as error:
                            raise _Bad(reason(error, column.name)) from None
            raise _Bad(f"{value!r} is not {what} (write it like {example})")

        return clean

    return build


def _json(column: Column) -> Callable[[Any], Any]:
    default = column.field.get_default() if column.field.has_default() else None
    shape = type(default) if isinstance(default, list | dict) else None

    def clean(value: Any) -> Any:
        if shape is not None and type(value) is not shape:
            raise _Bad(f"must be a {'list' if shape is list else 'object'}")
        return value

    return clean


def _string_list(value: Any) -> list[str]:
    if not isinstance(value, list) or any(type(v) is not str for v in value):
        raise _Bad("must be a list of text")
    return value


def _json_type(value: Any) -> str:
    """What the file holds instead: ``2.5`` for a number, ``text`` or ``a list`` otherwise."""
    if type(value) in (int, float):
        text = repr(value)
        return text if len(text) <= 30 else f"a number of {len(text)} digits"
    names = {bool: "true/false", str: "text", list: "a list", dict: "an object"}
    return names.get(type(value), "null")


_BASE: dict[str, Callable[[Column], Callable[[Any], Any]]] = {
    STR: _text,
    INT: _integer,
    FLOAT: _number,
    BOOL: _boolean,
    DATE: _parser(dt.date.fromisoformat, "a date", "2026-03-02"),
    TIME: _parser(dt.time.fromisoformat, "a time", "14:30:00"),
    DATETIME: _parser(
        dt.datetime.fromisoformat,
        "a date and time with its offset",
        "2026-03-02T14:30:00+00:00",
        aware=True,
    ),
    JSON: _json,
    REF: _reference,
}
