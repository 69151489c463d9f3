"""Only http(s) addresses become links: a stored ``javascript:`` URL stays text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})
# Browsers drop tabs and newlines anywhere in a URL and trim control characters and
# spaces at its ends ("java\tscript:" runs), so any of them makes the value suspect.
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")


def web_url(value: object) -> str:
    """``value`` if it is an absolute http(s) address, else ``""``."""
    if not isinstance(value, str) or not value or _CONTROL_OR_SPACE.search(value):
        return ""
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
        return ""
    return value
