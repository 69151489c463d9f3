"""``followthrough import ...``: exact output, --json, --dry-run, --map, errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from followthrough.cli.app import app
from followthrough.tracker.models import Opportunity, Person

from .conftest import FIXTURES, fixture_text

pytestmark = pytest.mark.django_db

ROWS = "Ada,Lovelace,,ada@example.com,Acme,CTO,04 Dec 2025\n,,,,,,04 Dec 2025\n"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def connections(write):
    return write("Connections.csv", fixture_text("Connections_2025-12_preamble_header.csv") + ROWS)


def test_import_linkedin_prints_what_it_did_then_nothing_new_the_second_time(connections):
    first = run("import", "linkedin", str(connections))
    assert first.exit_code == 0, first.output
    assert first.stdout == (
        "Imported Connections.csv (LinkedIn): 1 person created, 1 organization created,"
        " 1 row skipped.\n"
        "  skipped row 6: no name (a hidden profile): nothing to import.\n"
    )
    again = run("import", "linkedin", str(connections))
    assert again.stdout.startswith(
        "Nothing new in Connections.csv (LinkedIn): all 1 person are already here; 1 skipped.\n"
    )
    assert Person.objects.count() == 1


def test_import_json_and_dry_run(connections):
    result = run("import", "linkedin", str(connections), "--dry-run", "--json")

    data = json.loads(result.stdout)
    assert result.exit_code == 0 and result.stderr == ""
    assert data["dry_run"] is True
    assert (data["people_created"], data["organizations_created"]) == (1, 1)
    assert data["skipped"] == [
        {"row": 6, "reason": "no name (a hidden profile): nothing to import."}
    ]
    assert data["message"].startswith("Would import Connections.csv (LinkedIn)")
    assert not Person.objects.exists()


def test_import_csv_with_a_mapping(write):
    path = write("search.csv", "Who,Where,Position\nAda,Acme,CTO\n")
    result = run(
        "import",
        "csv",
        str(path),
        "--map",
        "name=Who",
        "--map",
        "organization=Where",
        "--map",
        "role=Position",
    )

    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Columns: name=Who, organization=Where, role=Position\n"
        "Imported search.csv (spreadsheet): 1 person created, 1 organization created,"
        " 1 opportunity created.\n"
    )
    assert Opportunity.objects.get().role == "CTO"


def test_import_vcard(tmp_path):
    result = run("import", "vcard", str(FIXTURES / "ez-vcard__rfc6350-example.vcf"), "--json")
    assert json.loads(result.stdout)["people_created"] == 1
    assert Person.objects.get().birthday_display == "--02-03"


@pytest.mark.parametrize(
    "args, message",
    [
        (["csv", "missing.csv"], "error: FILE: there is no file 'missing.csv'; check the path.\n"),
        (["csv", "{sheet}", "--map", "nonsense"],
         "error: --map: 'nonsense' is not FIELD=COLUMN, e.g. --map organization=Company.\n"),
        (["csv", "{sheet}", "--map", "role=Nope"],
         "error: s.csv: there is no column 'Nope' for role; the columns are 'Name', 'Met on'.\n"),
        (["csv", "{sheet}"],
         "error: s.csv, row 3, Met on: 'soon' is not a date; write YYYY-MM-DD, 04 Dec 2025,"
         " 20-Mar-24 or 12/4/2025 (month first).\n"),
    ],
)  # fmt: skip
def test_import_errors_are_one_line_and_write_nothing(write, args, message):
    sheet = write("s.csv", "Name,Met on\nAda,2026-01-01\nBo,soon\n")
    result = run("import", *[a.replace("{sheet}", str(sheet)) for a in args])

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message
    assert not Person.objects.exists()


def test_a_latin1_file_warns_on_stderr(write):
    path = write("s.csv", "Name\nRenée\n", "latin-1")
    result = run("import", "csv", str(path), "--json")

    assert result.exit_code == 0
    assert result.stderr.startswith("warning: s.csv is not UTF-8, so it was read as Windows-1252")
    assert json.loads(result.stdout)["people_created"] == 1
