"""The throwaway Dovecot of the IMAP tests, and delivering mail into its Maildir.

`make test` starts it (scripts/test.sh) and passes its address in
FOLLOWTHROUGH_TEST_IMAP_*; a plain pytest run starts its own through
scripts/dovecot.sh when Dovecot is installed. Without one the IMAP tests skip
with one line saying why, except under CI, where they fail.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_counter = itertools.count()


@dataclass
class Server:
    host: str
    port: int
    user: str
    password: str
    maildir: Path
    mail_owner: tuple[int, int] | None

    def new_folder(self) -> str:
        """A fresh, empty folder (Maildir++ ``.name``) that no other test uses."""
        name = "t" + uuid.uuid4().hex[:12]
        self._make(self.maildir / f".{name}")
        return name

    def folder_path(self, folder: str) -> Path:
        return self.maildir if folder == "INBOX" else self.maildir / f".{folder}"

    def _make(self, path: Path) -> None:
        for sub in ("cur", "new", "tmp"):
            (path / sub).mkdir(parents=True, exist_ok=True)
        self._own(path, path / "cur", path / "new", path / "tmp")

    def _own(self, *paths: Path) -> None:
        if self.mail_owner and os.geteuid() == 0:
            for path in paths:
                os.chown(path, *self.mail_owner)

    def deliver(self, folder: str, raw: bytes) -> None:
        """Drop a message into the folder's Maildir, as a delivery agent does."""
        base = self.folder_path(folder)
        name = f"{time.time_ns()}.{os.getpid()}_{next(_counter)}.followthrough"
        tmp = base / "tmp" / name
        tmp.write_bytes(raw.replace(b"\r\n", b"\n"))
        self._own(tmp)
        tmp.rename(base / "new" / name)

    def renumber(self, folder: str) -> None:
        """Make the server give the folder a new UIDVALIDITY (as after a restore)."""
        base = self.folder_path(folder)
        for path in base.iterdir():
            if path.name.startswith("dovecot"):
                path.unlink()
        time.sleep(1.1)  # Dovecot's UIDVALIDITY is the time in seconds

    def client(self):
        from imapclient import IMAPClient

        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.login(self.user, self.password)
        return client


def _skip(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"IMAP tests cannot run under CI: {reason}")
    pytest.skip(f"IMAP tests skipped: {reason}")


def _from_environment() -> Server | None:
    address = os.environ.get("FOLLOWTHROUGH_TEST_IMAP")
    if not address:
        return None
    host, _, port = address.rpartition(":")
    owner = os.environ.get("FOLLOWTHROUGH_TEST_IMAP_MAIL_OWNER", "")
    uid, _, gid = owner.partition(":")
    return Server(
        host,
        int(port),
        os.environ["FOLLOWTHROUGH_TEST_IMAP_USER"],
        os.environ["FOLLOWTHROUGH_TEST_IMAP_PASSWORD"],
        Path(os.environ["FOLLOWTHROUGH_TEST_IMAP_MAILDIR"]),
        (int(uid), int(gid)) if uid and gid else None,
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_own():
    """Start a Dovecot for this pytest run; yields the ``Server`` (or skips)."""
    if not (shutil.which("dovecot") or os.path.exists("/usr/sbin/dovecot")):
        _skip("Dovecot is not installed; `make test` installs dovecot-imapd and starts it.")
    folder = tempfile.mkdtemp(prefix="followthrough-dovecot-")
    script = ROOT / "scripts" / "dovecot.sh"
    done = subprocess.run(
        ["bash", str(script), "start", folder, str(_free_port())],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        _skip(f"Dovecot did not start: {done.stderr.strip().splitlines()[-1:]}")
    saved = dict(os.environ)
    for line in done.stdout.splitlines():
        key, _, value = line.partition("=")
        os.environ[key] = value
    try:
        yield _from_environment()
    finally:
        os.environ.clear()
        os.environ.update(saved)
        subprocess.run(["bash", str(script), "stop", folder], check=False)
        shutil.rmtree(folder, ignore_errors=True)


def server():
    reason = os.environ.get("FOLLOWTHROUGH_TEST_IMAP_SKIP")
    if reason:
        _skip(reason)
    found = _from_environment()
    if found is not None:
        yield found
    else:
        yield from start_own()
