"""The seeker's own spreadsheet (CSV or ``.xlsx``): any columns, mapped to fields.

The mapping (field -> column header) is guessed from the headers and the user
may change it; one row may then make an organization, a person, an opportunity
and an interaction at once.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from followthrough.tracker.models import (
    Direction,
    Kind,
    Opportunity,
    Organization,
    Situation,
    Source,
    Stage,
)
from followthrough.tracker.services import parsing, validators
from followthrough.tracker.services.errors import InputError

from . import files
from .records import (
    FileProblem,
    Read,
    Record,
    clean_linkedin_url,
    join_name,
    parse_birthday,
    parse_date,
    problem,
)


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    group: str
    parse: str = "text"  # text, list, date, birthday, int, url, linkedin, or a choice name
    guesses: tuple[str, ...] = ()


FIELDS = [
    Field(
        "name",
        "Full name",
        "Person",
        guesses=("name", "full name", "contact", "contact name", "person", "who", "display name"),
    ),
    Field("first_name", "First name", "Person", guesses=("first name", "first", "given name")),
    Field(
        "last_name", "Last name", "Person", guesses=("last name", "last", "surname", "family name")
    ),
    Field(
        "emails",
        "Email",
        "Person",
        "list",
        ("email", "e-mail", "email address", "e-mail address", "emails", "contact email"),
    ),
    Field("phones", "Phone", "Person", "list", ("phone", "phone number", "mobile", "telephone")),
    Field(
        "linkedin_url",
        "LinkedIn URL",
        "Person",
        "linkedin",
        ("linkedin", "linkedin url", "linkedin profile", "profile", "url"),
    ),
    Field(
        "title",
        "Their job title",
        "Person",
        guesses=("title", "job title", "contact title", "their title"),
    ),
    Field("situation", "Situation", "Person", "situation", ("situation", "status of contact")),
    Field("how_met", "How you met", "Person", guesses=("how met", "how we met", "met via")),
    Field("met_on", "Met on", "Person", "date", ("met on", "date met", "connected on")),
    Field("birthday", "Birthday", "Person", "birthday", ("birthday", "bday", "date of birth")),
    Field("tags", "Tags", "Person", "list", ("tags", "tag", "labels", "categories", "groups")),
    Field(
        "notes",
        "Notes about the person",
        "Person",
        guesses=("notes", "note", "comments", "contact notes"),
    ),
    Field("cadence_days", "Keep in touch every (days)", "Person", "int", ("cadence",)),
    Field(
        "organization",
        "Organization",
        "Organization",
        guesses=(
            "company",
            "organization",
            "organisation",
            "employer",
            "org",
            "firm",
            "company name",
        ),
    ),
    Field(
        "website",
        "Organization website",
        "Organization",
        "url",
        ("website", "company website", "web site"),
    ),
    Field(
        "role",
        "Job (role)",
        "Opportunity",
        guesses=("role", "position", "job", "opening", "position applied", "job applied for"),
    ),
    Field("stage", "Stage", "Opportunity", "stage", ("stage", "status", "application status")),
    Field("source", "Source", "Opportunity", "source", ("source", "found via", "channel")),
    Field("interest", "Interest (1-5)", "Opportunity", "int", ("interest", "priority")),
    Field(
        "applied_on",
        "Applied on",
        "Opportunity",
        "date",
        ("applied", "applied on", "date applied", "application date"),
    ),
    Field(
        "decision_date",
        "Decision date",
        "Opportunity",
        "date",
        ("decision date", "decision by", "hear back by"),
    ),
    Field("offer_deadline", "Offer deadline", "Opportunity", "date", ("offer deadline",)),
    Field(
        "posting_url",
        "Posting URL",
        "Opportunity",
        "url",
        ("posting", "posting url", "job url", "job link", "link"),
    ),
    Field(
        "opportunity_notes",
        "Notes about the job",
        "Opportunity",
        guesses=("job notes", "opportunity notes"),
    ),
    Field(
        "kind",
        "Interaction kind",
        "Interaction",
        "kind",
        ("kind", "interaction", "type", "contact type", "channel used"),
    ),
    Field(
        "occurred_on",
        "Interaction date",
        "Interaction",
        "date",
        ("date", "contact date", "last contact", "last contacted", "interaction date", "when"),
    ),
    Field("direction", "Inbound/outbound", "Interaction", "direction", ("direction",)),
    Field(
        "summary",
        "Interaction summary",
        "Interaction",
        guesses=("summary", "what happened", "interaction notes", "outcome"),
    ),
]
FIELDS_BY_KEY = {f.key: f for f in FIELDS}
NAME_PARTS = {"first_name", "last_name"}

# Words people write for a stage or a kind that are not the choices' own names.
SYNONYMS = {
    "stage": {
        "interview": "interviewing",
        "interviewed": "interviewing",
        "phone screen": "screening",
        "screen": "screening",
        "recruiter screen": "screening",
        "to apply": "lead",
        "wishlist": "lead",
        "saved": "lead",
        "submitted": "applied",
        "offered": "offer",
        "rejection": "rejected",
        "no": "rejected",
        "ghosted": "let_go",
        "let go": "let_go",
        "closed": "let_go",
        "hired": "accepted",
    },
    "kind": {
        "phone": "call",
        "phone call": "call",
        "video call": "call",
        "zoom": "meeting",
        "informational interview": "informational",
        "info interview": "informational",
        "linkedin": "message",
        "linkedin message": "message",
        "inmail": "message",
        "coffee chat": "coffee",
        "lunch": "coffee",
        "text": "message",
    },
    "direction": {"outbound": "out", "inbound": "in", "sent": "out", "received": "in"},
    "source": {"job board": "posting", "linkedin": "posting", "networking": "network"},
    "situation": {},
}
CHOICES = {
    "stage": Stage, "kind": Kind, "direction": Direction, "source": Source,
    "situation": Situation,
}  # fmt: skip


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """``{field key: header}`` for the headers that name a field; each header used once."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for field in FIELDS:
        for header in headers:
            if header and header not in used and _norm(header) in field.guesses:
                mapping[field.key] = header
                used.add(header)
                break
    if "name" in mapping and ("first_name" in mapping or "last_name" in mapping):
        del mapping["name"]  # "Name" beside "First name" is probably a company or a file-as
    return mapping


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(text).casefold()).strip()


