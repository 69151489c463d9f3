"""One sentence for a database error the user can act on: busy (wait) or unusable (fix).

SQLite answers "database is locked" when another process held the write lock
for longer than the busy timeout (an import, a restore, a long sync): the data
is fine and the next try will most likely work, so the message says so rather
than that the database is unusable.
"""

from __future__ import annotations

_BUSY = ("database is locked", "database table is locked", "lock timeout", "could not obtain lock")


def is_busy(error: BaseException) -> bool:
    """True if ``error`` says another process holds a lock (nothing is broken)."""
    text = str(error).lower()
    return any(marker in text for marker in _BUSY)


def describe(error: BaseException) -> str:
    """The one-line message for an ``OperationalError`` (without ``error:``)."""
    if is_busy(error):
        return (
            "the database is busy: another followthrough process is writing to it "
            "(an import, a restore, the web server); try again in a moment."
        )
    return f"the database is not usable ({error}); check FOLLOWTHROUGH_HOME or DATABASE_URL."
