"""The documents sent with applications: résumés and cover letters, kept in the data folder.

A file is stored once per owner under its SHA-256 (``<data folder>/documents/
<owner id>/<sha256>``), so the same résumé sent to ten employers is one
``Document`` and ten ``DocumentSent`` rows, each with the day it was sent. A
file is written to a temporary name and renamed into place, so a failed upload
leaves nothing half-written; a database row is made only once the file is there.

The JSON backup holds the rows, each naming its file by checksum; the files
themselves go into a separate archive (``write_archive``: a zip with a
``manifest.json``), which ``read_archive`` puts back, checking every checksum.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import transaction

from ..models import Document, DocumentKind, DocumentSent, Opportunity
from . import parsing
from .errors import InputError, NotFound

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
"""A document larger than this (10 MiB) is refused: résumés and letters are far smaller."""

EXTENSIONS = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".rtf": "application/rtf",
    ".txt": "text/plain",
    ".md": "text/markdown",
}
"""The kinds of file a résumé or a cover letter comes as, and their media types."""

ARCHIVE_FORMAT = "followthrough-documents"
_CHUNK = 64 * 1024


def root() -> Path:
    return Path(settings.HOME) / "documents"


def path_of(doc: Document) -> Path:
    return root() / str(doc.owner_id) / doc.sha256


def _clean_filename(filename: str) -> str:
    name = Path(str(filename or "").replace("\\", "/")).name.strip()
    return re.sub(r"[\x00-\x1f]", "", name)[:255]


def _check_type(filename: str, where: str) -> str:
    ext = Path(filename).suffix.lower()
    if ext not in EXTENSIONS:
        allowed = ", ".join(sorted(EXTENSIONS))
        raise InputError(
            f"{where}: {filename or 'the file'!r} is not a document this keeps; use {allowed}.",
            "file",
        )
    return EXTENSIONS[ext]


def _too_big(where: str, size: int | None = None) -> InputError:
    said = f" ({size / (1024 * 1024):.1f} MiB)" if size else ""
    return InputError(
        f"{where}: the file is too large{said}; the limit is"
        f" {MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB. Save a smaller PDF.",
        "file",
    )


def _store(owner_id: int, stream: BinaryIO, where: str) -> tuple[str, int, Path]:
    """Copy ``stream`` into the owner's folder under its checksum: ``(sha256, size, path)``."""
    folder = root() / str(owner_id)
    root().mkdir(mode=0o700, parents=True, exist_ok=True)  # private, like the data folder
    folder.mkdir(mode=0o700, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    handle, temp = tempfile.mkstemp(dir=folder, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as out:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > MAX_DOCUMENT_BYTES:
                    raise _too_big(where)
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise InputError(f"{where}: the file is empty.", "file")
        sha = digest.hexdigest()
        final = folder / sha
        os.replace(temp, final)
        return sha, size, final
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def add_document(
    owner,
    stream: BinaryIO,
    filename: str,
    *,
    name: str = "",
    kind: str | None = None,
    where: str = "file",
) -> tuple[Document, bool]:
    """Keep a file as a document: ``(document, made)``; the same file again is the same one."""
    filename = _clean_filename(filename)
    content_type = _check_type(filename, where)
    kind = parsing.clean_choice(kind, DocumentKind, "kind", default=DocumentKind.OTHER)
    label = parsing.clean_text(name, "name", 200) or Path(filename).stem or filename
    sha, size, stored = _store(owner.pk, stream, where)
    existing = Document.objects.filter(owner=owner, sha256=sha).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            doc = Document.objects.create(
                owner=owner, name=label, kind=kind, filename=filename, sha256=sha, size=size,
                content_type=content_type,
            )  # fmt: skip
    except Exception:
        if not Document.objects.filter(sha256=sha, owner=owner).exists():
            stored.unlink(missing_ok=True)
        raise
    return doc, True


def resolve_document(owner, ref, field: str = "document") -> Document:
    text = str(ref).strip()
    if text.isdigit():
        found = Document.objects.filter(owner=owner, pk=int(text)).first()
        if found:
            return found
    found = Document.objects.filter(owner=owner, name__iexact=text).first()
    if found:
        return found
    raise NotFound(
        f"{field}: no document {text!r}; `followthrough doc list` shows them.", field
    )


@transaction.atomic
def attach(owner, opp: Opportunity, doc: Document, sent_on: dt.date) -> DocumentSent:
    """Record that ``doc`` was sent with the application ``opp`` on ``sent_on``."""
    assert opp.owner_id == owner.pk and doc.owner_id == owner.pk
    sent, made = DocumentSent.objects.get_or_create(
        opportunity=opp, document=doc, defaults={"sent_on": sent_on}
    )
    if not made and sent.sent_on != sent_on:
        sent.sent_on = sent_on
        sent.save(update_fields=["sent_on"])
    return sent


@transaction.atomic
def detach(owner, opp: Opportunity, sent_id: int) -> None:
    assert opp.owner_id == owner.pk
    DocumentSent.objects.filter(opportunity=opp, pk=sent_id).delete()


def delete_document(owner, doc: Document) -> None:
    """Delete the document, where it was sent, and its file."""
    assert doc.owner_id == owner.pk
    path = path_of(doc)
    with transaction.atomic():
        doc.delete()
    path.unlink(missing_ok=True)


def documents(owner):
    return Document.objects.filter(owner=owner).prefetch_related(
        "sendings__opportunity__organization"
    )


def sent_for(opp: Opportunity):
    return opp.documents_sent.select_related("document").order_by("sent_on", "id")


# The separate archive ---------------------------------------------------------------


def write_archive(owner, out: BinaryIO) -> int:
    """Write the owner's document files to ``out`` as a zip; returns how many."""
    docs = list(Document.objects.filter(owner=owner).order_by("pk"))
    manifest = {
        "format": ARCHIVE_FORMAT,
        "version": 1,
        "documents": [
            {"sha256": d.sha256, "filename": d.filename, "name": d.name, "size": d.size}
            for d in docs
        ],
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
        for doc in docs:
            path = path_of(doc)
            if path.exists():
                archive.write(path, f"files/{doc.sha256}")
    return len(docs)


def read_archive(owner, source: BinaryIO | str | Path, where: str = "archive") -> dict[str, int]:
    """Put back the files of a documents archive for the owner's documents (by checksum).

    ``{"restored": n, "already": n, "unknown": n}``: a file no document of the
    owner names is skipped (restore the JSON backup first). A file whose content
    does not match its checksum is refused, and so is what is not such an archive.
    """
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        raise InputError(f"{where}: not a documents archive (a .zip this app wrote).") from None
    with archive:
        try:
            manifest = json.loads(archive.read("manifest.json"))
        except (KeyError, ValueError):
            raise InputError(f"{where}: the archive has no manifest.json.") from None
        if manifest.get("format") != ARCHIVE_FORMAT:
            raise InputError(f"{where}: not a Followthrough documents archive.")
        wanted = {d.sha256: d for d in Document.objects.filter(owner=owner)}
        counts = {"restored": 0, "already": 0, "unknown": 0}
        for entry in manifest.get("documents", []):
            sha = str(entry.get("sha256", ""))
            doc = wanted.get(sha)
            if doc is None:
                counts["unknown"] += 1
                continue
            if path_of(doc).exists():
                counts["already"] += 1
                continue
            try:
                info = archive.getinfo(f"files/{sha}")
            except KeyError:
                raise InputError(f"{where}: the file of {doc.name!r} is missing.") from None
            if info.file_size > MAX_DOCUMENT_BYTES:
                raise _too_big(where, info.file_size)
            with archive.open(info) as stream:
                got, _, stored = _store(owner.pk, stream, where)
            if got != sha:
                if got not in wanted:  # never remove another document's file
                    stored.unlink(missing_ok=True)
                raise InputError(f"{where}: the file of {doc.name!r} does not match its checksum.")
            counts["restored"] += 1
    return counts


def missing_files(owner) -> Iterable[Document]:
    """Documents whose file is not in the data folder (a backup restored without its archive)."""
    return [d for d in Document.objects.filter(owner=owner) if not path_of(d).exists()]
