"""``followthrough doc ...``: the résumés and cover letters sent with applications."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from . import django_setup
from .output import JsonFlag, date_text, emit_json, fail, say, show, table

doc_app = typer.Typer(
    help="Keep the résumés and cover letters you send with applications.\n\n"
    "Example: followthrough doc add cv-2026.pdf --kind resume --sent-with 4",
    no_args_is_help=True,
)

KINDS = "resume, cover-letter or other"
SentOnOpt = Annotated[
    str | None,
    typer.Option(
        "--sent-on", metavar="DATE", help="When it was sent, YYYY-MM-DD. Default: today."
    ),
]


def _doc_json(doc) -> dict:
    return {
        "id": doc.pk,
        "name": doc.name,
        "kind": doc.kind,
        "filename": doc.filename,
        "sha256": doc.sha256,
        "size": doc.size,
        "sent": [
            {
                "opportunity_id": s.opportunity_id,
                "opportunity": str(s.opportunity),
                "sent_on": s.sent_on.isoformat(),
            }
            for s in doc.sendings.all()
        ],
    }


@doc_app.command("add")
def doc_add(
    file: Annotated[
        Path, typer.Argument(help="The file: .pdf, .docx, .doc, .odt, .rtf, .txt or .md.")
    ],
    kind: Annotated[
        str | None, typer.Option("--kind", metavar="KIND", help=f"{KINDS}. Default: other.")
    ] = None,
    name: Annotated[
        str, typer.Option("--name", help="What to call it. Default: the file's name.")
    ] = "",
    sent_with: Annotated[
        list[str] | None,
        typer.Option(
            "--sent-with", metavar="OPP", help="An opportunity it was sent with; repeat for more."
        ),
    ] = None,
    sent_on: SentOnOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Keep a document (a copy goes into the data folder); the same file twice is one.

    Example: followthrough doc add ~/cv.pdf --kind resume --sent-with 4 --sent-on 2026-12-01
    """
    owner = django_setup.owner()

    from followthrough.tracker.services import documents, parsing
    from followthrough.tracker.services.opportunities import resolve_opportunity

    if not file.is_file():
        fail(f"FILE: {str(file)!r} is not a file; give the path of the résumé or letter.")
    when = parsing.parse_date(sent_on, "--sent-on") or django_setup.today(owner)
    opps = [resolve_opportunity(owner, ref, "--sent-with") for ref in sent_with or []]
    if file.stat().st_size > documents.MAX_DOCUMENT_BYTES:
        raise documents._too_big("FILE", file.stat().st_size)
    with file.open("rb") as stream:
        doc, made = documents.add_document(
            owner, stream, file.name, name=name, kind=kind, where="FILE"
        )
    for opp in opps:
        documents.attach(owner, opp, doc, when)
    if as_json:
        doc = documents.documents(owner).get(pk=doc.pk)
        emit_json(_doc_json(doc))
        return
    said = "Added" if made else "Already kept"
    say(f"{said} {doc.name} (id {doc.pk}, {doc.get_kind_display().lower()}, {_size(doc.size)}).")
    for opp in opps:
        say(f"  Sent with {opp} (id {opp.pk}) on {date_text(when)}.")


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@doc_app.command("list")
def doc_list(as_json: JsonFlag = False) -> None:
    """List your documents and where each was sent.

    Example: followthrough doc list
    """
    owner = django_setup.owner()

    from followthrough.tracker.services import documents

    found = list(documents.documents(owner))
    if as_json:
        emit_json([_doc_json(d) for d in found])
        return
    if not found:
        say("No documents yet; keep one with `followthrough doc add FILE --kind resume`.")
        return
    rows = [
        (
            d.pk, d.name, d.get_kind_display(), _size(d.size),
            "; ".join(f"{s.opportunity} ({date_text(s.sent_on)})" for s in d.sendings.all()),
        )
        for d in found
    ]  # fmt: skip
    show(table(None, ["ID", "Name", "Kind", "Size", "Sent with"], rows))


