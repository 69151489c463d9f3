"""Issue 10, point 3: two imports of one file at once make each person once.

On PostgreSQL two threads (two connections) import at the same instant; on
SQLite two ``followthrough import`` processes share the data folder's database.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections

from followthrough.imports import reading
from followthrough.imports.apply import import_records
from followthrough.tracker.models import Person
from followthrough.tracker.services.owners import workspace_for

TODAY = dt.date(2026, 3, 2)
PEOPLE = 400
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def connections_file(tmp_path):
    rows = "".join(
        f"Person{i},Number{i},,p{i}@example.com,Org{i % 40},Engineer,04 Dec 2025\n"
        for i in range(PEOPLE)
    )
    path = tmp_path / "Connections.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def cli(env: dict, *args: str, **kwargs) -> subprocess.Popen:
    code = "from followthrough.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs,
    )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_on_postgresql_make_each_person_once(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL run of the suite checks this (DATABASE_URL)")
    owner = get_user_model().objects.create_user("sam")
    workspace_for(owner)
    path = connections_file(tmp_path)
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def import_once():
        try:
            read = reading.read("linkedin", path, path.name)
            barrier.wait(timeout=30)
            outcomes.append(import_records(owner, read, today=TODAY))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=import_once) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert Person.objects.filter(owner=owner).count() == PEOPLE
    assert sorted(o.people_created for o in outcomes) == [0, PEOPLE]


def test_two_import_processes_at_once_on_sqlite_make_each_person_once(tmp_path):
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["FOLLOWTHROUGH_HOME"] = str(home)
    warm = cli(env, "settings")  # makes the database and the local owner first
    assert warm.wait(timeout=120) == 0, warm.stderr.read()
    path = connections_file(tmp_path)

    runs = [cli(env, "import", "linkedin", str(path)) for _ in range(2)]
    results = [(run.wait(timeout=120), *run.communicate()) for run in runs]

    assert [code for code, _, _ in results] == [0, 0], results
    with sqlite3.connect(home / "followthrough.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM tracker_person").fetchone()[0] == PEOPLE
    outputs = sorted(out for _, out, _ in results)
    assert outputs[0].startswith(f"Imported Connections.csv (LinkedIn): {PEOPLE} people created")
    assert outputs[1].startswith("Nothing new in Connections.csv (LinkedIn)")
