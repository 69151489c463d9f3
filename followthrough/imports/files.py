"""Reading an uploaded file safely: its size, its encoding, its rows.

Files are read from disk as streams (never whole into memory): the CSV module
reads a text stream line by line and openpyxl's read-only mode reads a sheet row
by row. Only the encoding check reads the whole file, in chunks, once.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from followthrough.tracker.services.errors import InputError

from .records import problem

MAX_BYTES = 20 * 1024 * 1024
"""The largest file an import accepts: 20 MB, about 150,000 LinkedIn connections."""

MAX_TEXT = "20 MB"
HEADER_SCAN = 20  # the header must be within the first lines (LinkedIn puts notes above it)
CHUNK = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"

Cell = str | dt.date
Row = list[Cell]


_CONTROL_BYTES = (*(c for c in range(32) if c not in (9, 10, 12, 13)), 127)
# The first bytes of files people pick by mistake, and what to call them.
_NOT_TEXT = (
    (b"\x89PNG\r\n\x1a\n", "a PNG picture"),
    (b"%PDF-", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF87a", "a GIF picture"),
    (b"GIF89a", "a GIF picture"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Excel or Word file (.xls, .doc)"),
    (b"\x1f\x8b", "a compressed (.gz) file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"{\\rtf", "an RTF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


@dataclass
class Text:
    """How to read a text file, and what to tell the user about it."""

    encoding: str
    note: str = ""


def check_size(filename: str, size: int) -> None:
    if size == 0:
        raise problem(filename, "the file is empty: there is nothing to import.")
    if size > MAX_BYTES:
        megabytes = size / 1024 / 1024
        raise problem(
            filename,
            f"the file is {megabytes:.0f} MB, more than the {MAX_TEXT} an import accepts;"
            " split it into smaller files and import each.",
        )


def is_workbook(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(4) == ZIP_MAGIC


def sniff(path: Path, filename: str) -> Text:
    """The encoding of a text file: a BOM says it; else UTF-8 if it all decodes, else cp1252.

    A file with NUL bytes and no UTF-16 BOM is binary (a picture, a PDF, a
    workbook renamed ``.csv``) and refused, so it never turns into rows of noise.
    """
    with open(path, "rb") as f:
        head = f.read(64 * 1024)
    if not head.strip(b"\xef\xbb\xbf\xff\xfe \r\n\t"):
        raise problem(filename, "the file is empty: there is nothing to import.")
    for magic, what in _NOT_TEXT:
        if head.startswith(magic):
            raise problem(
                filename,
                f"this is {what}, not a text file; export the contacts as CSV, .xlsx or .vcf"
                " and import that.",
            )
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _utf16(path, filename, "utf-16")
    elif head.startswith(ZIP_MAGIC):
        raise problem(
            filename, "this is a workbook (.xlsx), not a text CSV; import it as a spreadsheet."
        )
    elif b"\x00" in head:
        if head[1::2].count(0) > len(head) // 3:  # UTF-16 (LE) without its BOM
            return _utf16(path, filename, "utf-16-le")
        raise problem(
            filename,
            "this is not a text file (it looks like a binary file); export the contacts as"
            " CSV, .xlsx or .vcf and import that.",
        )
    else:
        encoding = "utf-8"
    controls = sum(head.count(bytes([c])) for c in _CONTROL_BYTES)
    if controls > len(head) // 20:  # text has next to none; pictures and archives plenty
        raise problem(
            filename,
            "this is not a text file (it looks like a binary file); export the contacts as"
            " CSV, .xlsx or .vcf and import that.",
        )
    if _decodes(path, encoding):
        return Text(encoding)
    fallback = "cp1252" if _decodes(path, "cp1252") else "latin-1"
    label = "Windows-1252" if fallback == "cp1252" else "Latin-1"
    return Text(
        fallback,
        f"{filename} is not UTF-8, so it was read as {label}; if accented letters look wrong,"
        " save it as UTF-8 and import it again.",
    )


def _utf16(path: Path, filename: str, encoding: str) -> Text:
    """UTF-16 that decodes to its end; cut (an odd byte count) or damaged is refused."""
    if not _decodes(path, encoding):
        raise problem(
            filename,
            "the file is not valid UTF-16 text (it is cut short or damaged); save it again"
            " as UTF-8 (or UTF-16) and import that.",
        )
    return Text(encoding, "")


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def open_text(path: Path, text: Text) -> io.TextIOWrapper:
    # newline="" lets the csv module see CRLF and line breaks inside quoted cells.
    return open(path, encoding=text.encoding, newline="")


def csv_rows(path: Path, filename: str, text: Text) -> Iterator[tuple[int, Row]]:
    """``(line number, cells)`` for each non-blank row of a CSV file, cells trimmed."""
    with open_text(path, text) as stream:
        sample = stream.read(16 * 1024)
        stream.seek(0)
        delimiter = _delimiter(sample)
        reader = csv.reader(stream, delimiter=delimiter)
        line = 1
        try:
            for cells in reader:
                cleaned = [c.strip().replace("\x00", "") for c in cells]
                if any(cleaned):
                    yield line, cleaned
                line = reader.line_num + 1
        except csv.Error as error:
            raise problem(filename, f"the CSV is malformed ({error}).", line) from None


def _delimiter(sample: str) -> str:
    """Comma, unless the first line is clearly separated by semicolons or tabs (Excel in Europe)."""
    first = sample.split("\n", 1)[0]
    counts = {d: first.count(d) for d in ",;\t"}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[","] else ","


def xlsx_rows(path: Path, filename: str) -> Iterator[tuple[int, Row]]:
    """``(row number, cells)`` for each non-blank row of the workbook's first sheet.

    The workbook is opened from a file object, so its name does not matter (an
    upload is kept without its extension; a workbook may be called ``.csv``).
    A sheet whose declared size is beyond ``MAX_ROWS`` or ``MAX_COLUMNS`` is
    refused before any row is read: one cell at XFD1048576 would otherwise make
    openpyxl pad a million rows of sixteen thousand cells.
    """
    import zipfile

    from openpyxl import load_workbook

    stream = open(path, "rb")  # noqa: SIM115 (closed below, after the last row)
    try:
        try:
            workbook = load_workbook(stream, read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
        except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, ValueError,
                IndexError, TypeError, AttributeError, SyntaxError, EOFError,
                NotImplementedError) as error:  # fmt: skip
            detail = str(error).strip().splitlines()[0][:120] if str(error).strip() else ""
            raise problem(
                filename,
                "this is not a readable .xlsx workbook"
                + (f" ({detail})" if detail else "")
                + "; save it again as .xlsx.",
            ) from None
        try:
            _check_sheet_size(sheet, filename)
            sheet.reset_dimensions()  # read the rows there are; pad no missing ones
            rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
            for number, values in enumerate(rows, 1):
                if number > MAX_ROWS:
                    raise problem(filename, _TOO_MANY_ROWS)
                if not values:
                    continue
                cells = [_cell(v) for v in values]
                if any(c for c in cells):
                    yield number, cells
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError,
                AttributeError, SyntaxError, EOFError) as error:  # fmt: skip
            if isinstance(error, InputError):
                raise
            raise problem(
                filename, "this .xlsx workbook is damaged; save it again as .xlsx."
            ) from None
        finally:
            workbook.close()
    finally:
        stream.close()


MAX_ROWS = 200_000
"""The most rows a workbook may have: more than a 20 MB CSV holds."""
MAX_COLUMNS = 200
"""The most columns a sheet is read for (a search spreadsheet has a dozen or two)."""
_TOO_MANY_ROWS = (
    f"the sheet has more than {MAX_ROWS:,} rows, more than an import accepts;"
    " split it into smaller files and import each."
)


def _check_sheet_size(sheet, filename: str) -> None:
    rows, columns = sheet.max_row, sheet.max_column  # as the file declares them, or None
    if rows is not None and rows > MAX_ROWS:
        raise problem(
            filename,
            f"the sheet's used range reaches row {rows:,}, more than the {MAX_ROWS:,} an"
            " import reads; delete the empty rows below your data (or copy the data to a new"
            " sheet), save and import again.",
        )
    if columns is not None and columns > MAX_COLUMNS * 20:
        raise problem(
            filename,
            f"the sheet's used range reaches column {columns:,}, far beyond your data; delete"
            " the empty columns to the right of it (or copy the data to a new sheet), save and"
            " import again.",
        )


def _cell(value) -> Cell:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def find_header(
    rows: Iterator[tuple[int, Row]],
    filename: str,
    is_header: Callable[[list[str]], bool],
    expected: str,
) -> tuple[int, list[str]]:
    """Skip lines above the header (LinkedIn's ``Notes:``) and return ``(line, header)``."""
    for _ in range(HEADER_SCAN):
        try:
            line, cells = next(rows)
        except StopIteration:
            break
        header = [str(c).strip() for c in cells]
        if is_header(header):
            return line, header
    raise problem(
        filename,
        f"no header row found in the first {HEADER_SCAN} lines; the file needs a first line"
        f" naming its columns ({expected}).",
    )


class Columns:
    """Cells of a row by column name, case- and space-insensitively."""

    def __init__(self, header: list[str]) -> None:
        self.index: dict[str, int] = {}
        for i, name in enumerate(header):
            self.index.setdefault(norm(name), i)

    def has(self, *names: str) -> bool:
        return all(norm(n) in self.index for n in names)

    def getter(self, name: str) -> Callable[[Row], str]:
        i = self.index.get(norm(name))
        if i is None:
            return lambda cells: ""
        return lambda cells: _text(cells[i]) if i < len(cells) else ""


def _text(cell: Cell) -> str:
    return cell.isoformat() if isinstance(cell, dt.date) else cell


def norm(name: str) -> str:
    return " ".join(str(name).replace("\ufeff", "").split()).casefold()
