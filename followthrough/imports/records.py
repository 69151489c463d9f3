"""What every reader produces: one ``Record`` per row or card, and the errors it raises."""

from __future__ import annotations

import datetime as dt
import functools
import re
import urllib.parse
from dataclasses import dataclass, field

from followthrough.tracker.services.errors import InputError

KINDS = {
    "csv": "Spreadsheet (CSV or .xlsx)",
    "linkedin": "LinkedIn Connections.csv",
    "google": "Google Contacts CSV",
    "outlook": "Outlook contacts CSV",
    "vcard": "vCard (.vcf)",
}
"""The kinds of file an import reads, by the name the CLI and the forms use."""

LABELS = {
    "csv": "spreadsheet", "linkedin": "LinkedIn", "google": "Google Contacts",
    "outlook": "Outlook", "vcard": "vCard",
}  # fmt: skip


@dataclass(slots=True)
class Record:
    """One person (and maybe an organization, an opportunity, an interaction) to import.

    ``row`` is where it came from: the line of a CSV file, the row of a sheet or
    the number of a vCard, as the user would count it.
    """

    row: int
    name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    linkedin_url: str = ""
    organization: str = ""
    website: str = ""
    title: str = ""
    situation: str = ""
    how_met: str = ""
    met_on: dt.date | None = None
    birthday: tuple[int | None, int, int] | None = None
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    cadence_days: int | None = None
    # An opportunity (spreadsheets only).
    role: str = ""
    stage: str = ""
    source: str = ""
    interest: int | None = None
    applied_on: dt.date | None = None
    decision_date: dt.date | None = None
    offer_deadline: dt.date | None = None
    posting_url: str = ""
    opportunity_notes: str = ""
    # An interaction (spreadsheets only).
    kind: str = ""
    occurred_on: dt.date | None = None
    direction: str = ""
    summary: str = ""
    opportunity_id: int | None = None  # set by the import once the opportunity exists

    @property
    def has_interaction(self) -> bool:
        return bool(self.kind or self.occurred_on)


@dataclass
class Read:
    """What a reader made of a file: records, rows it skipped (with why), notes for the user."""

    kind: str
    filename: str
    records: list[Record] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    rows: int = 0
    unit: str = "row"  # what ``Record.row`` counts: a line or sheet row, or a vCard "card"


class FileProblem(InputError):
    """A file that cannot be imported: the message names the file, the row and the field."""


def problem(
    filename: str, message: str, row: int | None = None, column: str = "", unit: str = "row"
) -> FileProblem:
    """``Connections.csv, row 7, Connected On: <message>`` as a ``FileProblem``."""
    where = filename
    if row is not None:
        where += f", {unit} {row}"
    if column:
        where += f", {column}"
    return FileProblem(f"{where}: {message}", column or None)


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T.*)?$")
_DAY_MON_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ ,-]+(\d{2}|\d{4})$")
_MON_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$")
_SLASHED = re.compile(r"^(\d{1,4})[/.](\d{1,2})[/.](\d{1,4})(?:,? .*)?$")


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # 20-Mar-24, 1/8/18: 00-68 are 2000s, 69-99 1900s (as POSIX strptime)
        year += 2000 if year < 69 else 1900
    return year


@functools.lru_cache(maxsize=4096)
def _parse_date_text(text: str) -> dt.date | None:
    if match := _ISO.match(text) or _COMPACT.match(text):
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_MON_YEAR.match(text):
        month = _MONTHS.get(match[2][:3].lower())
        return dt.date(_year(match[3]), month, int(match[1])) if month else None
    if match := _MON_DAY_YEAR.match(text):
        month = _MONTHS.get(match[1][:3].lower())
        return dt.date(int(match[3]), month, int(match[2])) if month else None
    if match := _SLASHED.match(text):
        a, b, c = match[1], match[2], match[3]
        if len(a) == 4:  # 2025/12/04
            return dt.date(int(a), int(b), int(c))
        month, day = int(a), int(b)
        if month > 12 >= day:  # 25/12/2024 can only be day first
            month, day = day, month
        return dt.date(_year(c), month, day)
    return None


DATE_FORMATS = "YYYY-MM-DD, 04 Dec 2025, 20-Mar-24 or 12/4/2025 (month first)"


def parse_date(value, filename: str, row: int, column: str, unit: str = "row") -> dt.date | None:
    """A date as spreadsheets and exports write it; blank is ``None``.

    Slashed dates are month first (LinkedIn and Excel in English write them so),
    unless the first number cannot be a month. Anything else is a ``FileProblem``
    naming the row and the column.
    """
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    text = str(value).strip()
    if not text:
        return None
    try:
        date = _parse_date_text(text)
    except ValueError:
        date = None
    if date is None:
        message = f"{text!r} is not a date; write {DATE_FORMATS}."
        raise problem(filename, message, row, column, unit)
    return date


def parse_birthday(value, filename: str, row: int, column: str, unit: str = "row"):
    """``(year or None, month, day)``; ``--MMDD``/``--MM-DD`` and Apple's year 1604 have no year."""
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    if not text or text in {"0/0/00", "0/0/0000"}:  # Outlook's "no birthday"
        return None
    if match := re.match(r"^--(\d{2})-?(\d{2})$", text):
        month, day = int(match[1]), int(match[2])
        try:
            dt.date(2000, month, day)
        except ValueError:
            message = f"{text!r} is not a day of the year."
            raise problem(filename, message, row, column, unit) from None
        return None, month, day
    date = parse_date(text, filename, row, column, unit)
    if date is None:
        return None
    return (None if date.year in (1604, 1900) else date.year), date.month, date.day


def clean_linkedin_url(value: str) -> str:
    """A profile URL, percent-decoded and with a scheme (``https://`` if it had none)."""
    url = urllib.parse.unquote((value or "").strip())
    if url and "://" not in url and not _SCHEME.match(url):
        url = "https://" + url
    return url[:400]


# ``javascript:``, ``data:`` (kept as they are, so the check names them), not ``host:443``.
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+-]*:(?!\d)")


def url_key(url: str) -> str:
    """The part of a profile URL that identifies it: no scheme, ``www.``, case or trailing ``/``."""
    url = (url or "").strip().lower()
    if "%" in url:
        url = urllib.parse.unquote(url)
    if (scheme := url.find("://")) >= 0:
        url = url[scheme + 3 :]
    url = url.removeprefix("www.")
    if (query := url.find("?")) >= 0:
        url = url[:query]
    return url.rstrip("/")


def name_key(name: str) -> str:
    return " ".join((name or "").split()).casefold()


def join_name(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())
