"""Importing mailbox and calendar files: all or nothing, in batches, with progress."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.db import transaction

from followthrough.dbtune import roomy_cache

from . import files
from .ingest import Ingest, MailOutcome

BATCH = 2000


def batches(raws: Iterable[bytes], size: int = BATCH) -> Iterator[list[bytes]]:
    it = iter(raws)
    while batch := list(islice(it, size)):
        yield batch


def import_messages(
    owner,
    raws: Iterable[bytes],
    *,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> MailOutcome:
    """Log every message of ``raws``; an error part-way leaves the data as it was."""
    outcome = MailOutcome()
    with roomy_cache(96), transaction.atomic():
        ingest = Ingest(owner)
        for batch in batches(raws):
            outcome.merge(ingest.add(batch, progress))
        if dry_run:
            transaction.set_rollback(True)
    return outcome


def import_mbox_stream(owner, stream, name: str, **options) -> MailOutcome:
    return import_messages(owner, files.mbox_messages(stream, name), **options)


def import_eml_bytes(owner, items: list[tuple[str, bytes]], **options) -> MailOutcome:
    raws = [files.check_eml(data, name) for name, data in items]
    return import_messages(owner, raws, **options)


