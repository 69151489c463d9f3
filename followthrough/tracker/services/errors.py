"""Errors a user can fix, each carrying one sentence that says what and where."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# "met_on: '2026-02-30' is not a date" or "title is required": the internal name
# of the field first, which the web pages and the CLI replace by their own.
_PREFIX = re.compile(r"^(?P<name>[a-z][a-z_]*): ")


class InputError(ValueError):
    """Bad input: ``str(error)`` is one sentence naming the field and the fix.

    ``field`` names the form field (or CLI option) at fault, when there is one.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field

    @property
    def errors(self) -> list[InputError]:
        """Each error in this one: itself (``InputErrors`` holds several)."""
        return [self]

    def worded(self, name: str) -> str:
        """The message with the field called ``name`` (a label, an option) instead."""
        message = str(self)
        match = _PREFIX.match(message)
        if match:
            return f"{name}: {message[match.end():]}"
        if self.field and message.startswith(f"{self.field} "):
            return name + message[len(self.field) :]
        return message


class NotFound(InputError):
    """No object of this owner answers to that reference.

    ``kind`` says what was looked for (``"person"``), so that the CLI can add
    how to make one.
    """

    def __init__(self, message: str, field: str | None = None, kind: str = "") -> None:
        super().__init__(message, field)
        self.kind = kind


class Ambiguous(InputError):
    """Several objects answer to that reference; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list, field: str | None = None) -> None:
        super().__init__(message, field)
        self.candidates = candidates


class InputErrors(InputError):
    """Several fields were wrong at once: ``errors`` holds one ``InputError`` each."""

    def __init__(self, errors: list[InputError]) -> None:
        super().__init__(" ".join(str(error) for error in errors), errors[0].field)
        self._errors = list(errors)

    @property
    def errors(self) -> list[InputError]:
        return list(self._errors)


class Collector:
    """Checks fields one after another and reports every error at once.

    ``check`` runs a parser and returns its value, or ``fallback`` after noting
    the error; ``done`` raises what was noted (nothing when all was well).
    """

    def __init__(self) -> None:
        self.errors: list[InputError] = []

    def check(self, parse: Callable[..., T], *args, fallback=None, **kwargs) -> T:
        try:
            return parse(*args, **kwargs)
        except InputError as error:
            self.errors.extend(error.errors)
            return fallback

    def add(self, error: InputError) -> None:
        self.errors.extend(error.errors)

    def failed(self, field: str) -> bool:
        return any(error.field == field for error in self.errors)

    def done(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise InputErrors(self.errors)
