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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from django.db import DatabaseError, connections, models, router, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import timezone

from followthrough.tracker.models import Workspace
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import workspace_for

from .reader import Reader, SyntaxProblem
from .registry import (
    BOOL,
    DATE,
    DATETIME,
    FLOAT,
    FORMAT,
    INT,
    JSON,
    REF,
    SCHEMA_VERSION,
    STR,
    TIME,
    Column,
    Section,
    sections,
)

BATCH = 2_000
HEADER = ("format", "schema_version", "exported_at", "app_version")
DELETE_CHUNK = 2_000


class WorkspaceNotEmpty(InputError):
    """Restore fills an empty workspace unless told to replace it; ``existing`` says what is there."""

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
        with transaction.atomic():
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


def _plural(section: str, n: int) -> str:
    words = section.replace("_", " ")
    if n != 1:
        return words
    singular = {"people": "person", "opportunities": "opportunity"}
    return singular.get(words, words.removesuffix("s"))


def clear(owner) -> None:
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

    def run(self) -> dict[str, int]:
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
        return self.counts

    # Header and workspace ------------------------------------------------------

    def start(self, header: dict[str, Any]) -> None:
        found = header.get("format")
        if found != FORMAT:
            what = "has no \"format\"" if found is None else f"has the format {found!r}"
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
            clear(self.owner)
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
        values, _ = _Row(self, section, exclude_id=True).clean(record, section.name)
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
    """Checks one row of a section and turns it into model values (references not yet mapped)."""

    def __init__(self, restore: _Restore, section: Section, exclude_id: bool = False) -> None:
        self.restore = restore
        self.section = section
        self.columns = [(c, _cleaner(c, section)) for c in section.columns]
        self.known = {c.name for c in section.columns} | {m.name for m in section.many_columns}
        if not exclude_id:
            self.known.add("id")

    def clean(self, record: dict, path: str) -> tuple[dict[str, Any], list[tuple[Column, int]]]:
        """``(values by attname, references to map)``; raises ``InputError`` naming the field."""
        values: dict[str, Any] = {}
        refs: list[tuple[Column, int]] = []
        for column, clean in self.columns:
            try:
                raw = record[column.name]
            except KeyError:
                values[column.attname] = self.missing(column, f"{path}.{column.name}")
                continue
            try:
                value = clean(raw)
            except _Bad as bad:
                raise self.restore.bad(f"{path}.{column.name}", f"{bad}") from None
            if column.kind == REF and value is not None:
                refs.append((column, value))
            values[column.attname] = value
        if len(record) > len(self.known) or not self.known.issuperset(record):
            unknown = sorted(set(record) - self.known)
            if unknown:
                raise self.restore.bad(f"{path}.{unknown[0]}", "is not a field of this section")
        return values, refs

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
    """Loads the rows of one list section in batches, keeping the map of old to new ids."""

    def __init__(self, restore: _Restore, section: Section) -> None:
        self.restore = restore
        self.section = section
        self.model = section.model
        self.row = _Row(restore, section)
        self.ids = restore.ids.setdefault(section.name, {})
        self.fields = [f for f in self.model._meta.concrete_fields if not f.primary_key]
        self.db = router.db_for_write(self.model)
        self.batch: list[tuple[int, models.Model, list[tuple[str, list[int]]]]] = []
        self.deferred: list[tuple[str, models.Model, str, int]] = []

    def load(self, items: Iterator[Any]) -> int:
        count = 0
        for index, record in enumerate(items):
            self.add(record, f"{self.section.name}[{index}]")
            count += 1
            if len(self.batch) >= BATCH:
                self.flush()
        self.flush()
        self.resolve_deferred()
        return count

    def add(self, record: Any, path: str) -> None:
        if not isinstance(record, dict):
            raise self.restore.bad(path, "must be an object (one row)")
        old = record.get("id")
        if type(old) is not int:
            raise self.restore.bad(f"{path}.id", "must be a whole number (the row's id)")
        if old in self.ids:
            raise self.restore.bad(f"{path}.id", f"{old} is the id of an earlier row too")
        values, refs = self.row.clean(record, path)
        obj = self.model(**values)
        for column, ref in refs:
            self.map_reference(obj, column, ref, path)
        if self.section.owned_directly:
            obj.owner_id = self.restore.owner.pk
        links = [(m.name, self.many(m, record.get(m.name, []), path)) for m in self.section.many_columns]
        self.ids[old] = None
        self.batch.append((old, obj, links))

    def map_reference(self, obj: models.Model, column: Column, ref: int, path: str) -> None:
        if column.ref == self.section.name:
            # A row may name a later row of its own table (who introduced whom):
            # set it once every row of the table has its new id.
            setattr(obj, column.attname, None)
            self.deferred.append((f"{path}.{column.name}", obj, column.attname, ref))
            return
        setattr(obj, column.attname, self.new_id(column.ref, ref, f"{path}.{column.name}"))

    def new_id(self, section: str, old: int, path: str) -> int:
        new = self.restore.ids.get(section, {}).get(old)
        if new is None:
            raise self.restore.bad(path, f"refers to {section} id {old}, which the file does not have")
        return new

    def many(self, many, value: Any, path: str) -> list[int]:
        path = f"{path}.{many.name}"
        if not isinstance(value, list) or any(type(v) is not int for v in value):
            raise self.restore.bad(path, f"must be a list of {many.ref} ids")
        return [self.new_id(many.ref, old, f"{path}[{i}]") for i, old in enumerate(value)]

    def flush(self) -> None:
        if not self.batch:
            return
        objs = [obj for _, obj, _ in self.batch]
        try:
            self.insert(objs)
            self.insert_links()
        except DatabaseError as error:
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise InputError(
                f"{self.restore.name}: {self.section.name} has a row the database refuses"
                f" ({first}); nothing was restored.",
                self.section.name,
            ) from None
        for old, obj, _ in self.batch:
            self.ids[old] = obj.pk
        self.batch = []

    def insert(self, objs: list[models.Model]) -> None:
        ops = connections[self.db].ops
        size = max(1, min(BATCH, ops.bulk_batch_size(self.fields, objs)))
        pk = self.model._meta.pk
        manager = self.model._base_manager
        for start in range(0, len(objs), size):
            chunk = objs[start : start + size]
            rows = manager._insert(
                chunk, fields=self.fields, returning_fields=[pk], raw=True, using=self.db
            )
            for obj, row in zip(chunk, rows, strict=True):
                obj.pk = row[0]
                obj._state.adding = False
                obj._state.db = self.db

    def insert_links(self) -> None:
        for many in self.section.many_columns:
            through = many.through
            links = [
                through(**{many.source: obj.pk, many.target: target})
                for _, obj, linked in self.batch
                for name, targets in linked
                if name == many.name
                for target in targets
            ]
            through._base_manager.bulk_create(links, batch_size=BATCH)

    def resolve_deferred(self) -> None:
        changed = []
        for path, obj, attname, old in self.deferred:
            setattr(obj, attname, self.new_id(self.section.name, old, path))
            changed.append(obj)
        if changed:
            names = sorted({attname for _, _, attname, _ in self.deferred})
            fields = [self.model._meta.get_field(a).name for a in names]
            self.model._base_manager.bulk_update(changed, fields, batch_size=500)