@doc_app.command("send")
def doc_send(
    doc: Annotated[str, typer.Argument(help="The document's id or name.")],
    opp: Annotated[str, typer.Argument(help="The opportunity's id.")],
    sent_on: SentOnOpt = None,
) -> None:
    """Note that a document you keep was sent with an application.

    Example: followthrough doc send 2 7 --sent-on 2026-12-01
    """
    owner = django_setup.owner()

    from followthrough.tracker.services import documents, parsing
    from followthrough.tracker.services.opportunities import resolve_opportunity

    found = documents.resolve_document(owner, doc, "DOC")
    target = resolve_opportunity(owner, opp, "OPP")
    when = parsing.parse_date(sent_on, "--sent-on") or django_setup.today(owner)
    documents.attach(owner, target, found, when)
    on = date_text(when)
    say(f"{found.name} (id {found.pk}) sent with {target} (id {target.pk}) on {on}.")


@doc_app.command("unsend")
def doc_unsend(
    doc: Annotated[str, typer.Argument(help="The document's id or name.")],
    opp: Annotated[str, typer.Argument(help="The opportunity's id.")],
) -> None:
    """Take a document off an application (the document itself is kept).

    Example: followthrough doc unsend 2 7
    """
    owner = django_setup.owner()

    from followthrough.tracker.models import DocumentSent
    from followthrough.tracker.services import documents
    from followthrough.tracker.services.opportunities import resolve_opportunity

    found = documents.resolve_document(owner, doc, "DOC")
    target = resolve_opportunity(owner, opp, "OPP")
    link = DocumentSent.objects.filter(opportunity=target, document=found).first()
    if link is None:
        fail(f"{found.name} was not sent with {target}; nothing to take off.")
    documents.detach(owner, target, link.pk)
    say(f"{found.name} is no longer listed on {target}.")


@doc_app.command("delete")
def doc_delete(
    doc: Annotated[str, typer.Argument(help="The document's id or name.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask first.")] = False,
) -> None:
    """Delete a document, its file, and where it was sent.

    Example: followthrough doc delete 2 --yes
    """
    owner = django_setup.owner()

    from followthrough.tracker.services import documents

    found = documents.resolve_document(owner, doc, "DOC")
    if not yes and not typer.confirm(f"Delete {found.name} and its file?", default=False):
        fail("Nothing deleted.")
    documents.delete_document(owner, found)
    say(f"Deleted {found.name}.")


def export_documents_command(
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", metavar="FILE", help="The archive to write (.zip).", dir_okay=False
        ),
    ],
) -> None:
    """Export your documents' files as one archive, beside the JSON backup.

    The JSON backup names each document by its SHA-256; this archive holds the
    files. `followthrough doc import ARCHIVE` puts them back after a restore.

    Example: followthrough export documents --out followthrough-documents.zip
    """
    owner = django_setup.owner()

    from followthrough.tracker.services import documents

    folder = out.parent if str(out.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as error:
        fail(f"--out: cannot write in {folder} ({error.strerror}); choose another place.")
    try:
        with os.fdopen(handle, "wb") as stream:
            count = documents.write_archive(owner, stream)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    say(f"Wrote {count} document{'s' if count != 1 else ''} to {out}.")


@doc_app.command("import")
def doc_import(
    archive: Annotated[
        Path, typer.Argument(help="An archive from `followthrough export documents`.")
    ],
) -> None:
    """Put back your documents' files from an archive, after restoring the JSON backup.

    Example: followthrough doc import followthrough-documents.zip
    """
    owner = django_setup.owner()

    from followthrough.tracker.services import documents

    if not archive.is_file():
        fail(f"ARCHIVE: {str(archive)!r} is not a file.")
    counts = documents.read_archive(owner, archive, "ARCHIVE")
    say(
        f"Restored {counts['restored']} file(s); {counts['already']} already here;"
        f" {counts['unknown']} not named by any document (restore the JSON backup first)."
    )
