"""Ids and small whole numbers as typed or posted: ASCII digits only.

``str.isdigit`` is true for ``²`` and ``①`` (which ``int`` refuses: a traceback)
and ``int`` reads Arabic-Indic or full-width 3 as 3 (another row than the one meant). An id is
written with the digits 0-9 and nothing else, at most 18 of them (a 64-bit key).
"""

from __future__ import annotations

MAX_ID_DIGITS = 18


def ascii_digits(text: object) -> bool:
    """True for a non-empty string of the digits 0-9 only."""
    return isinstance(text, str) and text.isascii() and text.isdigit()


def as_id(value: object) -> int | None:
    """``value`` as a row id (an int, or text of 0-9 digits), else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 < value < 2**63 else None
    text = str(value).strip() if value is not None else ""
    if ascii_digits(text) and len(text) <= MAX_ID_DIGITS:
        return int(text) or None
    return None
