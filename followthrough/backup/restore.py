"""Restore a backup made by ``export_json`` into an owner's workspace: all or nothing.

The file is read once, from top to bottom (``reader``), one row at a time:
each row is checked against its model's fields, its references are rewritten
from the file's ids to the new rows' ids, and rows are inserted in batches.
The whole restore is one transaction, so a problem on the last row leaves the
workspace exactly as it was, replaced data included. A problem is one
sentence naming the file, the place (``people[3].met_on``: the fourth row of
``people``, its ``met_on``) and the fix.

Rows keep their ``created_at`` and ``updated_at``: they are inserted the way
Django's ``loaddata`` saves fixtures (``raw``), which skips ``auto_now``.

The change triggers are off for the restore's transaction
(``sync_state.rewriting``): noting each row for an incremental sync, and keeping
each person's facts row by row, cost a third of a big restore for nothing; the
restore says instead, once, that a full sync is due and recomputes the facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import closing
from typing import Any, TextIO

from django.conf import settings
from django.db import DatabaseError, connections, router, transaction
from django.utils import timezone

from followthrough.dbtune import roomy_cache
from followthrough.tracker.bulk import max_parameters
from followthrough.tracker.models import Workspace
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.locks import lock_workspace
from followthrough.tracker.services.owners import workspace_for
from followthrough.tracker.sync_state import rewriting

from .reader import Reader, SyntaxProblem
from .registry import (
    DATE,
    DATETIME,
    FORMAT,
    JSON,
    REF,
    SCHEMA_VERSION,
    STR,
    TIME,
    Column,
    Section,
    sections,
)
from .values import _MISSING, _Bad, _cleaner, _Missing, reason

BATCH = 2_000
HEADER = ("format", "schema_version", "exported_at", "app_version")
DELETE_CHUNK = 2_000


class WorkspaceNotEmpty(InputError):
    """Restore fills an empty workspace unless told to replace; ``existing`` says what is there."""

    def __init__(self, existing: dict[str, int]) -> None:
        self.existing = existing
        super().__init__(
            f"Your workspace already has data ({describe(existing)}); restore fills an empty"
            " workspace only: add --replace to delete what is there first.",
            "replace",
        )


def restore(owner, stream: TextIO, *, replace: bool = False, name: str = "the file") -> dict:
    """Restore the backup read from ``stream`` into ``owner``'s workspace; return the counts.

    Refuses (``InputError``, nothing written) a file that is not a backup, a
    backup of a newer schema version, a malformed row, and a workspace that
    already has data unless ``replace`` is true, in which case the owner's data
    is deleted first, in the same transaction. ``name`` names the file in messages.
    """
    try:
        with transaction.atomic(), roomy_cache(64), rewriting(owner):
            return _Restore(owner, Reader(stream), replace, name).run()
    except SyntaxProblem as problem:
        raise InputError(
            f"{name} is not a readable backup: {problem}; export a new one with"
            " `followthrough export json`.",
            "file",
        ) from None
    except UnicodeDecodeError:
        raise InputError(
            f"{name} is not UTF-8 text, so it is not a Followthrough backup; export one with"
            " `followthrough export json`.",
            "file",
        ) from None


def existing_data(owner) -> dict[str, int]:
    """How many rows of each section the owner has (the workspace row aside)."""
    return {s.name: s.queryset(owner).count() for s in sections() if not s.single}


def describe(counts: dict[str, int]) -> str:
    """``"40 people, 1 tag"`` for the sections that have rows."""
    parts = [f"{n} {_plural(name, n)}" for name, n in counts.items() if n]
    return ", ".join(parts) or "nothing"


# Sections whose table name is no word a person uses: (one, several).
_WORDS = {
    "involvements": ("person on an opportunity", "people on opportunities"),
    "people": ("person", "people"),
    "opportunities": ("opportunity", "opportunities"),
}


def _plural(section: str, n: int) -> str:
    words = section.replace("_", " ")
    one, several = _WORDS.get(section, (words.removesuffix("s"), words))
    return one if n == 1 else several


def clear(owner) -> None:
    """Delete everything the owner has, in one transaction, the change triggers off
    (``sync_state.rewriting``): what a restore with ``replace`` does first."""
    with transaction.atomic(), rewriting(owner):
        _delete_all(owner)


def _delete_all(owner) -> None:
    """Delete everything the owner has, dependents first, a chunk at a time.

    Chunks keep memory flat: Django's cascading delete loads the rows it deletes.
    """
    for section in reversed(sections()):
        if section.single:
            continue
        rows = section.queryset(owner).order_by("pk").values_list("pk", flat=True)
        manager = section.model._base_manager
        while ids := list(rows[:DELETE_CHUNK]):
            manager.filter(pk__in=ids).delete()


class _Restore:
    def __init__(self, owner, reader: Reader, replace: bool, name: str) -> None:
        self.owner = owner
        self.reader = reader
        self.replace = replace
        self.name = name
        self.sections = {s.name: s for s in sections()}
        self.order = list(self.sections)
        self.ids: dict[str, dict[int, int | None]] = {}
        self.counts: dict[str, int] = {}
        self.started = False
        self.replaced: dict[str, int] = {}

    def run(self) -> dict[str, int]:
        lock_workspace(self.owner)  # an import or another restore waits for this one
        header: dict[str, Any] = {}
        last = -1
        list_keys = frozenset(n for n, s in self.sections.items() if not s.single)
        for key, value in self.reader.entries(list_keys):
            if key in HEADER:
                if self.started:
                    raise self.bad(key, "must come before the data (at the top of the file)")
                header[key] = value
                continue
            if key not in self.sections:
                known = ", ".join(self.order)
                raise self.bad(key, f"is not a section of a backup (they are {known})")
            if not self.started:
                self.start(header)
            place = self.order.index(key)
            if place <= last:
                raise self.bad(key, f"is out of place: it must come before {self.order[last]!r}")
            last = place
            self.load(self.sections[key], value)
        if not self.started:
            self.start(header)
        self.refuse_replacing_with_nothing()
        return self.counts

    def refuse_replacing_with_nothing(self) -> None:
        """A replace that deleted data and put no row back is refused (rolled back)."""
        if not any(self.replaced.values()):
            return
        rows = sum(n for name, n in self.counts.items() if not self.sections[name].single)
        if rows:
            return
        raise InputError(
            f"{self.name} holds no data (no people, organizations, opportunities or other"
            f" rows): replacing your workspace with it would delete {describe(self.replaced)}"
            " and put nothing back, so nothing was changed; check that this is the backup"
            " you meant.",
            "file",
        )

    # Header and workspace ------------------------------------------------------

    def start(self, header: dict[str, Any]) -> None:
        found = header.get("format")
        if found != FORMAT:
            what = 'has no "format"' if found is None else f"has the format {found!r}"
            raise InputError(
                f"{self.name} is not a Followthrough backup (it {what}, not {FORMAT!r});"
                " export one with `followthrough export json`.",
                "format",
            )
        version = header.get("schema_version")
        if type(version) is not int or version < 1:
            raise self.bad("schema_version", f"{version!r} is not a schema version (1 or more)")
        if version > SCHEMA_VERSION:
            raise InputError(
                f"{self.name} has schema version {version}, newer than this Followthrough"
                f" reads (schema version {SCHEMA_VERSION}); upgrade Followthrough, then restore.",
                "schema_version",
            )
        existing = existing_data(self.owner)
        if any(existing.values()):
            if not self.replace:
                raise WorkspaceNotEmpty(existing)
            self.replaced = existing
            _delete_all(self.owner)
        self.started = True

    def load(self, section: Section, value: Any) -> None:
        if section.single:
            self.load_single(section, value)
        elif isinstance(value, Iterator):
            self.counts[section.name] = _Table(self, section).load(value)
        else:
            raise self.bad(section.name, "must be a list of rows")

    def load_single(self, section: Section, record: Any) -> None:
        """The owner's one row of a settings table: updated in place, or made."""
        is_workspace = section.model is Workspace
        if record is None:
            # The exporting owner had no such row: neither should this one
            # (the workspace is made with the defaults on first use anyway).
            if not is_workspace:
                section.queryset(self.owner).delete()
            self.counts[section.name] = 0
            return
        if not isinstance(record, dict):
            raise self.bad(section.name, "must be an object")
        values = _Row(self, section, exclude_id=True).clean_dict(record, section.name)
        if is_workspace:
            row = workspace_for(self.owner)
        else:
            row = section.queryset(self.owner).first() or section.model(owner=self.owner)
        for attname, value in values.items():
            setattr(row, attname, value)
        # raw: keep the file's timestamps, as loaddata does.
        row.save_base(raw=True)
        self.counts[section.name] = 1

    def bad(self, path: str, problem: str) -> InputError:
        return InputError(f"{self.name}: {path} {problem}.", path)


