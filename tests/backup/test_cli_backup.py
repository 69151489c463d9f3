"""``followthrough export json|csv|vcard`` and ``followthrough restore``: exact output, errors."""

from __future__ import annotations

import json

import pytest
import vobject
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from followthrough.cli.app import app
from followthrough.tracker.models import Person
from followthrough.tracker.services.owners import local_owner

from .conftest import build_workspace, export_text, normalised

pytestmark = pytest.mark.django_db

SUMMARY = (
    "2 tags, 1 organization, 3 people, 1 opportunity, 2 people on opportunities,"
    " 3 stage changes,"
    " 2 interactions, 2 rapport notes, 4 tasks, 1 message template, 1 culture rating"
)


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def ok(*args: str, input: str | None = None) -> str:
    result = run(*args, input=input)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    return result.stdout


def failure(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    return result.stderr


@pytest.fixture
def local():
    owner = local_owner()
    build_workspace(owner)
    return owner


def test_export_json_to_stdout_is_the_backup_and_nothing_else(local):
    out = ok("export", "json")

    assert json.loads(out)["format"] == "followthrough-backup"
    assert normalised(out) == normalised(export_text(local))


def test_export_json_to_a_file_says_what_it_wrote(local, tmp_path):
    path = tmp_path / "backup.json"

    out = ok("export", "json", "--out", str(path))

    assert out == f"Wrote a backup of {SUMMARY} to {path}.\n"
    assert normalised(path.read_text(encoding="utf-8")) == normalised(export_text(local))
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]  # no temporary file left


def test_export_json_into_a_missing_folder_is_one_line(local, tmp_path):
    missing = tmp_path / "nope" / "backup.json"

    assert failure("export", "json", "--out", str(missing)) == (
        f"error: --out: cannot write in {missing.parent} (No such file or directory);"
        " choose another place.\n"
    )


def test_restore_into_an_empty_workspace_then_the_same_backup_again(tmp_path):
    source = get_user_model().objects.create_user("source")
    build_workspace(source)
    path = tmp_path / "backup.json"
    path.write_text(export_text(source), encoding="utf-8")

    out = ok("restore", str(path))

    assert out == f"Restored {SUMMARY} from {path}.\n"
    assert normalised(export_text(local_owner())) == normalised(export_text(source))

    assert failure("restore", str(path)) == (
        f"error: Your workspace already has data ({SUMMARY}); restore fills an empty"
        " workspace only: add --replace to delete what is there first.\n"
    )
    assert failure("restore", str(path), "--replace") == (
        f"error: --replace deletes {SUMMARY} from your workspace first; add --yes to confirm.\n"
    )
    counts = json.loads(ok("restore", str(path), "--replace", "--yes", "--json"))
    assert counts["people"] == 3 and counts["workspace"] == 1
    assert Person.objects.filter(owner=local_owner()).count() == 3


def test_restore_reads_stdin():
    source = get_user_model().objects.create_user("source")
    build_workspace(source)

    out = ok("restore", "-", input=export_text(source))

    assert out == f"Restored {SUMMARY} from -.\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "followthrough-backup", "schema_version": 9}',
         "error: {path} has schema version 9, newer than this Followthrough reads (schema"
         " version 1); upgrade Followthrough, then restore.\n"),
        ("BEGIN:VCARD\r\n",
         "error: {path} is not a readable backup: it is not a JSON object (a backup starts with"
         " '{{') at line 1, column 1; export a new one with `followthrough export json`.\n"),
    ],
    ids=["newer", "not-json"],
)  # fmt: skip
def test_restore_refuses_in_one_line(tmp_path, content, message):
    path = tmp_path / "file"
    path.write_text(content, encoding="utf-8")

    assert failure("restore", str(path)) == message.format(path=path)


def test_restore_of_a_missing_file_is_one_line(tmp_path):
    assert failure("restore", str(tmp_path / "gone.json")) == (
        f"error: FILE: {tmp_path / 'gone.json'} does not exist; give the path of a backup made"
        " by `export json`.\n"
    )


def test_export_csv_of_one_entity_to_stdout(local):
    out = CliRunner().invoke(app, ["export", "csv", "tasks"]).stdout_bytes

    assert out.startswith(b"\xef\xbb\xbfId,Due,Title,Rule,Reason,Status,")
    assert out.count(b"\r\n") == 5


def test_export_csv_all_writes_one_file_per_entity(local, tmp_path):
    folder = tmp_path / "exports"

    out = ok("export", "csv", "--all", "--out", str(folder))

    assert out == (
        f"Wrote {folder / 'people.csv'} (3 rows).\n"
        f"Wrote {folder / 'organizations.csv'} (1 row).\n"
        f"Wrote {folder / 'opportunities.csv'} (1 row).\n"
        f"Wrote {folder / 'interactions.csv'} (2 rows).\n"
        f"Wrote {folder / 'tasks.csv'} (4 rows).\n"
    )
    assert (folder / "people.csv").read_bytes().startswith(b"\xef\xbb\xbfId,Name,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "error: give one ENTITY (people, organizations, opportunities, interactions, tasks)"
             " or --all, not both or neither.\n"),
        (["people", "--all"], "error: give one ENTITY (people, organizations, opportunities,"
                              " interactions, tasks) or --all, not both or neither.\n"),
        (["--all"], "error: --all writes one file per entity: give the folder with --out DIR.\n"),
        (["contacts"], "error: ENTITY: 'contacts' is not something to export as CSV; choose one"
                       " of people, organizations, opportunities, interactions, tasks.\n"),
    ],
)  # fmt: skip
def test_export_csv_errors(args, message):
    assert failure("export", "csv", *args) == message


def test_export_vcard(local, tmp_path):
    path = tmp_path / "people.vcf"

    assert ok("export", "vcard", "--out", str(path)) == f"Wrote 3 cards to {path}.\n"
    names = {c.fn.value for c in vobject.readComponents(path.read_text(encoding="utf-8"))}
    assert names == {"Ada Lovelace", "Bo Brännström", "Cy"}
    assert ok("export", "vcard").count("BEGIN:VCARD") == 3
