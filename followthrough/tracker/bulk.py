"""What the fast bulk writers (big imports, restores) share about the database."""

from __future__ import annotations

import sqlite3


def max_parameters(connection) -> int:
    """How many ``%s`` placeholders one statement may hold on this database.

    Django still assumes SQLite's old limit of 999; the real one is read from the
    connection (32,766 since SQLite 3.32), which lets a statement carry hundreds
    of rows.
    """
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return connection.features.max_query_params or 65_535
