"""Database settings for one big write: shared by restore and the mail import."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections


@contextmanager
def roomy_cache(megabytes: int = 64, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """On SQLite, a larger page cache while the block runs (then the one before).

    One big transaction (a restore, an mbox of 50,000 messages) with SQLite's
    default 2 MB cache spills pages to disk and reads them back all along: the
    time goes to I/O, not to Python. Other databases are left as they are.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{megabytes * 1024}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")
