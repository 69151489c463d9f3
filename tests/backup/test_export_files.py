"""Issue 10, point 17: `export --out` syncs before it renames and cleans up after a kill."""

from __future__ import annotations

import fcntl
import os

import pytest

from tests.cli_helpers import ok

pytestmark = pytest.mark.django_db


def test_a_temporary_file_left_by_a_killed_export_is_removed_by_the_next(tmp_path):
    out = tmp_path / "backup.json"
    leftover = tmp_path / ".backup.json.k1ll3d.tmp"
    leftover.write_text('{"format": "followthrough-backup", "half')
    other = tmp_path / ".notes.txt.abc.tmp"  # not ours: another file's
    other.write_text("x")

    ok("export", "json", "--out", str(out))

    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.txt.abc.tmp", "backup.json"]


def test_a_temporary_file_another_export_is_writing_is_left_alone(tmp_path):
    out = tmp_path / "backup.json"
    busy = tmp_path / ".backup.json.busy.tmp"
    busy.write_text("")
    fd = os.open(busy, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        ok("export", "json", "--out", str(out))
    finally:
        os.close(fd)

    assert busy.exists() and out.exists()


def test_the_export_is_on_disk_before_it_takes_the_files_place(tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(
        os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b))[1]
    )

    ok("export", "json", "--out", str(tmp_path / "backup.json"))

    assert events[:2] == ["fsync", "replace"]
    assert events.count("fsync") == 2  # the file, then its folder
