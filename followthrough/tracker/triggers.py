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

The same triggers say *what* changed, for the incremental sync
(``engine.incremental``): each adds the people and opportunities the write
touches to ``tracker_syncdirty`` (once per id: the key is unique), a write to
the workspace (its settings, its mode) a ``full`` row. ``DIRTY`` lists, per
table, which rows: a write to an interaction touches its people and its
opportunity, someone joining or leaving one touches everyone in it, a person
touches the one who introduced them, an organization its opportunities, a task
its person and opportunity (a done or dismissed rule task
is a fact), on both the old and the new row of an update.

The triggers that keep ``PersonFacts`` (a person's last contact, whether they
helped) are made and dropped with these: ``tracker.person_facts``. A restore
switches them all off for its transaction and says once what they would have
noted (``tracker.trigger_pause``, ``sync_state.rewriting``).
"""

from __future__ import annotations

from . import person_facts
from .trigger_pause import POSTGRESQL_QUIET

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
DIRTY_TABLE = "tracker_syncdirty"
_OPP = "tracker_opportunity o"
_INTERACTION = "tracker_interaction i"
# table: [(owner, kind, ref; the tables joined; the condition)], ``{r}`` the row written.
DIRTY: dict[str, list[tuple[str, str, str]]] = {
    "tracker_person": [
        ("{r}.owner_id, 'p', {r}.id", "", ""),
        ("{r}.owner_id, 'p', {r}.introduced_by_id", "", "{r}.introduced_by_id IS NOT NULL"),
    ],
    "tracker_interaction": [
        ("{r}.owner_id, 'o', {r}.opportunity_id", "", "{r}.opportunity_id IS NOT NULL"),
        ("{r}.owner_id, 'p', ip.person_id", "tracker_interaction_people ip",
         "ip.interaction_id = {r}.id"),
    ],
    "tracker_interaction_people": [
        ("i.owner_id, 'p', {r}.person_id", _INTERACTION, "i.id = {r}.interaction_id"),
        ("i.owner_id, 'o', i.opportunity_id", _INTERACTION,
         "i.id = {r}.interaction_id AND i.opportunity_id IS NOT NULL"),
        # The others in it: an item keyed by the interaction (a let-go after a
        # clear no) goes to the first of its people it applies to.
        ("i.owner_id, 'p', ip.person_id", _INTERACTION + ", tracker_interaction_people ip",
         "i.id = {r}.interaction_id AND ip.interaction_id = {r}.interaction_id"),
    ],
    "tracker_opportunity": [("{r}.owner_id, 'o', {r}.id", "", "")],
    "tracker_opportunityperson": [
        ("o.owner_id, 'o', o.id", _OPP, "o.id = {r}.opportunity_id"),
        ("o.owner_id, 'p', {r}.person_id", _OPP, "o.id = {r}.opportunity_id"),
    ],
    "tracker_stagechange": [("o.owner_id, 'o', o.id", _OPP, "o.id = {r}.opportunity_id")],
    "tracker_organization": [("{r}.owner_id, 'o', o.id", _OPP, "o.organization_id = {r}.id")],
    "tracker_task": [
        ("{r}.owner_id, 'p', {r}.person_id", "", "{r}.person_id IS NOT NULL"),
        ("{r}.owner_id, 'o', {r}.opportunity_id", "", "{r}.opportunity_id IS NOT NULL"),
    ],
    "tracker_workspace": [("{r}.owner_id, 'f', 0", "", "")],
}  # fmt: skip
_TABLES = OWNED + [child[0] for child in CHILDREN]


_UNSYNCED = (
    f" ON CONFLICT (owner_id, kind, ref) DO UPDATE SET synced = NULL "
    f"WHERE {DIRTY_TABLE}.synced IS NOT NULL"
)
"""A row the last sync consumed (``synced``) is new again (and one still new is not rewritten)."""


def _unless_full(owner: str) -> str:
    """No row is worth adding while a full sync is due anyway (a restore, a migration):
    the condition that keeps a bulk write from noting each of its rows."""
    return (
        f"NOT EXISTS (SELECT 1 FROM {DIRTY_TABLE} d WHERE d.owner_id = {owner} "
        f"AND d.kind = 'f' AND d.synced IS NULL)"
    )


def _dirty_sqlite(table: str, rows: tuple[str, ...]) -> str:
    """The statements that note what a row's write touches (SQLite, in a row trigger)."""
    statements = []
    for row in rows:
        for columns, joined, condition in DIRTY[table]:
            sql = f"INSERT INTO {DIRTY_TABLE} (owner_id, kind, ref) SELECT "
            sql += columns.format(r=row)
            sql += f" FROM {joined}" if joined else ""
            # An upsert's SELECT needs a WHERE (SQLite's parser).
            sql += f" WHERE {condition.format(r=row) if condition else 'TRUE'}"
            statements.append(sql + _UNSYNCED + ";")
    return " ".join(statements)


