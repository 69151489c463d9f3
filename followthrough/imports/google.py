"""Google Contacts CSV: the current export and the older ``Google CSV`` layout.

The current layout has ``First Name``, ``Last Name``, ``Organization Name``,
``Organization Title``, ``Labels``; the older one ``Name``, ``Given Name``,
``Family Name``, ``Organization 1 - Name``, ``Group Membership``. Both number
their emails, phones and websites (``E-mail 1 - Value``) and may put several
values in one cell separated by `` ::: ``.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import files
from .records import Read, Record, clean_linkedin_url, join_name, parse_birthday

HEADER = "First Name, Last Name, E-mail 1 - Value, ... as Google Contacts exports them"
_NUMBERED = re.compile(r"^(e-mail|phone|website) (\d+) - value$")
_SYSTEM_LABELS = {"* mycontacts", "* starred", "* other contacts", "* friends"}


def is_header(header: list[str]) -> bool:
    cols = files.Columns(header)
    return any(_NUMBERED.match(files.norm(h)) for h in header) and (
        cols.has("First Name") or cols.has("Given Name") or cols.has("Name")
    )


def split(value: str) -> list[str]:
    return [v.strip() for v in value.split(":::") if v.strip()]


def read(path: Path, filename: str, text: files.Text | None = None) -> Read:
    text = text or files.sniff(path, filename)
    result = Read("google", filename, notes=[text.note] if text.note else [])
    rows = files.csv_rows(path, filename, text)
    _, header = files.find_header(rows, filename, is_header, HEADER)
    result.headers = header
    cols = files.Columns(header)
    get = {
        name: cols.getter(name)
        for name in (
            "Name",
            "First Name",
            "Middle Name",
            "Last Name",
            "Given Name",
            "Additional Name",
            "Family Name",
            "Organization Name",
            "Organization Title",
            "Organization 1 - Name",
            "Organization 1 - Title",
            "Birthday",
            "Notes",
            "Labels",
            "Group Membership",
        )
    }
    numbered = [(m[1], i) for i, h in enumerate(header) if (m := _NUMBERED.match(files.norm(h)))]
    for line, cells in rows:
        result.rows += 1
        record = _record(line, cells, get, numbered, filename)
        if record.name:
            result.records.append(record)
        else:
            result.skipped.append((line, "no name: nothing to import."))
    return result


def _record(line, cells, get, numbered, filename) -> Record:
    def cell(name: str) -> str:
        return get[name](cells)

    name = join_name(cell("First Name"), cell("Middle Name"), cell("Last Name"))
    name = (
        name
        or cell("Name")
        or join_name(cell("Given Name"), cell("Additional Name"), cell("Family Name"))
    )
    record = Record(
        row=line,
        name=name,
        organization=cell("Organization Name") or cell("Organization 1 - Name"),
        title=cell("Organization Title") or cell("Organization 1 - Title"),
        birthday=parse_birthday(cell("Birthday"), filename, line, "Birthday"),
        notes=cell("Notes"),
        tags=[
            t.removeprefix("* ")
            for t in split(cell("Labels") or cell("Group Membership"))
            if t.casefold() not in _SYSTEM_LABELS
        ],
    )
    for what, i in numbered:
        for value in split(cells[i] if i < len(cells) else ""):
            if what == "e-mail":
                record.emails.append(value)
            elif what == "phone":
                record.phones.append(value)
            elif "linkedin.com" in value.lower() and not record.linkedin_url:
                record.linkedin_url = clean_linkedin_url(value)
    return record