# Checking values -----------------------------------------------------------------


class _Bad(ValueError):
    """A value that does not fit its column; ``str()`` says why, after the path."""


def _cleaner(column: Column, section: Section) -> Callable[[Any], Any]:
    check = section.checks.get(column.name)
    base = _BASE[column.kind](column)
    if column.kind == JSON and column.name in section.string_lists:
        base = _string_list
    nullable = column.nullable

    def clean(value: Any) -> Any:
        if value is None:
            if nullable:
                return None
            raise _Bad("must not be null")
        value = base(value)
        if check is not None:
            try:
                value = check(value, column.name)
            except InputError as error:
                raise _Bad(f"{value!r} is refused: {error}") from None
        return value

    return clean


def _text(column: Column) -> Callable[[Any], str]:
    limit, choices = column.max_length, column.choices

    def clean(value: Any) -> str:
        if type(value) is not str:
            raise _Bad(f"must be text, not {_json_type(value)}")
        if limit is not None and len(value) > limit:
            raise _Bad(f"is {len(value)} characters long; the most is {limit}")
        if choices is not None and value not in choices:
            raise _Bad(f"{value!r} is not one of {', '.join(sorted(map(str, choices)))}")
        return value

    return clean


def _integer(column: Column) -> Callable[[Any], int]:
    # The widest database's ranges, so a file that restores on SQLite restores on PostgreSQL.
    ranges = BaseDatabaseOperations.integer_field_ranges
    low, high = ranges.get(column.field.get_internal_type(), ranges["BigIntegerField"])
    choices = column.choices

    def clean(value: Any) -> int:
        if type(value) is not int:
            raise _Bad(f"must be a whole number, not {_json_type(value)}")
        if not low <= value <= high:
            raise _Bad(f"must be from {low} to {high}, not {value}")
        if choices is not None and value not in choices:
            raise _Bad(f"{value!r} is not one of {', '.join(sorted(map(str, choices)))}")
        return value

    return clean