def check_mapping(mapping: dict[str, str], headers: list[str], filename: str) -> None:
    known = {files.norm(h) for h in headers}
    for key, column in mapping.items():
        if key not in FIELDS_BY_KEY:
            names = ", ".join(FIELDS_BY_KEY)
            raise FileProblem(f"--map: {key!r} is not a field; the fields are {names}.", "map")
        if files.norm(column) not in known:
            raise FileProblem(
                f"{filename}: there is no column {column!r} for {key}; the columns are "
                + ", ".join(repr(h) for h in headers if h)
                + ".",
                "map",
            )
    if not {"name", "first_name", "last_name", "organization"} & set(mapping):
        raise FileProblem(
            f"{filename}: map a column to a name (Full name, or First/Last name) or to an"
            " organization; nothing else can be imported without one.",
            "map",
        )


def is_header(header: list[str]) -> bool:
    """A header names its columns: mostly text, no emails or dates, no repeats."""
    cells = [h for h in header if h]
    if not cells or len({c.casefold() for c in cells}) < len(cells):
        return False
    looks_like_data = sum(
        1 for c in cells if "@" in c or re.match(r"^[\d/.:, -]+$", c) or len(c) > 60
    )
    return looks_like_data == 0


def rows(path: Path, filename: str) -> tuple[_Rows, files.Text | None]:
    if files.is_workbook(path):
        return _Rows(files.xlsx_rows(path, filename)), None
    text = files.sniff(path, filename)
    return _Rows(files.csv_rows(path, filename, text)), text


def headers(path: Path, filename: str) -> list[str]:
    found, _ = rows(path, filename)
    return _header(found, filename)[1]