def _dirty_postgresql(table: str) -> str:
    """The same over a statement's transition table ``ft_changed`` (PostgreSQL)."""
    statements = []
    for columns, joined, condition in DIRTY[table]:
        sql = f"INSERT INTO {DIRTY_TABLE} (owner_id, kind, ref) SELECT DISTINCT "
        sql += columns.format(r="r") + " FROM ft_changed r"
        sql += f", {joined}" if joined else ""
        owner = columns.split(",")[0].format(r="r")
        where = [condition.format(r="r")] if condition else []
        sql += " WHERE " + " AND ".join([*where, _unless_full(owner)])
        statements.append(sql + _UNSYNCED + ";")
    return " ".join(statements)


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
            rows = ("NEW", "OLD") if event == "update" else (row,)
            statements.append(
                f"CREATE TRIGGER {_name(table, event)} AFTER {event.upper()} ON {table} "
                f"FOR EACH ROW BEGIN UPDATE {STATE} SET change = change + 1 "
                f"WHERE owner_id = {owner}; END"
            )
            # Apart, so that one test skips them all while a full sync is due (a restore).
            statements.append(
                f"CREATE TRIGGER {_name(table, event)}_dirty AFTER {event.upper()} ON {table} "
                f"FOR EACH ROW WHEN {_unless_full(owner)} BEGIN {_dirty_sqlite(table, rows)} END"
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
        f"BEGIN {POSTGRESQL_QUIET}"
        f"UPDATE {STATE} SET change = change + 1 WHERE owner_id IN ({owners}); "
        f"RETURN NULL; END $$"
        for name, owners in _postgresql_functions().items()
    ]
    statements += [
        f"CREATE OR REPLACE FUNCTION ft_dirty_{table.removeprefix('tracker_')}() RETURNS trigger "
        f"LANGUAGE plpgsql AS $$ BEGIN {POSTGRESQL_QUIET}{_dirty_postgresql(table)} "
        f"RETURN NULL; END $$"
        for table in DIRTY
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
        dirty = [(event, row) for event, row in EVENTS.items()] + [("update", "OLD")]
        for event, row in dirty:
            transition = "NEW TABLE" if row == "NEW" else "OLD TABLE"
            suffix = "_old" if (event, row) == ("update", "OLD") else ""
            statements.append(
                f"CREATE TRIGGER {_name(table, event)}_dirty{suffix} AFTER {event.upper()} "
                f"ON {table} REFERENCING {transition} AS ft_changed FOR EACH STATEMENT "
                f"EXECUTE FUNCTION ft_dirty_{table.removeprefix('tracker_')}()"
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


def names(connection) -> list[str]:
    """The names of the triggers made here that exist now, sorted."""
    if connection.vendor not in ("sqlite", "postgresql"):
        return []
    with connection.cursor() as cursor:
        return sorted(name for name, _table in _existing(cursor, connection.vendor))


def drop(connection) -> None:
    """Drop the triggers (whichever exist); a database without them is left as it is."""
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    with connection.cursor() as cursor:
        for name, table in _existing(cursor, connection.vendor):
            on = f" ON {connection.ops.quote_name(table)}" if connection.vendor != "sqlite" else ""
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}{on}")


def statements(vendor: str) -> list[str]:
    """Every statement that makes the triggers (and their functions) on ``vendor``."""
    if vendor == "sqlite":
        return _sqlite_create() + person_facts.sqlite_create()
    return _postgresql_create() + person_facts.postgresql_create()


def create(connection) -> None:
    """Make the triggers (none of them may exist), nothing else."""
    with connection.cursor() as cursor:
        for statement in statements(connection.vendor):
            cursor.execute(statement)


def install(connection) -> None:
    """Make every trigger afresh and move every counter on (idempotent).

    Does nothing until the tables exist (a migrate that has not reached the
    sync state yet), nor on a database other than SQLite and PostgreSQL (where
    the agenda syncs every time instead).
    """
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    tables = set(connection.introspection.table_names())
    if not {STATE, DIRTY_TABLE, person_facts.TABLE} <= tables or not set(_TABLES) <= tables:
        return
    drop(connection)
    create(connection)
    with connection.cursor() as cursor:
        person_facts.backfill(cursor)
        cursor.execute(
            f"INSERT INTO {STATE} (owner_id, change, created, updated, removed, synced_engine, "
            f"incremental) SELECT owner_id, 0, 0, 0, 0, '', FALSE FROM tracker_workspace "
            f"WHERE owner_id NOT IN (SELECT owner_id FROM {STATE})"
        )
        # Whatever the migration changed, the next agenda syncs, in full.
        cursor.execute(f"UPDATE {STATE} SET change = change + 1")
        cursor.execute(
            f"INSERT INTO {DIRTY_TABLE} (owner_id, kind, ref) SELECT owner_id, 'f', 0 "
            f"FROM {STATE} WHERE owner_id NOT IN "
            f"(SELECT owner_id FROM {DIRTY_TABLE} WHERE kind = 'f')"
        )
