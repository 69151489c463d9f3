"""The lossless backup: an owner's whole workspace as one JSON document, streamed.

The document is an object: ``format``, ``schema_version``, ``exported_at`` and
``app_version`` first, then one key per ``registry`` section in restore order,
each a list of rows (the workspace, a single row, is an object). Every row is
written on its own line, so the file diffs and greps well, and rows are read
with ``values_list`` in chunks and written as they come: a workspace of 300,000
interactions never sits in memory. Many-to-many lists (a person's tags, an
interaction's people) come from a second cursor over the link table in the same
order, merged as the rows go by, so they cost one query per field, not per row.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from typing import TextIO

from django.db import connections, router, transaction
from django.utils import timezone

from followthrough.tracker.models import Workspace

from .registry import DATE, DATETIME, FORMAT, SCHEMA_VERSION, TIME, ManyColumn, Section, sections

CHUNK = 2_000
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def app_version() -> str:
    try:
        return version("followthrough")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


class JsonExport:
    """Iterate to get the document in pieces; ``counts`` holds the rows per section after."""

    def __init__(self, owner, now: dt.datetime | None = None) -> None:
        self.owner = owner
        self.now = now or timezone.now()
        self.counts: dict[str, int] = {}

    def __iter__(self) -> Iterator[str]:
        connection = connections[router.db_for_read(Workspace)]
        outermost = not connection.in_atomic_block
        # One transaction, so the sections agree with each other even while the
        # seeker keeps working: an interaction logged half-way through the export
        # must not name a person the file has no row for.
        with transaction.atomic(using=connection.alias):
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield from self._document()

    def _document(self) -> Iterator[str]:
        header = {
            "format": FORMAT,
            "schema_version": SCHEMA_VERSION,
            "exported_at": self.now.astimezone(dt.UTC).isoformat(),
            "app_version": app_version(),
        }
        yield "{\n" + ",\n".join(f"{_dumps(k)}: {_dumps(v)}" for k, v in header.items())
        for section in sections():
            yield f",\n{_dumps(section.name)}: "
            if section.single:
                yield from self._single(section)
            else:
                yield from self._rows(section)
        yield "\n}\n"

    def _single(self, section: Section) -> Iterator[str]:
        rows = list(_records(section, self.owner))
        self.counts[section.name] = len(rows)
        yield _dumps(rows[0]) if rows else "null"

    def _rows(self, section: Section) -> Iterator[str]:
        count, batch = 0, []
        yield "["
        for record in _records(section, self.owner):
            batch.append(_dumps(record))
            if len(batch) == CHUNK:
                yield ("," if count else "") + "\n" + ",\n".join(batch)
                count += len(batch)
                batch = []
        if batch:
            yield ("," if count else "") + "\n" + ",\n".join(batch)
            count += len(batch)
        self.counts[section.name] = count
        yield "\n]" if count else "]"


def write_json(owner, out: TextIO, now: dt.datetime | None = None) -> dict[str, int]:
    """Write the owner's backup to ``out``; return the number of rows per section."""
    export = JsonExport(owner, now)
    for piece in export:
        out.write(piece)
    return export.counts


def _records(section: Section, owner) -> Iterator[dict]:
    columns = section.columns
    names = [c.name for c in columns]
    attnames = [c.attname for c in columns]
    encoders = [_ENCODERS.get(c.kind) for c in columns]
    if not section.single:
        names, attnames, encoders = ["id", *names], ["pk", *attnames], [None, *encoders]
    pairs = list(zip(names, encoders, strict=True))
    rows = section.queryset(owner).order_by("pk").values_list(*attnames)
    many = [(m.name, _Links(m, section, owner)) for m in section.many_columns]
    for row in rows.iterator(chunk_size=CHUNK):
        record = {
            name: value if encode is None or value is None else encode(value)
            for (name, encode), value in zip(pairs, row, strict=True)
        }
        for name, links in many:
            record[name] = links.take(row[0])
        yield record


_ENCODERS = {DATE: dt.date.isoformat, TIME: dt.time.isoformat, DATETIME: dt.datetime.isoformat}


class _Links:
    """The link rows of one many-to-many field, in row order, handed out row by row."""

    def __init__(self, many: ManyColumn, section: Section, owner) -> None:
        lookup = f"{many.field.m2m_field_name()}__{section.owner_path}"
        links = (
            many.through._base_manager.filter(**{lookup: owner})
            .order_by(many.source, many.target)
            .values_list(many.source, many.target)
        )
        self._links = links.iterator(chunk_size=CHUNK * 2)
        self._next = next(self._links, None)

    def take(self, row_id: int) -> list[int]:
        """The related ids of row ``row_id``; rows must be asked for in increasing id order."""
        taken = []
        while self._next is not None and self._next[0] <= row_id:
            if self._next[0] == row_id:
                taken.append(self._next[1])
            self._next = next(self._links, None)
        return taken
