"""The database triggers that keep ``tracker_syncstate.change`` counting.

Every insert, update and delete of what the etiquette rules read bumps the
owner's change counter in the writing transaction (SQLite: a trigger per row;
PostgreSQL: a trigger per statement over its transition table), so a process can
tell in one read whether anything changed since the last sync
(``tracker.sync_state``).

The triggers are dropped before every ``migrate`` and made again after it
(``pre_migrate`` / ``post_migrate``, see ``apps``): SQLite alters a table by
copying it to a new one, which silently loses the triggers on it and breaks the
ones on other tables that name it. After a migrate every counter moves on, so
the next agenda syncs whatever the migration changed.
"""

from __future__ import annotations

STATE = "tracker_syncstate"
OWNED = [
    "tracker_person", "tracker_interaction", "tracker_opportunity",
    "tracker_organization", "tracker_task", "tracker_workspace",
]  # fmt: skip
# Tables without an owner column: (table, parent column, parent table).
CHILDREN = [
    ("tracker_opportunityperson", "opportunity_id", "tracker_opportunity"),
    ("tracker_stagechange", "opportunity_id", "tracker_opportunity"),
    ("tracker_interaction_people", "interaction_id", "tracker_interaction"),
]
EVENTS = {"insert": "NEW", "update": "NEW", "delete": "OLD"}
_TABLES = OWNED + [child[0] for child in CHILDREN]


def _name(table: str, event: str) -> str:
    return f"ft_change_{table.removeprefix('tracker_')}_{event}"


def _sqlite_create() -> list[str]:
    statements = []
    for table, parent in [(t, None) for t in OWNED] + [(c[0], c[1:]) for c in CHILDREN]:
        for event, row in EVENTS.items():
            if parent is None:
                owner = f"{row}.owner_id"
            else:
                column, parent_table = parent
                owner = f"(SELECT owner_id FROM {parent_table} WHERE id = {row}.{column})"
            statements.append(
                f"CREATE TRIGGER {_name(table, event)} AFTER {event.upper()} ON {table} "
                f"FOR EACH ROW BEGIN UPDATE {STATE} SET change = change + 1 "
                f"WHERE owner_id = {owner}; END"
            )
    return statements


def _postgresql_functions() -> dict[str, str]:
    functions = {"ft_bump_owned": "SELECT owner_id FROM ft_changed"}
    for _table, column, parent_table in CHILDREN:
        functions[f"ft_bump_via_{column}"] = (
            f"SELECT owner_id FROM {parent_table} WHERE id IN (SELECT {column} FROM ft_changed)"
        )
    return functions


def _postgresql_create() -> list[str]:
    statements = [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN UPDATE {STATE} SET change = change + 1 WHERE owner_id IN ({owners}); "
        f"RETURN NULL; END $$"
        for name, owners in _postgresql_functions().items()
    ]
    for table, parent in [(t, None) for t in OWNED] + [(c[0], c[1]) for c in CHILDREN]:
        for event, row in EVENTS.items():
            function = "ft_bump_owned" if parent is None else f"ft_bump_via_{parent}"
            transition = "NEW TABLE" if row == "NEW" else "OLD TABLE"
            statements.append(
                f"CREATE TRIGGER {_name(table, event)} AFTER {event.upper()} ON {table} "
                f"REFERENCING {transition} AS ft_changed FOR EACH STATEMENT "
                f"EXECUTE FUNCTION {function}()"
            )
    return statements


def _existing(cursor, vendor: str) -> list[tuple[str, str]]:
    """(trigger, table) of the triggers made here that exist now."""
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE 'ft\\_change\\_%' ESCAPE '\\'"
        )
    else:
        cursor.execute(
            "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal AND t.tgname LIKE 'ft\\_change\\_%' "
            "AND pg_catalog.pg_table_is_visible(c.oid)"
        )
    return list(cursor.fetchall())


def drop(connection) -> None:
    """Drop the triggers (whichever exist); a database without them is left as it is."""
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    with connection.cursor() as cursor:
        for name, table in _existing(cursor, connection.vendor):
            on = f" ON {connection.ops.quote_name(table)}" if connection.vendor != "sqlite" else ""
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}{on}")


def install(connection) -> None:
    """Make every trigger afresh and move every counter on (idempotent).

    Does nothing until the tables exist (a migrate that has not reached the
    sync state yet), nor on a database other than SQLite and PostgreSQL (where
    the agenda syncs every time instead).
    """
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    tables = set(connection.introspection.table_names())
    if STATE not in tables or not set(_TABLES) <= tables:
        return
    drop(connection)
    create = _sqlite_create() if connection.vendor == "sqlite" else _postgresql_create()
    with connection.cursor() as cursor:
        for statement in create:
            cursor.execute(statement)
        cursor.execute(
            f"INSERT INTO {STATE} (owner_id, change, created, updated, removed, synced_engine) "
            f"SELECT owner_id, 0, 0, 0, 0, '' FROM tracker_workspace "
            f"WHERE owner_id NOT IN (SELECT owner_id FROM {STATE})"
        )
        # Whatever the migration changed, the next agenda syncs.
        cursor.execute(f"UPDATE {STATE} SET change = change + 1")
