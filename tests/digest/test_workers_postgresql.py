"""Issue 14: two digest workers, 1,000 digests due, on PostgreSQL: every one sent once.

Two real ``followthrough digest`` passes at the same instant, against the suite's
PostgreSQL test database and a real SMTP server on loopback. The workers claim
their batches with ``SELECT ... FOR UPDATE SKIP LOCKED`` (``services.claim_batch``),
so they split the pass between them; the lease makes sure none is sent twice.
"""

from __future__ import annotations

import collections
import datetime as dt
import subprocess
import threading
import time

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, connections, transaction

from followthrough.digest import services
from followthrough.digest.models import DigestSettings
from followthrough.tracker.models import Workspace

from .conftest import free_port
from .test_cli_digest import executable, loop_env

OWNERS = 1_000
T0 = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)


def database_url() -> str:
    """The URL of the test database pytest-django made, for the worker processes."""
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}"
        f":{db['PORT'] or 5432}/{db['NAME']}"
    )


def owners_with_the_digest_due(count: int) -> list[str]:
    """``count`` owners, each with a workspace and the digest on from midnight UTC."""
    password = make_password(None)  # unusable, hashed once
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"member{n:04d}@club.test", password=password)
        for n in range(1, count + 1)
    )
    Workspace.objects.bulk_create(Workspace(owner=user, time_zone="UTC") for user in users)
    DigestSettings.objects.bulk_create(
        DigestSettings(owner=user, enabled=True, hour=0, address=user.username) for user in users
    )
    return [user.username for user in users]


class Tally:
    """An SMTP server's handler that only counts the recipients (parsing 1,000 mails is slow)."""

    def __init__(self):
        self.received: collections.Counter[str] = collections.Counter()

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        self.received.update(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


@pytest.fixture
def tally():
    handler = Tally()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()


def sent_by(output: str) -> list[str]:
    return [line.rsplit(" to ", 1)[1].rstrip(".") for line in output.splitlines()]


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_a_thousand_digests_each_exactly_once(tmp_path, tally):
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL run of the suite checks this (DATABASE_URL)")
    inbox, port = tally
    addresses = owners_with_the_digest_due(OWNERS)
    env = loop_env(tmp_path, port) | {"DATABASE_URL": database_url()}

    started = time.perf_counter()
    command = [executable(), "digest", "--now", T0.isoformat()]
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    workers = [subprocess.Popen(command, env=env, **pipes) for _ in range(2)]
    results = [(w.wait(timeout=120), *w.communicate()) for w in workers]
    took = time.perf_counter() - started

    assert [code for code, _, _ in results] == [0, 0], results
    assert sorted(inbox.received) == sorted(addresses)  # every owner got one...
    assert inbox.received.most_common(1)[0][1] == 1  # ...and none got two
    first, second = (sent_by(out) for _, out, _ in results)
    assert sorted(first + second) == sorted(addresses)  # each worker says what it sent
    assert set(first).isdisjoint(second)
    stored = DigestSettings.objects.filter(last_sent_on=dt.date(2026, 1, 15), claimed_on=None)
    assert stored.count() == OWNERS
    print(f"2 workers, {OWNERS} digests: {took:.1f} s ({len(first)} + {len(second)})")


@pytest.mark.django_db(transaction=True)
def test_a_batch_skips_the_rows_another_worker_holds_instead_of_waiting():
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL run of the suite checks this (DATABASE_URL)")
    owners_with_the_digest_due(3)
    pks = list(DigestSettings.objects.order_by("pk").values_list("pk", flat=True))
    holding, done = threading.Event(), threading.Event()

    def other_worker():  # in the middle of its own batch: the first row locked
        try:
            with transaction.atomic():
                list(DigestSettings.objects.filter(pk=pks[0]).select_for_update())
                holding.set()
                done.wait(timeout=30)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_worker)
    thread.start()
    assert holding.wait(timeout=30)
    started = time.perf_counter()
    claimed = services.claim_batch(pks, T0)
    waited = time.perf_counter() - started
    done.set()
    thread.join(timeout=30)

    assert [digest.pk for digest, _ in claimed] == pks[1:]
    assert waited < 10  # skipped, not waited for (the other holds it up to 30 s)
    assert DigestSettings.objects.get(pk=pks[0]).claimed_on is None
