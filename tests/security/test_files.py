"""Issue 10, point 9: the data folder is 0700 and the files in it 0600.

Checked on a real first run (a subprocess with the usual umask 022), on an older
data folder made world-readable, and for an upload waiting to be imported.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from followthrough.tracker.services.owners import local_owner


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def loose_entries(home: Path) -> list[str]:
    """Everything under ``home`` (itself included) that others could read or enter."""
    found = []
    for path in [home, *home.rglob("*")]:
        if path.is_symlink():
            continue
        expected = 0o700 if path.is_dir() else 0o600
        if mode(path) & 0o077 or mode(path) & ~expected:
            found.append(f"{path.relative_to(home.parent)} {oct(mode(path))}")
    return found


STARTER = "import os; os.umask(0o022); from followthrough.cli import main; main()"


def run_cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FOLLOWTHROUGH_HOME": str(home)}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", STARTER, *args],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_a_first_run_makes_a_private_data_folder(tmp_path):
    home = tmp_path / "data"
    done = run_cli(home, "person", "add", "Ava Stone")
    assert done.returncode == 0, done.stderr

    assert mode(home) == 0o700
    assert (home / "followthrough.sqlite3").exists()
    assert (home / "secret_key").exists()
    assert loose_entries(home) == []


def test_an_older_world_readable_data_folder_is_made_private(tmp_path):
    home = tmp_path / "data"
    assert run_cli(home, "person", "add", "Ava Stone").returncode == 0
    home.chmod(0o755)
    for path in home.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (home / "imports").mkdir(mode=0o755)
    (home / "imports" / "old-upload").write_text("Name\nAva\n")
    (home / "imports" / "old-upload").chmod(0o666)

    done = run_cli(home, "person", "list")
    assert done.returncode == 0, done.stderr
    assert "Ava Stone" in done.stdout
    assert loose_entries(home) == []


@pytest.mark.django_db
def test_an_upload_waiting_to_be_imported_is_private(client, tmp_path):
    local_owner()
    sheet = tmp_path / "people.csv"
    sheet.write_text("Name,Email\nAva Stone,ava@example.com\n")
    with sheet.open("rb") as handle:
        response = client.post(reverse("import"), {"file": handle, "kind": "auto"})
    assert response.status_code == 302, response.content.decode()[:500]

    folder = Path(settings.HOME) / "imports"
    waiting = list(folder.iterdir())
    assert waiting
    assert mode(folder) == 0o700
    assert {p.name: mode(p) for p in waiting} == {p.name: 0o600 for p in waiting}


def test_a_data_folder_shared_with_other_things_keeps_them_as_they_are(tmp_path):
    home = tmp_path / "data"
    home.mkdir()
    (home / "holiday.jpg").write_bytes(b"not ours")
    (home / "holiday.jpg").chmod(0o644)
    assert run_cli(home, "person", "list").returncode == 0
    assert mode(home / "holiday.jpg") == 0o644
    assert mode(home) == 0o700
    assert mode(home / "followthrough.sqlite3") == 0o600


@pytest.mark.django_db
def test_a_kept_document_is_private(tmp_path):
    import io

    from followthrough.tracker.services.documents import add_document, path_of

    owner = local_owner()
    doc, made = add_document(owner, io.BytesIO(b"%PDF-1.4 my resume"), "resume.pdf")
    assert made
    stored = path_of(doc)
    assert mode(stored) == 0o600
    assert mode(stored.parent) == 0o700
    assert mode(stored.parent.parent) == 0o700
