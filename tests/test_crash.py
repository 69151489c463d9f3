"""Issue 10: an import and a restore killed with SIGKILL at random moments.

After each kill: the database passes its integrity checks, the workspace holds
everything or nothing of what was being written (never part of it), and the
app still starts and works. On SQLite each kill gets its own copy of a data
folder; on PostgreSQL (the suite's PostgreSQL run) the processes share the test
database and the workspace is reset between kills.

The moments are random on each run; a failure prints them (``delays``).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 800  # in the import file
RESTORED = 600  # in the backup
KILLS = 2  # of each
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def import_file(folder: Path) -> Path:
    rows = "".join(
        f"Person{i},Number{i},https://www.linkedin.com/in/p{i},p{i}@example.com,"
        f"Org{i % 100},Engineer,04 Dec 2025\n"
        for i in range(PEOPLE)
    )
    path = folder / "Connections.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def backup_file(folder: Path) -> Path:
    data = {
        "format": "followthrough-backup",
        "schema_version": 1,
        "organizations": [
            {"id": i, "name": f"Restored Org {i}", "created_at": "2026-01-01T10:00:00+00:00",
             "updated_at": "2026-01-01T10:00:00+00:00"}
            for i in range(1, 51)
        ],
        "people": [
            {"id": i, "name": f"Restored {i}", "emails": [f"r{i}@example.com"],
             "organization_id": 1 + i % 50, "created_at": "2026-01-01T10:00:00+00:00",
             "updated_at": "2026-01-01T10:00:00+00:00"}
            for i in range(1, RESTORED + 1)
        ],
    }  # fmt: skip
    path = folder / "backup.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


class Place:
    """Where the processes keep their data: a data folder (SQLite) or the test database."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.postgres = connection.vendor == "postgresql"
        self.env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        if self.postgres:
            s = connection.settings_dict
            self.env["DATABASE_URL"] = (
                f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"
            )
        self.home = tmp_path / "base"
        self.env["FOLLOWTHROUGH_HOME"] = str(self.home)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [sys.executable, "-c", "from followthrough.cli import main; main()", *args],
            env=self.env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        if check:
            assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done

    def start(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-c", "from followthrough.cli import main; main()", *args],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def copy(self, name: str) -> None:
        """SQLite: go on in a copy of the base data folder (PostgreSQL: in place)."""
        if self.postgres:
            return
        target = self.tmp / name
        shutil.copytree(self.base, target)
        self.env["FOLLOWTHROUGH_HOME"] = str(target)
        self.home = target

    def snapshot_base(self) -> None:
        self.base = self.home

    def count(self, table: str) -> int:
        if self.postgres:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM {table}")
                return cursor.fetchone()[0]
        with sqlite3.connect(self.home / "followthrough.sqlite3") as db:
            return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def check_integrity(self) -> None:
        if self.postgres:
            # The server rolled the killed connection's transaction back; the
            # constraints (foreign keys among them) hold by construction.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM tracker_person p LEFT JOIN tracker_organization o"
                    " ON o.id = p.organization_id WHERE p.organization_id IS NOT NULL"
                    " AND o.id IS NULL"
                )
                assert cursor.fetchone()[0] == 0
            return
        with sqlite3.connect(self.home / "followthrough.sqlite3") as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def kill_at(place: Place, delay: float, *args: str) -> None:
    process = place.start(*args)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)


def timed(place: Place, *args: str) -> float:
    started = time.monotonic()
    place.run(*args)
    return time.monotonic() - started


def test_imports_and_restores_killed_at_random_moments_lose_nothing(tmp_path):
    rng = random.Random(os.urandom(8))
    place = Place(tmp_path)
    connections_csv, backup = import_file(tmp_path), backup_file(tmp_path)
    place.run("settings")  # a migrated database and the local owner
    place.snapshot_base()
    empty_people = place.count("tracker_person")
    assert empty_people == 0

    # How long a whole import takes here, so the kills land inside one.
    place.copy("timing-import")
    whole_import = timed(place, "import", "linkedin", str(connections_csv))
    assert place.count("tracker_person") == PEOPLE
    imported_home = place.home

    delays = []
    for n in range(KILLS):
        if place.postgres:
            _clear_all()
        place.copy(f"import-kill-{n}")
        delay = rng.uniform(0.35 * whole_import, whole_import)
        delays.append(("import", round(delay, 2)))
        kill_at(place, delay, "import", "linkedin", str(connections_csv))
        place.check_integrity()
        assert place.count("tracker_person") in (0, PEOPLE), delays
        assert place.count("tracker_organization") in (0, 100), delays

    # The app still starts, and the import goes through after a kill.
    place.run("import", "linkedin", str(connections_csv))
    assert place.count("tracker_person") == PEOPLE

    # Restores over the imported workspace, killed the same way.
    place.base = imported_home
    place.copy("timing-restore")
    whole_restore = timed(place, "restore", str(backup), "--replace", "--yes")
    assert place.count("tracker_person") == RESTORED
    for n in range(KILLS):
        if place.postgres:
            _clear_all()
            place.run("import", "linkedin", str(connections_csv))
        place.copy(f"restore-kill-{n}")
        delay = rng.uniform(0.35 * whole_restore, whole_restore)
        delays.append(("restore", round(delay, 2)))
        kill_at(place, delay, "restore", str(backup), "--replace", "--yes")
        place.check_integrity()
        assert place.count("tracker_person") in (PEOPLE, RESTORED), delays

    place.run("restore", str(backup), "--replace", "--yes")
    assert place.count("tracker_person") == RESTORED
    place.run("today")


def _clear_all() -> None:
    from django.contrib.auth import get_user_model

    from followthrough.backup.restore import clear

    for user in get_user_model().objects.all():
        clear(user)
