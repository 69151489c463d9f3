"""CSV per entity (Excel- and LibreOffice-clean) and the vCard export of people."""

from __future__ import annotations

import csv
import io

import pytest
import vobject

from followthrough.backup.csv_export import BOM, ENTITIES, cell, csv_chunks, entity
from followthrough.backup.vcard_export import vcard_chunks
from followthrough.tracker.models import Person
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.people import PersonInput, add_person


def csv_text(owner, name: str) -> str:
    return "".join(csv_chunks(owner, name))


def rows(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_a_tricky_value_survives_the_csv(owner):
    tricky = 'Renée "Ren" Ødegård, PhD\nsecond line'
    add_person(
        owner, PersonInput("Zoë", title=tricky, emails=["z@example.com", "zoe@work.example"])
    )

    text = csv_text(owner, "people")

    header, row = rows(text)
    assert header[:4] == ["Id", "Name", "Emails", "Phones"]
    assert row[header.index("Title")] == tricky
    assert row[header.index("Emails")] == "z@example.com; zoe@work.example"
    assert '"Renée ""Ren"" Ødegård, PhD\nsecond line"' in text
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbfId,Name,")


def test_every_line_ends_with_crlf_and_the_header_comes_once(owner, sam_data):
    for name in ENTITIES:
        text = csv_text(owner, name)
        lines = text[1:].split("\r\n")
        assert lines[-1] == ""  # the file ends with CRLF
        assert text.count("Id,") == 1, name
        assert len(rows(text)) == 1 + {
            "people": 3, "organizations": 1, "opportunities": 1, "interactions": 2, "tasks": 4,
        }[name]  # fmt: skip


def test_the_csv_rows_read_as_the_pages_show_them(owner, sam_data):
    people = {r[1]: r for r in rows(csv_text(owner, "people"))[1:]}
    assert people["Ada Lovelace"][11] == "--12-10"
    assert people["Bo Brännström"][11] == "1990-04-05"
    assert people["Ada Lovelace"][13] == "alumni; mentor"
    assert people["Ada Lovelace"][10] == "Cy"

    interactions = rows(csv_text(owner, "interactions"))
    header, interview = interactions[0], interactions[1]
    assert interview[header.index("Date")] == "2026-02-25"
    assert interview[header.index("Time")] == "14:30"
    assert interview[header.index("People")] == "Ada Lovelace; Bo Brännström"
    assert interview[header.index("Opportunity")] == "Staff Engineer at Analytical Engines"

    opportunity = rows(csv_text(owner, "opportunities"))[1]
    assert "Ada Lovelace (Hiring manager); Bo Brännström (Referrer)" in opportunity

    tasks = {r[2]: r for r in rows(csv_text(owner, "tasks"))[1:]}
    assert tasks["Call Bo back"][6] == "2026-03-05"
    assert tasks["Thank Ada"][3:6] == ["thank-you", "You met Ada at the interview.", "Dismissed"]


@pytest.mark.parametrize(
    ("value", "written"),
    [("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("@SUM(A1)", "'@SUM(A1)"), ("+A1", "'+A1"),
     ("-A1", "'-A1"), ("+1 555 0100", "+1 555 0100"), ("-5", "-5"), ("--12-10", "--12-10"),
     ("- a list item", "- a list item"), (42, 42)],
)  # fmt: skip
def test_a_value_that_looks_like_a_formula_is_defused(value, written):
    assert cell(value) == written


def test_an_unknown_entity_names_the_choices():
    with pytest.raises(InputError) as caught:
        entity("contacts")
    assert str(caught.value) == (
        "entity: 'contacts' is not something to export as CSV; choose one of people,"
        " organizations, opportunities, interactions, tasks."
    )


def test_the_csv_holds_only_the_owners_rows(owner, outsider):
    Person.objects.create(owner=outsider, name="Olive's contact")
    Person.objects.create(owner=owner, name="Sam's contact")

    text = csv_text(owner, "people")

    assert "Sam's contact" in text and "Olive's contact" not in text


# vCard -------------------------------------------------------------------------------


def cards(owner) -> dict[str, vobject.base.Component]:
    text = "".join(vcard_chunks(owner))
    assert "\r\n" in text
    parsed = list(vobject.readComponents(text))
    return {c.fn.value: c for c in parsed}


def test_the_vcards_round_trip_through_vobject(owner, sam_data):
    by_name = cards(owner)

    assert set(by_name) == {"Ada Lovelace", "Bo Brännström", "Cy"}
    ada = by_name["Ada Lovelace"]
    assert ada.version.value == "3.0"
    assert (ada.n.value.given, ada.n.value.family) == ("Ada", "Lovelace")
    assert [e.value for e in ada.contents["email"]] == ["ada@example.com", "ada@work.example"]
    assert ada.tel.value == "+1 555 0100"
    assert ada.org.value == ["Analytical Engines"]
    assert ada.title.value == "Hiring manager"
    assert ada.url.value == "https://www.linkedin.com/in/ada"
    assert ada.bday.value == "--1210"
    assert ada.note.value == "Likes puzzles.\nSecond line, with “quotes”."
    assert sorted(ada.categories.value) == ["alumni", "mentor"]

    bo = by_name["Bo Brännström"]
    assert bo.bday.value == "1990-04-05"
    assert (bo.n.value.given, bo.n.value.family) == ("Bo", "Brännström")
    cy = by_name["Cy"]
    assert (cy.n.value.given, cy.n.value.family) == ("Cy", "")
    assert "email" not in cy.contents and "bday" not in cy.contents


def test_a_long_note_is_folded_and_unfolds_whole(owner):
    note = "A long note about our conversation, " * 8
    add_person(owner, PersonInput("Dee", notes=note))

    text = "".join(vcard_chunks(owner))

    assert max(len(line.encode()) for line in text.split("\r\n")) <= 75
    assert cards(owner)["Dee"].note.value == note.strip()
