"""The command line starts fast and reads without writing (issues 12.1, 12.4 and 10.5).

Each test runs the real command in new processes on a fresh SQLite data folder:
what a process imports, and whether it syncs, is only visible from outside.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

# The rules ignore what happened before the owner started: the story is told
# around the real today (the owner is made now).
TODAY = dt.datetime.now(dt.UTC).date().isoformat()
YESTERDAY = (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)).isoformat()

SETUP = """
import sys
from followthrough.cli.app import app
for args in (
    ["person", "add", "Ana Ruiz"],
    ["log", "interview", "--with", "Ana", "--on", "{YESTERDAY}"],
    ["opp", "add", "Designer", "--org", "Acme"],
    ["task", "add", "Ask Ana about Acme", "--person", "Ana", "--opp", "1", "--due", "{YESTERDAY}"],
    ["task", "add", "Later", "--due", "{TODAY}"],
    ["today", "--json", "--on", "{TODAY}"],
):
    try:
        app(args, prog_name="followthrough")
    except SystemExit as stop:
        assert not stop.code, (args, stop.code)
"""

RUN = """
import json, os, sys
from followthrough.cli import main
sys.argv = ["followthrough", *sys.argv[2:]]
try:
    main()
except SystemExit as stop:
    assert not stop.code, stop.code
if os.environ.get("MODULES_OUT"):
    with open(os.environ["MODULES_OUT"], "w") as out:
        json.dump(sorted(sys.modules), out)
"""

# What ``today --json`` must not load: the web stack, Rich, reports, importers,
# the other commands, and (nothing having changed) the etiquette engine.
MUST_NOT_IMPORT = [
    "followthrough.engine",
    "followthrough.engine.facts",
    "followthrough.engine.rules",
    "followthrough.tracker.views",
    "followthrough.urls",
    "followthrough.reports.data",
    "followthrough.reports.figures",
    "followthrough.reports.charts",
    "followthrough.imports.apply",
    "followthrough.imports.spreadsheet",
    "followthrough.imports.vcard",
    "followthrough.backup.restore",
    "followthrough.drafts.services",
    "followthrough.culture.scoring",
    "followthrough.tracker.services.interactions",
    "followthrough.cli.people",
    "followthrough.cli.report",
    "followthrough.cli.imports",
    "followthrough.cli.backup",
    "rich",
    "rich.table",
    "pydantic",
    "typer.main",
    "django.db.models",  # nothing changed: the agenda is read without starting Django
    "rich.console",
    "django.contrib.admin",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.test",
    "django.db.migrations.loader",
    "django.db.migrations.executor",
    "template_partials",
    "django_htmx",
    "waitress",
    "openpyxl",
    "vobject",
    "icalendar",
    "jinja2",
]


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    return {**env, "FOLLOWTHROUGH_HOME": str(home), **extra}


def _python(code: str, env: dict, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code, "followthrough", *args],
        env=env, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


@pytest.fixture
def home(tmp_path) -> Path:
    """A data folder with one person, yesterday's interview and today's agenda synced."""
    home = tmp_path / "home"
    # The day is taken again here, not only when the module was collected: a run that
    # crosses midnight would otherwise tell the story before the owner started.
    global TODAY, YESTERDAY
    now = dt.datetime.now(dt.UTC).date()
    TODAY, YESTERDAY = now.isoformat(), (now - dt.timedelta(days=1)).isoformat()
    done = _python(SETUP.format(TODAY=TODAY, YESTERDAY=YESTERDAY), _env(home))
    assert done.returncode == 0, done.stderr
    return home


def _state(home: Path) -> tuple:
    with sqlite3.connect(home / "followthrough.sqlite3") as db:
        return db.execute(
            "SELECT change, synced_change, synced_day, synced_at FROM tracker_syncstate"
        ).fetchone()


def test_today_json_in_a_new_process_with_nothing_changed_loads_little_and_syncs_nothing(
    home, tmp_path
):
    before = _state(home)
    assert before[0] == before[1] and before[2] == TODAY
    modules = tmp_path / "modules.json"

    done = _python(RUN, _env(home, MODULES_OUT=str(modules)), "today", "--json", "--on",
                   TODAY)  # fmt: skip

    assert done.returncode == 0, done.stderr
    titles = [item["title"] for item in json.loads(done.stdout) if item["rule"] == "thank-you"]
    assert titles == ["Send Ana Ruiz a thank-you note"]
    assert _state(home) == before  # no sync: the state row is as the last one left it
    loaded = set(json.loads(modules.read_text()))
    assert sorted(loaded & set(MUST_NOT_IMPORT)) == []


def test_the_stored_agenda_is_the_agenda_django_reads(home):
    """The path without Django prints byte for byte what the full one prints."""
    args = ("today", "--json", "--on", TODAY)
    without = _python(RUN, _env(home), *args)
    full = _python(RUN, _env(home, DJANGO_SETTINGS_MODULE="followthrough.settings_cli"), *args)

    assert without.returncode == full.returncode == 0, (without.stderr, full.stderr)
    assert without.stdout == full.stdout
    items = json.loads(full.stdout)
    assert {"manual", "thank-you"} <= {item["rule"] for item in items}
    (ask,) = [item for item in items if item["title"] == "Ask Ana about Acme"]
    assert (ask["overdue_days"], ask["opportunity"], ask["person"]) == (1, "Designer at Acme",
                                                                        "Ana Ruiz")  # fmt: skip


def test_a_change_in_another_process_makes_the_next_today_sync(home, tmp_path):
    before = _state(home)
    with sqlite3.connect(home / "followthrough.sqlite3") as db:  # another program's write
        db.execute("UPDATE tracker_person SET name = 'Ana R.'")

    done = _python(RUN, _env(home, MODULES_OUT=str(tmp_path / "m.json")), "today", "--json",
                   "--on", TODAY)  # fmt: skip

    assert done.returncode == 0, done.stderr
    titles = [item["title"] for item in json.loads(done.stdout) if item["rule"] == "thank-you"]
    assert titles == ["Send Ana R. a thank-you note"]
    after = _state(home)
    assert after[0] > before[0] and after[0] == after[1] and after[3] != before[3]


HOLD = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE tracker_workspace SET daily_outreach_goal = daily_outreach_goal")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("ROLLBACK")
"""