class _Row:
    """Checks one row of a section: its values in column order, references not yet mapped."""

    def __init__(self, restore: _Restore, section: Section, exclude_id: bool = False) -> None:
        self.restore = restore
        self.section = section
        self.columns = [(c, _cleaner(c, section)) for c in section.columns]
        self.known = {c.name for c in section.columns} | {m.name for m in section.many_columns}
        if not exclude_id:
            self.known.add("id")

    def clean(self, record: dict, path: str) -> list[Any]:
        """The row's values in ``section.columns`` order; ``InputError`` names a bad field."""
        get = record.get
        try:
            values = [clean(get(column.name, _MISSING)) for column, clean in self.columns]
        except (_Bad, _Missing):
            values = self.clean_slowly(record, path)
        if not self.known.issuperset(record):
            unknown = sorted(set(record) - self.known)
            raise self.restore.bad(f"{path}.{unknown[0]}", "is not a field of this section")
        if self.section.row_checks:
            self.check_row(values, path)
        return values

    def check_row(self, values: list[Any], path: str) -> None:
        """The section's rules across columns, on the row's values by attname."""
        row = {c.attname: v for (c, _), v in zip(self.columns, values, strict=True)}
        for check in self.section.row_checks:
            try:
                check(row)
            except InputError as error:
                field = error.field or "row"
                raise self.restore.bad(f"{path}.{field}", reason(error, field)) from None

    def clean_slowly(self, record: dict, path: str) -> list[Any]:
        """Column by column, to fill in missing values and name the column at fault."""
        values = []
        for column, clean in self.columns:
            if column.name not in record:
                values.append(self.missing(column, f"{path}.{column.name}"))
                continue
            try:
                values.append(clean(record[column.name]))
            except _Bad as bad:
                raise self.restore.bad(f"{path}.{column.name}", f"{bad}") from None
        return values

    def clean_dict(self, record: dict, path: str) -> dict[str, Any]:
        values = self.clean(record, path)
        return {c.attname: v for (c, _), v in zip(self.columns, values, strict=True)}

    def missing(self, column: Column, path: str) -> Any:
        f = column.field
        if f.has_default():
            return f.get_default()
        if f.null:
            return None
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            return timezone.now()
        if column.kind == STR and f.blank:
            return ""
        raise self.restore.bad(path, "is missing")


