"""Outlook's contacts CSV (``First Name, ..., E-mail Address, Business Phone, ...``).

Outlook writes the file in the computer's code page (Windows-1252 in the West),
which the encoding check handles; its ``Title`` column is the honorific (Mr.),
the job title is ``Job Title``; a birthday it does not know is ``0/0/00``.
"""

from __future__ import annotations

from pathlib import Path

from . import files
from .records import Read, Record, clean_linkedin_url, join_name, parse_birthday

HEADER = "First Name, Last Name, E-mail Address, Company, Job Title, ... as Outlook exports them"
EMAILS = ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
PHONES = (
    "Mobile Phone", "Business Phone", "Business Phone 2", "Home Phone", "Home Phone 2",
    "Primary Phone", "Other Phone", "Company Main Phone",
)  # fmt: skip


def is_header(header: list[str]) -> bool:
    cols = files.Columns(header)
    return cols.has("First Name", "Last Name", "E-mail Address") and (
        cols.has("Job Title") or cols.has("Business Phone") or cols.has("Company")
    )


def read(path: Path, filename: str, text: files.Text | None = None) -> Read:
    text = text or files.sniff(path, filename)
    result = Read("outlook", filename, notes=[text.note] if text.note else [])
    rows = files.csv_rows(path, filename, text)
    _, header = files.find_header(rows, filename, is_header, HEADER)
    result.headers = header
    cols = files.Columns(header)
    get = {
        name: cols.getter(name)
        for name in (
            "First Name",
            "Middle Name",
            "Last Name",
            "Suffix",
            "Company",
            "Job Title",
            "Birthday",
            "Notes",
            "Web Page",
            "Categories",
            *EMAILS,
            *PHONES,
        )
    }
    for line, cells in rows:
        result.rows += 1

        def cell(name: str, cells=cells) -> str:
            return get[name](cells)

        name = join_name(cell("First Name"), cell("Middle Name"), cell("Last Name"), cell("Suffix"))
        if not name:
            result.skipped.append((line, "no name: nothing to import."))
            continue
        web = cell("Web Page")
        result.records.append(
            Record(
                row=line,
                name=name,
                emails=[e for e in map(cell, EMAILS) if e],
                phones=[p for p in map(cell, PHONES) if p],
                organization=cell("Company"),
                title=cell("Job Title"),
                birthday=parse_birthday(cell("Birthday"), filename, line, "Birthday"),
                notes=cell("Notes"),
                linkedin_url=clean_linkedin_url(web) if "linkedin.com" in web.lower() else "",
                tags=[t.strip() for t in cell("Categories").split(";") if t.strip()],
            )
        )
    return result
