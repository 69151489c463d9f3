"""Issue 10, point 4 with real processes and a real SMTP server on loopback.

Two ``followthrough digest`` passes at once send one digest; a pass killed with
SIGKILL while the mail server is still taking the message leaves the day unsent,
and the first pass after the lease sends it. On PostgreSQL (the suite's
PostgreSQL run), two workers claim at the same instant from two connections.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import signal
import sqlite3
import subprocess
import threading

import pytest
from aiosmtpd.controller import Controller
from django.db import connection, connections

from followthrough.digest import services
from followthrough.digest.models import DigestSettings

from .conftest import Inbox, digest_on, free_port
from .test_cli_digest import executable, loop_env, prepare

T0 = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)


def digest_pass(env, now: dt.datetime) -> subprocess.Popen:
    return subprocess.Popen(
        [executable(), "digest", "--now", now.isoformat()],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


class SlowInbox(Inbox):
    """Takes the message, then keeps the sender waiting for its reply."""

    started: threading.Event

    async def handle_DATA(self, server, session, envelope):
        self.started.set()
        await asyncio.sleep(60)
        return "250 Too late"


def stored(env) -> tuple:
    home = env["FOLLOWTHROUGH_HOME"]
    with sqlite3.connect(f"{home}/followthrough.sqlite3") as db:
        return db.execute(
            "SELECT last_sent_on, claimed_on, claimed_until IS NOT NULL FROM digest_digestsettings"
        ).fetchone()


def test_two_passes_at_once_send_one_digest(tmp_path, smtp_server):
    env = loop_env(tmp_path, smtp_server.port)
    prepare(env)

    passes = [digest_pass(env, T0) for _ in range(2)]
    results = [(p.wait(timeout=120), *p.communicate()) for p in passes]

    assert [code for code, _, _ in results] == [0, 0], results
    assert len(smtp_server.messages) == 1
    assert stored(env)[0] == "2026-01-15"


def test_a_pass_killed_while_sending_is_made_up_after_the_lease(tmp_path, smtp_server):
    slow = SlowInbox("127.0.0.1", free_port())
    slow.started = threading.Event()
    controller = Controller(slow, hostname=slow.host, port=slow.port)
    controller.start()
    try:
        env = loop_env(tmp_path, slow.port)
        prepare(env)
        doomed = digest_pass(env, T0)
        assert slow.started.wait(timeout=120), doomed.communicate()
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(timeout=30)
    finally:
        controller.stop()

    assert stored(env) == (None, "2026-01-15", 1)  # claimed, never marked sent
    env["EMAIL_PORT"] = str(smtp_server.port)
    later = digest_pass(env, T0 + services.LEASE + dt.timedelta(minutes=1))
    out, err = later.communicate(timeout=120)

    assert later.returncode == 0, err
    assert out == "Sent the digest for Thu 15 Jan 2026 to sam@example.com.\n"
    assert len(smtp_server.messages) == 1
    assert stored(env) == ("2026-01-15", None, 0)


@pytest.mark.django_db(transaction=True)
def test_two_workers_claim_at_the_same_instant_on_postgresql(owner, smtp_server):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL run of the suite checks this (DATABASE_URL)")
    digest_on(owner)
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def worker():
        try:
            digest = DigestSettings.objects.select_related("owner__workspace").get(owner=owner)
            barrier.wait(timeout=30)
            outcomes.append(services.send_one(digest, T0, connection=smtp_server.connection()))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sorted(o is None for o in outcomes) == [False, True]
    assert len(smtp_server.messages) == 1