def _reference(column: Column) -> Callable[[Any], int]:
    def clean(value: Any) -> int:
        if type(value) is not int:
            raise _Bad(f"must be an id (a whole number), not {_json_type(value)}")
        return value

    return clean


def _number(column: Column) -> Callable[[Any], float]:
    def clean(value: Any) -> float:
        if type(value) not in (int, float):
            raise _Bad(f"must be a number, not {_json_type(value)}")
        return float(value)

    return clean


def _boolean(column: Column) -> Callable[[Any], bool]:
    def clean(value: Any) -> bool:
        if type(value) is not bool:
            raise _Bad(f"must be true or false, not {_json_type(value)}")
        return value

    return clean


def _parser(parse: Callable[[str], Any], what: str, example: str, aware: bool = False):
    def build(column: Column) -> Callable[[Any], Any]:
        def clean(value: Any) -> Any:
            if type(value) is str:
                try:
                    parsed = parse(value)
                except ValueError:
                    pass
                else:
                    if not aware or parsed.tzinfo is not None:
                        return parsed
            raise _Bad(f"{value!r} is not {what} (write it like {example})")

        return clean

    return build


def _json(column: Column) -> Callable[[Any], Any]:
    default = column.field.get_default() if column.field.has_default() else None
    shape = type(default) if isinstance(default, list | dict) else None

    def clean(value: Any) -> Any:
        if shape is not None and type(value) is not shape:
            raise _Bad(f"must be a {'list' if shape is list else 'object'}")
        return value

    return clean


def _string_list(value: Any) -> list[str]:
    if not isinstance(value, list) or any(type(v) is not str for v in value):
        raise _Bad("must be a list of text")
    return value


def _json_type(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "text",
             list: "a list", dict: "an object"}  # fmt: skip
    return names.get(type(value), "null")


_BASE: dict[str, Callable[[Column], Callable[[Any], Any]]] = {
    STR: _text,
    INT: _integer,
    FLOAT: _number,
    BOOL: _boolean,
    DATE: _parser(dt.date.fromisoformat, "a date", "2026-03-02"),
    TIME: _parser(dt.time.fromisoformat, "a time", "14:30:00"),
    DATETIME: _parser(
        dt.datetime.fromisoformat, "a date and time with its offset", "2026-03-02T14:30:00+00:00",
        aware=True,
    ),
    JSON: _json,
    REF: _reference,
}
