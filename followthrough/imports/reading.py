"""Which reader for which file, and reading it: the one entry point the views and CLI use."""

from __future__ import annotations

from pathlib import Path

from . import files, google, linkedin, outlook, spreadsheet, vcard
from .records import KINDS, Read, problem

READERS = {
    "linkedin": linkedin.read,
    "google": google.read,
    "outlook": outlook.read,
    "vcard": vcard.read,
}
CONTACT_HEADERS = [
    ("linkedin", linkedin.is_header),
    ("google", google.is_header),
    ("outlook", outlook.is_header),
]


def detect(path: Path, filename: str) -> str:
    """The kind of file: a vCard, a workbook, one of the contact exports, else a spreadsheet."""
    if Path(filename).suffix.lower() in {".vcf", ".vcard"}:
        return "vcard"
    if files.is_workbook(path):
        return "csv"
    text = files.sniff(path, filename)
    with files.open_text(path, text) as stream:
        if "BEGIN:VCARD" in stream.read(4096).upper():
            return "vcard"
    for _, (_, cells) in zip(
        range(files.HEADER_SCAN), files.csv_rows(path, filename, text), strict=False
    ):
        header = [str(c) for c in cells]
        for kind, is_header in CONTACT_HEADERS:
            if is_header(header):
                return kind
    return "csv"


def read(
    kind: str,
    path: Path,
    filename: str,
    mapping: dict[str, str] | None = None,
    limit: int | None = None,
) -> Read:
    """Read ``path`` (shown to the user as ``filename``) as ``kind`` (or ``"auto"``).

    ``mapping`` and ``limit`` apply to spreadsheets: the column mapping (guessed
    when ``None``) and how many rows to read for a preview.
    """
    files.check_size(filename, path.stat().st_size)
    if kind == "auto":
        kind = detect(path, filename)
    if kind == "csv":
        return spreadsheet.read(path, filename, mapping, limit)
    if kind not in READERS:
        raise problem(filename, f"{kind!r} is not a kind of import; use one of {', '.join(KINDS)}.")
    return READERS[kind](path, filename)
