"""Every importer, fed arbitrary bytes and near-valid files: the app's own error or a
clean import, and a refused file never changes the workspace (issue 10)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followthrough.imports import reading
from followthrough.imports.apply import import_records
from followthrough.tracker.models import Interaction, Opportunity, Organization, Person, Tag
from followthrough.tracker.services.errors import InputError

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 2)
KINDS = ("auto", "linkedin", "google", "outlook", "vcard", "csv")
_counter = itertools.count()


def snapshot(owner) -> tuple:
    """What an import could change: every row of the owner's, as values."""
    return (
        sorted(Person.objects.filter(owner=owner).values_list("id", "name", "emails",
                                                               "linkedin_url", "updated_at")),
        sorted(Organization.objects.filter(owner=owner).values_list("id", "name", "website")),
        sorted(Opportunity.objects.filter(owner=owner).values_list("id", "role")),
        sorted(Interaction.objects.filter(owner=owner).values_list("id", "summary")),
        sorted(Tag.objects.filter(owner=owner).values_list("id", "name")),
    )  # fmt: skip


def attempt(owner, content: bytes, kind: str, name: str) -> None:
    """Import ``content``; only ``InputError`` may come out, and then nothing changed."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-import-"))
    path = folder / f"{next(_counter)}-{name}"
    path.write_bytes(content)
    before = snapshot(owner)
    try:
        read = reading.read(kind, path, name)
        import_records(owner, read, today=TODAY)
    except InputError as error:
        message = str(error)
        assert message.strip() and "Traceback" not in message
        assert snapshot(owner) == before, "a refused import changed the workspace"
    finally:
        path.unlink(missing_ok=True)
        folder.rmdir()


# Arbitrary bytes ----------------------------------------------------------------------

BOMS = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04"])


@given(kind=st.sampled_from(KINDS), bom=BOMS, body=st.binary(max_size=2000))
def test_arbitrary_bytes_are_refused_cleanly_or_imported(owner, kind, bom, body):
    name = "contacts.vcf" if kind == "vcard" else "contacts.csv"
    attempt(owner, bom + body, kind, name)


# Near-valid files -----------------------------------------------------------------------

# Text with everything a cell meets in the wild: accents, quotes, separators, line
# breaks, control characters, right-to-left marks, emoji, lone-looking escapes.
CELL = st.one_of(
    st.text(max_size=40),
    st.sampled_from([
        "", "Ada", "ada@example.com", "ada@@example", "a@b.c\r\nBcc: x@y.z", "04 Dec 2025",
        "12/31/1899", "9999-12-31", "--02-29", "--13-45", "0/0/00", "1604-04-05",
        "javascript:alert(1)", "https://www.linkedin.com/in/ada", "www.linkedin.com/in/ada",
        "data:text/html,x", "x" * 600, "=cmd|' /C calc'!A0", "\x00", "\u202eevil", "🧩",
        "Acme; Inc", 'a "quoted" name', "5", "0", "-3", "99999999999999999999",
    ]),
)  # fmt: skip


def csv_bytes(header: list[str], rows: list[list[str]], encoding: str, delimiter: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding, errors="replace")


LINKEDIN = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
            "Connected On"]  # fmt: skip
GOOGLE = ["First Name", "Last Name", "E-mail 1 - Value", "Phone 1 - Value", "Organization Name",
          "Organization Title", "Birthday", "Website 1 - Value", "Labels", "Notes"]  # fmt: skip
OUTLOOK = ["First Name", "Last Name", "E-mail Address", "Company", "Job Title", "Birthday",
           "Web Page", "Mobile Phone", "Notes"]  # fmt: skip
SHEET = ["Name", "Email", "Company", "Website", "Role", "Stage", "Interest", "Date", "Kind",
         "Summary", "Birthday", "Tags", "Cadence", "Posting URL", "Met on"]  # fmt: skip
LAYOUTS = {"linkedin": LINKEDIN, "google": GOOGLE, "outlook": OUTLOOK, "csv": SHEET}


@st.composite
def near_valid_csv(draw):
    kind = draw(st.sampled_from(sorted(LAYOUTS)))
    header = list(LAYOUTS[kind])
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=len(header) + 2), max_size=6))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    delimiter = draw(st.sampled_from([",", ",", ";", "\t"]))
    content = csv_bytes(header, rows, encoding, delimiter)
    if draw(st.booleans()) and kind == "linkedin":
        content = "Notes:\n\"Preamble\"\n\n".encode(encoding, errors="replace") + content
    if draw(st.integers(0, 5)) == 0:
        content = content[: draw(st.integers(0, len(content)))]  # cut anywhere
    return draw(st.sampled_from([kind, "auto"])), content


@given(near_valid_csv())
def test_near_valid_csv_exports_are_refused_cleanly_or_imported(owner, example):
    kind, content = example
    attempt(owner, content, kind, "contacts.csv")


PROPERTY = st.sampled_from(["FN", "N", "EMAIL", "TEL", "ORG", "TITLE", "NOTE", "BDAY", "URL",
                            "X-SOCIALPROFILE", "PHOTO;ENCODING=b", "BEGIN", "END", "VERSION",
                            "item1.EMAIL;TYPE=INTERNET", "CATEGORIES", "ADR"])  # fmt: skip


@st.composite
def near_valid_vcard(draw):
    cards = []
    for _ in range(draw(st.integers(0, 4))):
        lines = ["BEGIN:VCARD", draw(st.sampled_from(["VERSION:3.0", "VERSION:4.0",
                                                      "VERSION:2.1", ""]))]  # fmt: skip
        for _ in range(draw(st.integers(0, 8))):
            value = draw(CELL).replace("\r", "").replace("\n", " ")
            lines.append(f"{draw(PROPERTY)}:{value}")
        if draw(st.integers(0, 4)):
            lines.append("END:VCARD")
        cards.append(draw(st.sampled_from(["\r\n", "\n", "\r"])).join(lines))
    text = "\n".join(cards) + draw(st.sampled_from(["", "\n", "\r\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1252"]))
    return text.encode(encoding, errors="replace")


@given(near_valid_vcard())
def test_near_valid_vcards_are_refused_cleanly_or_imported(owner, content):
    attempt(owner, content, "vcard", "contacts.vcf")


CELL_VALUE = st.one_of(
    CELL.map(lambda s: s.replace("\x00", "")),
    st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(dt.date(1900, 1, 1), dt.date(9999, 12, 31)),
    st.none(),
    st.booleans(),
)


@given(rows=st.lists(st.lists(CELL_VALUE, max_size=8), max_size=5), header=st.booleans())
def test_near_valid_workbooks_are_refused_cleanly_or_imported(owner, rows, header):
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = Workbook()
    sheet = book.active
    try:
        if header:
            sheet.append(SHEET)
        for row in rows:
            sheet.append(row)
    except IllegalCharacterError:
        return  # openpyxl cannot write it, so no workbook holds it
    out = io.BytesIO()
    book.save(out)
    attempt(owner, out.getvalue(), "csv", "search.xlsx")


@given(
    rows=st.lists(st.lists(CELL, max_size=len(SHEET)), min_size=1, max_size=5),
    mapping=st.dictionaries(
        st.sampled_from([
            "name", "first_name", "last_name", "emails", "phones", "linkedin_url", "title",
            "situation", "how_met", "met_on", "birthday", "tags", "notes", "cadence_days",
            "organization", "website", "role", "stage", "source", "interest", "applied_on",
            "decision_date", "offer_deadline", "posting_url", "opportunity_notes", "kind",
            "occurred_on", "direction", "summary", "not_a_field",
        ]),
        st.sampled_from([*SHEET, "Not a column", ""]),
        max_size=8,
    ),
)  # fmt: skip
def test_any_mapping_of_a_spreadsheet_is_refused_cleanly_or_imported(owner, rows, mapping):
    """The mapping step (the page's form, ``--map``) with any fields and columns."""
    folder = Path(tempfile.mkdtemp(prefix="fuzz-map-"))
    path = folder / "search.csv"
    path.write_bytes(csv_bytes(SHEET, rows, "utf-8", ","))
    before = snapshot(owner)
    try:
        read = reading.read("csv", path, path.name, mapping)
        import_records(owner, read, today=TODAY)
    except InputError as error:
        assert str(error).strip()
        assert snapshot(owner) == before
    finally:
        path.unlink()
        folder.rmdir()
