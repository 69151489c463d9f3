"""Read a backup document a piece at a time: its top-level keys, and list items one by one.

``json.load`` would hold a 300,000-interaction backup as Python objects at once
(well over the memory budget), so this reads the top-level object by hand and
decodes each value, or each item of a list value, with the standard decoder's
``raw_decode`` on a sliding buffer. Any layout of whitespace is accepted, so a
backup that was re-indented by another tool still reads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, TextIO

_SPACE = re.compile(r"[ \t\n\r]*")
_BUFFER = 1 << 20
# An escape that may decode to a NUL or to a lone surrogate (a pair is fine; the walk
# below tells them apart). Neither can be stored by PostgreSQL nor written as UTF-8.
_SUSPECT = re.compile(r"\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})")


class SyntaxProblem(ValueError):
    """The text is not JSON (or not the object a backup is); ``str()`` says where."""


class Reader:
    """Walks ``{"key": value, "key": [item, item], ...}`` from a text stream."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._lines_before = 0  # newlines in the text already dropped from the buffer
        self._decoder = json.JSONDecoder()

    # The top level ----------------------------------------------------------------

    def entries(self, list_keys: frozenset[str]) -> Iterator[tuple[str, Any]]:
        """``(key, value)`` pairs; for a key in ``list_keys`` whose value is a list, the
        value is an iterator over its items, which must be used up before the next pair."""
        if self._peek() != "{":
            raise SyntaxProblem(
                "it is not a JSON object (a backup starts with '{')" + self._where()
            )
        self._pos += 1
        if self._peek() == "}":
            self._pos += 1
        else:
            while True:
                key = self._value()
                if not isinstance(key, str):
                    raise SyntaxProblem("expected a key in double quotes" + self._where())
                self._expect(":")
                if key in list_keys and self._peek() == "[":
                    self._pos += 1
                    yield key, self._items()
                else:
                    yield key, self._value()
                if self._separator("}"):
                    break
        if self._peek() != "":
            raise SyntaxProblem("there is more text after the backup's closing '}'" + self._where())

    def _items(self) -> Iterator[Any]:
        if self._peek() == "]":
            self._pos += 1
            return
        while True:
            yield self._value()
            if self._separator("]"):
                return

    def _separator(self, closing: str) -> bool:
        """Consume ``,`` (``False``: more follows) or ``closing`` (``True``: done)."""
        char = self._peek()
        self._pos += 1
        if char == closing:
            return True
        if char != ",":
            self._pos -= 1
            raise SyntaxProblem(f"expected ',' or '{closing}'" + self._where())
        return False

    def _expect(self, char: str) -> None:
        if self._peek() != char:
            raise SyntaxProblem(f"expected '{char}'" + self._where())
        self._pos += 1

    # The buffer -------------------------------------------------------------------

    def _value(self) -> Any:
        self._peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as error:
                if self._fill():
                    continue  # the value may just be cut by the buffer's end
                raise SyntaxProblem(f"{_plain(error.msg)}{self._where(error.pos)}") from None
            except RecursionError:
                # Lists or objects nested hundreds deep: a backup nests three at most.
                raise SyntaxProblem(
                    "it nests lists or objects too deeply" + self._where()
                ) from None
            except ValueError as error:
                # A whole number of thousands of digits (Python refuses to convert it).
                digits = re.search(r"value has (\d+) digits", str(error))
                what = f"a number of {digits[1]} digits" if digits else "a number too long"
                raise SyntaxProblem(f"it has {what}{self._where()}") from None
            # A number (or ``true``) at the very end of the buffer may go on.
            if end == len(self._buf) and self._fill():
                continue
            if _SUSPECT.search(self._buf, self._pos, end):
                what = _bad_text(value)
                if what:
                    raise SyntaxProblem(f"it has {what} in the value{self._where()}")
            self._pos = end
            return value

    def _peek(self) -> str:
        """The next character that is not white space ('' at the end of the text)."""
        while True:
            self._pos = _SPACE.match(self._buf, self._pos).end()
            if self._pos < len(self._buf) or not self._fill():
                return self._buf[self._pos : self._pos + 1]

    def _fill(self) -> bool:
        """Read more text (dropping what was used); ``False`` at the end of the stream."""
        if self._eof:
            return False
        more = self._stream.read(_BUFFER)
        if not more:
            self._eof = True
            return False
        self._lines_before += self._buf.count("\n", 0, self._pos)
        self._buf = self._buf[self._pos :] + more
        self._pos = 0
        return True

    def _where(self, pos: int | None = None) -> str:
        pos = self._pos if pos is None else pos
        line = self._lines_before + self._buf.count("\n", 0, pos) + 1
        column = pos - (self._buf.rfind("\n", 0, pos) + 1) + 1
        return f" at line {line}, column {column}"


def _bad_text(value: Any) -> str | None:
    """What is wrong with a text in ``value`` (keys included), or ``None``."""
    from followthrough.tracker.services.validators import bad_character

    if isinstance(value, str):
        return bad_character(value)
    if isinstance(value, list):
        return next((w for v in value if (w := _bad_text(v))), None)
    if isinstance(value, dict):
        return next(
            (w for k, v in value.items() if (w := _bad_text(k) or _bad_text(v))), None
        )
    return None


def _plain(message: str) -> str:
    """The decoder's message, made lower-case to fit after a colon."""
    # "Unterminated string starting at" ends with "at": the place follows as " at line ...".
    message = message.removesuffix(" at")
    return message[:1].lower() + message[1:]
