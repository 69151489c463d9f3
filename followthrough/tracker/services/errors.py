"""Errors a user can fix, each carrying one sentence that says what and where."""

from __future__ import annotations


class InputError(ValueError):
    """Bad input: ``str(error)`` is one sentence naming the field and the fix.

    ``field`` names the form field (or CLI option) at fault, when there is one.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFound(InputError):
    """No object of this owner answers to that reference."""


class Ambiguous(InputError):
    """Several objects answer to that reference; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list, field: str | None = None) -> None:
        super().__init__(message, field)
        self.candidates = candidates
