"""`followthrough export ics`: the feed on stdout or in a file."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
import vobject
from typer.testing import CliRunner

from followthrough.cli.app import app
from followthrough.tracker.services.owners import local_owner

from .conftest import make_search


@pytest.fixture
def search(db):
    """The command line works for the local owner."""
    return make_search(local_owner())


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_export_ics_prints_the_calendar_on_stdout(search):
    result = run("export", "ics")

    assert result.exit_code == 0, result.stderr
    cal = icalendar.Calendar.from_ical(result.stdout)
    uids = {str(e["UID"]) for e in cal.walk("VEVENT")}
    assert f"task-{search.task.pk}@followthrough.invalid" in uids
    assert f"birthday-{search.ada.pk}@followthrough.invalid" in uids
    assert vobject.readOne(result.stdout).prodid.value == cal["PRODID"]
    # Links point to FOLLOWTHROUGH_BASE_URL (default http://127.0.0.1:8000).
    assert f"URL:http://127.0.0.1:8000/people/{search.ada.pk}/" in result.stdout


def test_export_ics_writes_a_file_and_says_how_many_events(search, tmp_path):
    out = tmp_path / "mine.ics"

    result = run("export", "ics", "--out", str(out))

    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert result.exit_code == 0
    assert result.stdout == f"Wrote {len(events)} events to {out}.\n"
    interview = next(
        e
        for e in events
        if str(e["UID"]) == f"interview-{search.after_dst.pk}@followthrough.invalid"
    )
    assert interview.decoded("DTSTART") == dt.datetime(2026, 3, 12, 18, 30, tzinfo=dt.UTC)


def test_export_ics_to_a_folder_that_does_not_exist_is_one_line(search, tmp_path):
    out = tmp_path / "missing" / "mine.ics"

    result = run("export", "ics", "--out", str(out))

    assert result.exit_code == 1
    assert result.stderr == (
        f"error: --out: cannot write {out} (No such file or directory); choose another file.\n"
    )
    assert not out.exists()
