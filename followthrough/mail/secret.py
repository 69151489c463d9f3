"""The IMAP password: from FOLLOWTHROUGH_IMAP_PASSWORD, or a file only the owner can read.

The file lives in the data folder (FOLLOWTHROUGH_HOME), never in the database,
so a backup, an export, a log or a page never holds it.
"""

from __future__ import annotations

import os
from pathlib import Path

from followthrough import config

ENV = "FOLLOWTHROUGH_IMAP_PASSWORD"
FILENAME = "imap-password"


def path() -> Path:
    return config.home() / FILENAME


def password() -> str | None:
    value = os.environ.get("FOLLOWTHROUGH_IMAP_PASSWORD")
    if value:
        return value
    try:
        return path().read_text(encoding="utf-8").rstrip("\n") or None
    except FileNotFoundError:
        return None


def store(value: str) -> Path:
    """Write the password readable and writable by the owner only (0600)."""
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(FILENAME + ".new")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    os.chmod(partial, 0o600)
    os.replace(partial, target)
    return target


def forget() -> None:
    path().unlink(missing_ok=True)