def test_read_only_commands_work_while_another_process_holds_a_write(home):
    """Issue 10.5: a write held for 20 s must not stop a read (the owner lookup wrote)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(home / "followthrough.sqlite3"), "20"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline() == "locked\n"
        started = time.monotonic()
        for args in (["today", "--json", "--on", TODAY], ["person", "list", "--json"]):
            done = _python(RUN, _env(home), *args, timeout=60)
            assert done.returncode == 0, (args, done.stderr)
            assert json.loads(done.stdout)
        assert time.monotonic() - started < 15  # neither waited for the lock
        assert holder.poll() is None  # the write was held all along
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize(
    ("args", "on"),
    [
        (["today", "--json"], None),
        (["today", "--on", "2026-03-03", "--json"], "2026-03-03"),
        (["today", "--json", "--on=2026-03-03"], "2026-03-03"),
        (["today"], False),  # a table: Rich, through Typer
        (["today", "--json", "--help"], False),
        (["today", "--json", "--json"], False),
        (["today", "--json", "--on"], False),  # Typer says the value is missing
        (["today", "--json", "--on", "--json"], False),
        (["task", "--json"], False),
    ],
)
def test_only_today_json_takes_the_fast_path(args, on):
    from followthrough.cli.fast import parse

    assert parse(args) == on


def test_today_during_another_process_s_long_write_shows_the_last_agenda_with_a_warning(home):
    """A change is waiting to be synced, but an import holds the write lock: the agenda as
    last synced, at once, rather than a 20-second wait and an error."""
    with sqlite3.connect(home / "followthrough.sqlite3") as db:
        db.execute("UPDATE tracker_person SET name = 'Ana R.'")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(home / "followthrough.sqlite3"), "20"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline() == "locked\n"
        started = time.monotonic()
        done = _python(RUN, _env(home), "today", "--json", "--on", TODAY, timeout=60)
        assert time.monotonic() - started < 15
    finally:
        holder.kill()
        holder.wait()

    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        "warning: the agenda may be out of date: another process is writing to the database;"
        " it is brought up to date next time.\n"
    )
    titles = [item["title"] for item in json.loads(done.stdout) if item["rule"] == "thank-you"]
    assert titles == ["Send Ana Ruiz a thank-you note"]  # as last synced

    again = _python(RUN, _env(home), "today", "--json", "--on", TODAY)
    titles = [item["title"] for item in json.loads(again.stdout) if item["rule"] == "thank-you"]
    assert (titles, again.stderr) == (["Send Ana R. a thank-you note"], "")
