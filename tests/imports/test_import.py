"""Spreadsheets, matching, idempotent re-imports, bad input, and all-or-nothing."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from openpyxl import Workbook

from followthrough.imports import apply, files
from followthrough.imports.records import FileProblem
from followthrough.tracker.models import (
    Interaction,
    Opportunity,
    OpportunityPerson,
    Organization,
    Person,
    StageChange,
    Tag,
)

from .conftest import fixture_text, run_import

pytestmark = pytest.mark.django_db

SHEET = (
    "Company,Position,Contact,Email,Status,Date applied,Last contact,Type,Summary,Tags\n"
    "Acme,Backend Engineer,Ada Lovelace,ada@example.com,Interview,2026-01-05,2026-01-20,call,"
    "Talked about rowing,mentor\n"
    "Beta Corp,Data Engineer,,,Applied,1/7/2026,,,,\n"
    "Gamma,,Grace Hopper,grace@example.com,,,,,,\n"
)


def counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (Person, Organization, Opportunity, Interaction, OpportunityPerson, Tag)
    )


def test_one_spreadsheet_row_makes_an_organization_person_opportunity_and_interaction(owner, write):
    outcome = run_import(owner, write("search.csv", SHEET))

    assert outcome.headline() == (
        "Imported search.csv (spreadsheet): 2 people created, 3 organizations created,"
        " 2 opportunities created, 1 interaction created."
    )
    ada = Person.objects.get(owner=owner, name="Ada Lovelace")
    opp = Opportunity.objects.get(owner=owner, role="Backend Engineer")
    assert (opp.organization.name, opp.stage, opp.stage_changed_on) == (
        "Acme", "interviewing", dt.date(2026, 1, 5),
    )  # fmt: skip
    assert list(StageChange.objects.filter(opportunity=opp).values_list("stage", flat=True)) == [
        "applied", "interviewing",
    ]  # fmt: skip
    assert list(opp.people.all()) == [ada]
    call = Interaction.objects.get(owner=owner)
    assert (call.kind, call.occurred_on, call.summary, call.opportunity) == (
        "call", dt.date(2026, 1, 20), "Talked about rowing", opp,
    )  # fmt: skip
    assert list(call.people.all()) == [ada]
    assert [t.name for t in ada.tags.all()] == ["mentor"]
    beta = Opportunity.objects.get(role="Data Engineer")
    assert (beta.stage, beta.stage_changed_on) == ("applied", dt.date(2026, 1, 7))


def test_importing_the_same_spreadsheet_twice_creates_nothing_new_and_says_so(owner, write):
    path = write("search.csv", SHEET)
    run_import(owner, path)
    before = counts()

    again = run_import(owner, path)

    assert counts() == before
    assert again.nothing_new
    assert again.headline() == (
        "Nothing new in search.csv (spreadsheet): all 2 people are already here."
    )


def test_an_xlsx_workbook_with_real_dates_imports_like_a_csv(owner, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Email", "Company", "Role", "Stage", "Date applied"])
    sheet.append(
        ["Ada Lovelace", "ada@example.com", "Acme", "CTO", "offer", dt.datetime(2026, 2, 1)]
    )
    book.save(tmp_path / "search.xlsx")

    outcome = run_import(owner, tmp_path / "search.xlsx")

    assert outcome.kind == "csv"
    assert Opportunity.objects.get().stage_changed_on == dt.date(2026, 2, 1)
    assert Person.objects.get().emails == ["ada@example.com"]


def test_the_mapping_can_be_changed(owner, write):
    path = write("s.csv", "Who,Where,Note\nAda,Acme,Met at PyCon\n")

    run_import(owner, path, "csv", {"name": "Who", "organization": "Where", "how_met": "Note"})

    ada = Person.objects.get()
    assert (ada.organization.name, ada.how_met, ada.notes) == ("Acme", "Met at PyCon", "")


def test_a_reimport_fills_empty_fields_only(owner, write):
    ada = Person.objects.create(
        owner=owner,
        name="Ada Lovelace",
        title="Countess",
        linkedin_url="https://www.linkedin.com/in/ada",
    )
    rows = "Ada,Lovelace,linkedin.com/in/ada/,ada@example.com,Acme,CTO,04 Dec 2025\n"
    path = write("c.csv", fixture_text("Connections_2025-12_preamble_header.csv") + rows)

    outcome = run_import(owner, path)

    ada.refresh_from_db()
    assert (outcome.people_created, outcome.people_updated) == (0, 1)
    assert ada.title == "Countess"
    assert (ada.emails, ada.organization.name, ada.met_on) == (
        ["ada@example.com"], "Acme", dt.date(2025, 12, 4),
    )  # fmt: skip


def test_people_are_matched_by_email_then_url_then_name_and_organization(owner, write):
    acme = Organization.objects.create(owner=owner, name="Acme")
    by_email = Person.objects.create(owner=owner, name="A. Lovelace", emails=["ADA@example.com"])
    by_url = Person.objects.create(
        owner=owner, name="Bo", linkedin_url="https://linkedin.com/in/bo"
    )
    by_name = Person.objects.create(owner=owner, name="Cleo Park", organization=acme)
    rows = (
        "Ada,Lovelace,,ada@example.com,,,04 Dec 2025\n"
        "Bo,Diddley,https://www.linkedin.com/in/bo,,,,04 Dec 2025\n"
        "Cleo,Park,,,acme,,04 Dec 2025\n"
        "Cleo,Park,,,Other Co,,04 Dec 2025\n"
    )
    path = write("c.csv", fixture_text("Connections_2025-12_preamble_header.csv") + rows)

    outcome = run_import(owner, path)

    assert outcome.people_created == 1  # the Cleo Park at another organization
    assert Person.objects.filter(pk__in=[by_email.pk, by_url.pk, by_name.pk]).count() == 3
    assert Person.objects.get(pk=by_email.pk).met_on == dt.date(2025, 12, 4)


def test_the_same_person_twice_in_one_file_is_one_person(owner, write):
    text = "Name,Email,Phone\nAda,ada@example.com,\nAda L.,ADA@example.com,555 0100\n"
    outcome = run_import(owner, write("s.csv", text))

    assert Person.objects.get().phones == ["555 0100"]
    assert outcome.skipped == [(3, "the same person as row 2; merged into it.")]


def test_a_dry_run_writes_nothing_but_counts_everything(owner, write):
    outcome = run_import(owner, write("search.csv", SHEET), dry_run=True)

    assert outcome.people_created == 2 and outcome.opportunities_created == 2
    assert outcome.headline().startswith("Would import search.csv")
    assert counts() == (0, 0, 0, 0, 0, 0)


# Bad input ----------------------------------------------------------------------------


def test_a_malformed_date_names_the_file_row_and_column(owner, write):
    text = SHEET + "Delta,QA,Dan,dan@example.com,Applied,31/31/2026,,,,\n"
    with pytest.raises(FileProblem) as error:
        run_import(owner, write("search.csv", text))
    assert str(error.value) == (
        "search.csv, row 5, Date applied: '31/31/2026' is not a date; write YYYY-MM-DD,"
        " 04 Dec 2025, 20-Mar-24 or 12/4/2025 (month first)."
    )
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_an_unknown_stage_names_the_row_and_the_choices(owner, write):
    with pytest.raises(FileProblem, match=r"^s.csv, row 2, Stage: 'Pending' is not one of lead,"):
        run_import(owner, write("s.csv", "Company,Role,Stage\nAcme,Dev,Pending\n"))


def test_a_failure_while_writing_leaves_the_workspace_exactly_as_it_was(owner, write, monkeypatch):
    Person.objects.create(owner=owner, name="Already here")
    before = counts()

    def broken(self, pairs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(apply._Writer, "_interactions", broken)
    with pytest.raises(RuntimeError):
        run_import(owner, write("search.csv", SHEET))

    assert counts() == before
    assert list(Person.objects.values_list("name", flat=True)) == ["Already here"]


@pytest.mark.parametrize(
    "encoding, bom",
    [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")],
)
def test_utf8_and_utf16_files_with_a_bom_read_cleanly(owner, write, encoding, bom):
    text = "Name,Company\r\nRenée Müller,Société X\r\n"
    outcome = run_import(owner, write("s.csv", bom + text.encode(encoding)))

    assert outcome.notes == []
    assert Person.objects.get().name == "Renée Müller"


def test_a_latin1_file_is_read_and_the_user_is_told(owner, write):
    outcome = run_import(owner, write("s.csv", "Name\nRenée\n", "latin-1"))

    assert Person.objects.get().name == "Renée"
    assert "s.csv is not UTF-8, so it was read as Windows-1252" in outcome.notes[0]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "s.csv: the file is empty: there is nothing to import."),
        (b"\r\n\r\n", "s.csv: the file is empty: there is nothing to import."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
         "s.csv: this is a PNG picture, not a text file; export the contacts as CSV, .xlsx"
         " or .vcf and import that."),
        (b"Ada Lovelace,ada@example.com,Acme\n",
         "s.csv, row 1: the first row looks like data, not a header; add a first row naming the"
         " columns (for example Name, Email, Company, Role, Stage)."),
        (b"Name,Email\n,\n", None),
    ],
)  # fmt: skip
def test_bad_files_get_one_sentence_naming_the_file(owner, write, content, message):
    path = write("s.csv", content)
    if message is None:  # a header and no rows: nothing to import, nothing wrong
        assert (
            run_import(owner, path).headline() == "Imported s.csv (spreadsheet): nothing to import."
        )
        return
    with pytest.raises(FileProblem) as error:
        run_import(owner, path)
    assert str(error.value) == message
    assert "\n" not in str(error.value)


def test_a_linkedin_file_without_its_header_says_which_columns_it_needs(owner, write):
    with pytest.raises(FileProblem) as error:
        run_import(owner, write("c.csv", "Ada,Lovelace,ada@example.com\n"), "linkedin")
    assert str(error.value) == (
        "c.csv: no header row found in the first 20 lines; the file needs a first line naming its"
        " columns (First Name, Last Name, URL, Email Address, Company, Position, Connected On)."
    )


def test_a_50_megabyte_file_is_refused_with_the_limit(owner, tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:  # sparse: no need to write 50 MB to prove the point
        f.truncate(50 * 1024 * 1024)

    with pytest.raises(FileProblem) as error:
        run_import(owner, path)
    assert str(error.value) == (
        "huge.csv: the file is 50 MB, more than the 20 MB an import accepts;"
        " split it into smaller files and import each."
    )


def test_a_file_just_under_the_limit_streams_through(owner, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 300_000)  # the real limit, scaled down for speed
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="utf-8") as f:
        f.write("Name,Email,Company\n")
        line = 0
        while f.tell() < files.MAX_BYTES - 1_000:
            f.write(f"Person {line},p{line}@example.com,Company {line % 500}\n")
            line += 1
    assert os.path.getsize(path) <= files.MAX_BYTES

    outcome = run_import(owner, path, dry_run=True)

    assert outcome.people_created == line


def test_a_vcard_21_file_that_cannot_be_read_says_how_to_export_30(owner, write):
    text = "BEGIN:VCARD\nVERSION:2.1\nN:Doe;Jo\nFN:Jo Doe\nBDAY:not a day\nEND:VCARD\n"
    with pytest.raises(FileProblem, match=r"^c.vcf, card 1, BDAY: 'not a day' is not a date"):
        run_import(owner, write("c.vcf", text))
    broken = "BEGIN:VCARD\nVERSION:2.1\nFN:Jo\nEND:VCARD\nBEGIN:VCARD\nVERSION:2.1\n:::\n"
    with pytest.raises(FileProblem) as error:
        run_import(owner, write("d.vcf", broken))
    assert "export the contacts again as vCard 3.0" in str(error.value)