class _Table:
    """Loads the rows of one list section in batches, keeping the map of old to new ids.

    Rows go in with one multi-row ``INSERT ... RETURNING`` per batch, written
    here rather than through ``bulk_create``: Django's per-value preparation
    and model instances cost more than the database itself at this size
    (300,000 interactions). Values are adapted by the backend's own
    ``adapt_*_value`` functions, as Django would; ``auto_now`` is not applied.
    """

    def __init__(self, restore: _Restore, section: Section) -> None:
        self.restore = restore
        self.section = section
        self.name = section.name
        self.row = _Row(restore, section)
        self.ids = restore.ids.setdefault(section.name, {})
        self.connection = connections[router.db_for_write(section.model)]
        self.mark = "?" if self.connection.vendor == "sqlite" else "%s"
        self.refs = [(i, c) for i, c in enumerate(section.columns) if c.kind == REF]
        self.adapters = [
            (i, a) for i, c in enumerate(section.columns) if (a := _adapter(c, self.connection))
        ]
        self.owner = [restore.owner.pk] if section.owned_directly else []
        self.olds: list[int] = []
        self.rows: list[list[Any]] = []
        self.links: list[list[list[int]]] = []
        # (path, the row's old id, column index, the old id it refers to)
        self.deferred: list[tuple[str, int, int, int]] = []
        self.done = 0

    def load(self, items: Iterator[Any]) -> int:
        size = self.batch_size()
        for index, record in enumerate(items):
            self.add(record, f"{self.name}[{index}]")
            if len(self.rows) >= size:
                self.flush()
        self.flush()
        self.resolve_deferred()
        return self.done

    def add(self, record: Any, path: str) -> None:
        if type(record) is not dict:
            raise self.restore.bad(path, "must be an object (one row)")
        old = record.get("id")
        if type(old) is not int:
            raise self.restore.bad(f"{path}.id", "must be a whole number (the row's id)")
        if old in self.ids:
            raise self.restore.bad(f"{path}.id", f"{old} is the id of an earlier row too")
        values = self.row.clean(record, path)
        for i, column in self.refs:
            ref = values[i]
            if ref is None:
                continue
            if column.ref == self.name:
                # A row may name a later row of its own table (who introduced
                # whom): set it once every row of the table has its new id.
                self.deferred.append((f"{path}.{column.name}", old, i, ref))
                values[i] = None
            else:
                values[i] = self.new_id(column.ref, ref, f"{path}.{column.name}")
        for i, adapt in self.adapters:
            if values[i] is not None:
                values[i] = adapt(values[i])
        self.links.append(
            [self.many(m, record.get(m.name, []), path) for m in self.section.many_columns]
        )
        self.ids[old] = None
        self.olds.append(old)
        self.rows.append(self.owner + values)

    def new_id(self, section: str, old: int, path: str) -> int:
        new = self.restore.ids.get(section, {}).get(old)
        if new is None:
            raise self.restore.bad(
                path, f"refers to {section} id {old}, which the file does not have"
            )
        return new

    def many(self, many, value: Any, path: str) -> list[int]:
        path = f"{path}.{many.name}"
        if type(value) is not list or any(type(v) is not int for v in value):
            raise self.restore.bad(path, f"must be a list of {many.ref} ids")
        return [self.new_id(many.ref, old, f"{path}[{i}]") for i, old in enumerate(value)]

    # Writing --------------------------------------------------------------------

    def batch_size(self) -> int:
        width = len(self.owner) + len(self.section.columns)
        return max(1, min(BATCH, max_parameters(self.connection) // width))

    def flush(self) -> None:
        if not self.rows:
            return
        try:
            # The driver's own errors, as Django's (IntegrityError, DataError...).
            with self.connection.wrap_database_errors:
                new_ids = self.insert_rows()
                self.insert_links(new_ids)
        except DatabaseError as error:
            raise self.refused(error) from None
        for old, new in zip(self.olds, new_ids, strict=True):
            self.ids[old] = new
        self.done += len(self.rows)
        self.olds, self.rows, self.links = [], [], []

    def insert_rows(self) -> list[int]:
        quote = self.connection.ops.quote_name
        meta = self.section.model._meta
        names = (["owner_id"] if self.owner else []) + [c.attname for c in self.section.columns]
        one = "(" + ", ".join([self.mark] * len(names)) + ")"
        sql = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(map(quote, names))}) "
            f"VALUES {', '.join([one] * len(self.rows))} RETURNING {quote(meta.pk.column)}"
        )
        with self.cursor() as cursor:
            cursor.execute(sql, [value for row in self.rows for value in row])
            # Ids are handed out in the order of the VALUES; RETURNING's own order
            # is not promised, so sort rather than trust it.
            return sorted(row[0] for row in cursor.fetchall())

    def insert_links(self, new_ids: list[int]) -> None:
        quote = self.connection.ops.quote_name
        for n, many in enumerate(self.section.many_columns):
            pairs = [
                (new, target)
                for new, linked in zip(new_ids, self.links, strict=True)
                for target in linked[n]
            ]
            if not pairs:
                continue
            sql = (
                f"INSERT INTO {quote(many.through._meta.db_table)}"
                f" ({quote(many.source)}, {quote(many.target)}) VALUES ({self.mark}, {self.mark})"
            )
            with self.cursor() as cursor:
                cursor.executemany(sql, pairs)

    def resolve_deferred(self) -> None:
        if not self.deferred:
            return
        quote = self.connection.ops.quote_name
        meta = self.section.model._meta
        new_ids = {}
        for path, row_id, i, old in self.deferred:
            column = self.section.columns[i]
            new_ids.setdefault(column.attname, []).append(
                (self.new_id(self.name, old, path), self.ids[row_id])
            )
        with self.connection.wrap_database_errors, self.cursor() as cursor:
            for attname, pairs in new_ids.items():
                cursor.executemany(
                    f"UPDATE {quote(meta.db_table)} SET {quote(attname)} = {self.mark}"
                    f" WHERE {quote(meta.pk.column)} = {self.mark}",
                    pairs,
                )

    def cursor(self):
        """The driver's own cursor, in the restore's transaction.

        Django's cursor wrapper rewrites every ``%s`` of a statement with a
        regular expression: seconds, for statements of thousands of values.
        """
        self.connection.ensure_connection()
        return closing(self.connection.connection.cursor())

    def refused(self, error: DatabaseError) -> InputError:
        text = str(error).strip()
        first = text.splitlines()[0] if text else type(error).__name__
        return InputError(
            f"{self.restore.name}: {self.name} has a row the database refuses"
            f" ({first}); nothing was restored.",
            self.name,
        )


def _adapter(column: Column, connection) -> Callable[[Any], Any] | None:
    """How the backend wants a column's Python value, or ``None`` for as-is."""
    ops = connection.ops
    if column.kind == DATE:
        return ops.adapt_datefield_value
    if column.kind == DATETIME and connection.vendor == "sqlite" and settings.USE_TZ:
        return _sqlite_datetime
    if column.kind == DATETIME:
        return ops.adapt_datetimefield_value
    if column.kind == TIME:
        return ops.adapt_timefield_value
    if column.kind == JSON:
        field = column.field
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _sqlite_datetime(value: dt.datetime) -> str:
    # What Django's SQLite backend stores (UTC, without the offset), minus its
    # per-value checks: a restore adapts hundreds of thousands of these.
    return str(value.astimezone(dt.UTC).replace(tzinfo=None))