def _header(found, filename: str) -> tuple[int, list[str]]:
    try:
        line, first = next(found)
    except StopIteration:
        raise problem(filename, "the file is empty: there is nothing to import.") from None
    if _filled(first) < 2:
        # A note above the header (LinkedIn's "Notes:" preamble): the header is the
        # first row further down that names two columns or more.
        below = list(itertools.islice(found, files.HEADER_SCAN))
        for i, (candidate_line, cells) in enumerate(below):
            if _filled(cells) >= 2 and is_header([str(c).strip() for c in cells]):
                line, first = candidate_line, cells
                # The rows after the header are read next, as if nothing was skipped.
                _push_back(found, below[i + 1 :])
                break
        else:
            _push_back(found, below)
    header = [str(c).strip() for c in first]
    if not is_header(header):
        raise problem(
            filename,
            "the first row looks like data, not a header; add a first row naming the columns"
            " (for example Name, Email, Company, Role, Stage).",
            line,
        )
    return line, header


def _filled(cells: list) -> int:
    return sum(1 for c in cells if str(c).strip())


class _Rows:
    """An iterator of rows that can be given rows back (read ahead while finding the header)."""

    def __init__(self, rows: Iterator) -> None:
        self.rows = rows
        self.back: list = []

    def __iter__(self):
        return self

    def __next__(self):
        if self.back:
            return self.back.pop(0)
        return next(self.rows)


def _push_back(found: _Rows, rows: list) -> None:
    found.back[:0] = rows


def read(
    path: Path, filename: str, mapping: dict[str, str] | None = None, limit: int | None = None
) -> Read:
    """Read the sheet with ``mapping`` (guessed when ``None``); ``limit`` rows for a preview."""
    found, text = rows(path, filename)
    _, header = _header(found, filename)
    mapping = guess_mapping(header) if mapping is None else mapping
    check_mapping(mapping, header, filename)
    result = Read("csv", filename, headers=header, notes=[text.note] if text and text.note else [])
    cols = files.Columns(header)
    getters = {key: cols.getter(column) for key, column in mapping.items()}
    for line, cells in found:
        result.rows += 1
        record = _record(line, cells, getters, mapping, filename)
        if record.name or record.organization:
            result.records.append(record)
        else:
            result.skipped.append((line, "no name and no organization: nothing to import."))
        if limit and result.rows >= limit:
            break
    return result


def _record(line: int, cells: list, getters, mapping, filename: str) -> Record:
    record = Record(row=line)
    for key, get in getters.items():
        raw = get(cells)
        if raw and key not in NAME_PARTS:
            setattr(record, key, _value(FIELDS_BY_KEY[key], raw, line, mapping[key], filename))
    parts = [_plain(getters, "first_name", cells), _plain(getters, "last_name", cells)]
    record.name = record.name or join_name(*parts)
    if record.has_interaction and not record.occurred_on:
        column = mapping.get("occurred_on", "the interaction date")
        raise problem(filename, "an interaction needs a date; fill it in.", line, column)
    if record.role and not record.organization:
        column = mapping.get("organization", "Organization")
        raise problem(
            filename, f"the job {record.role!r} needs an organization; fill it in.", line, column
        )
    return record


def _plain(getters, key: str, cells: list) -> str:
    get = getters.get(key)
    return get(cells) if get else ""


def _value(field: Field, raw: str, line: int, column: str, filename: str):
    kind = field.parse
    try:
        if kind == "text":
            return raw
        if kind == "list":
            items = parsing.split_list(raw)
            return parsing.clean_emails(items, column) if field.key == "emails" else items
        if kind == "date":
            return parse_date(raw, filename, line, column)
        if kind == "birthday":
            return parse_birthday(raw, filename, line, column)
        if kind == "int":
            return parsing.clean_positive_int(raw, column)
        if kind == "url":
            model = Organization if field.key == "website" else Opportunity
            return parsing.clean_url(
                raw, column, max_length=validators.url_length(model, field.key)
            )
        if kind == "linkedin":
            return clean_linkedin_url(raw)
        wanted = SYNONYMS[kind].get(_norm(raw), raw)
        return parsing.clean_choice(wanted, CHOICES[kind], column)
    except FileProblem:
        raise
    except InputError as error:
        message = str(error).removeprefix(f"{column}: ").removeprefix(column).lstrip(": ")
        raise problem(filename, message, line, column) from None
