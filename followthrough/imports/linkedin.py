"""LinkedIn's ``Connections.csv``, in every layout seen in the wild.

Recent exports open with a ``Notes:`` preamble and a blank line before the
header; 2018 exports have no preamble; some layouts have no ``URL`` column.
``Connected On`` is ``04 Dec 2025``, ``1/8/18, 6:14 PM`` (2018) or ``20-Mar-24``
(re-saved by a spreadsheet); it becomes the day you met.
"""

from __future__ import annotations

from pathlib import Path

from . import files
from .records import Read, Record, clean_linkedin_url, join_name, parse_date

HEADER = "First Name, Last Name, URL, Email Address, Company, Position, Connected On"


def is_header(header: list[str]) -> bool:
    cols = files.Columns(header)
    return cols.has("First Name", "Last Name") and (
        cols.has("Connected On") or cols.has("Email Address", "Company")
    )


def read(path: Path, filename: str, text: files.Text | None = None) -> Read:
    text = text or files.sniff(path, filename)
    result = Read("linkedin", filename, notes=[text.note] if text.note else [])
    rows = files.csv_rows(path, filename, text)
    _, header = files.find_header(rows, filename, is_header, HEADER)
    result.headers = header
    cols = files.Columns(header)
    first, last = cols.getter("First Name"), cols.getter("Last Name")
    url, email = cols.getter("URL"), cols.getter("Email Address")
    company, position = cols.getter("Company"), cols.getter("Position")
    connected = cols.getter("Connected On")
    for line, cells in rows:
        result.rows += 1
        name = join_name(first(cells), last(cells))
        if not name:
            result.skipped.append((line, "no name (a hidden profile): nothing to import."))
            continue
        address = email(cells)
        result.records.append(
            Record(
                row=line,
                name=name,
                emails=[address] if address else [],
                linkedin_url=clean_linkedin_url(url(cells)),
                organization=company(cells),
                title=position(cells),
                how_met="LinkedIn",
                met_on=parse_date(connected(cells), filename, line, "Connected On"),
            )
        )
    return result
