"""Issue 10, point 4: a digest is claimed with a lease and marked sent only once accepted."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from followthrough.digest import emails, services
from followthrough.digest.models import DigestSettings

from .conftest import digest_on

NOW = dt.datetime(2026, 1, 15, 12, 0, tzinfo=dt.UTC)  # 07:00 in New York


def pass_at(now, inbox):
    with time_machine.travel(now, tick=False):
        return services.send_due(now, connection=inbox.connection())


def test_a_pass_killed_between_claim_and_send_loses_no_day(owner, smtp_server, monkeypatch):
    digest_on(owner)
    real = emails.digest

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # as good as kill -9 here: nothing after the claim runs

    monkeypatch.setattr(emails, "digest", killed)
    with pytest.raises(KeyboardInterrupt):
        pass_at(NOW, smtp_server)
    monkeypatch.setattr(emails, "digest", real)

    stored = DigestSettings.objects.get(owner=owner)
    assert stored.last_sent_on is None  # never sent, so not marked sent
    # While the lease runs, another pass leaves it alone (the first may still be sending)...
    assert pass_at(NOW + dt.timedelta(minutes=1), smtp_server) == []
    # ...and once it has run out, the day's digest goes.
    later = pass_at(NOW + services.LEASE + dt.timedelta(seconds=1), smtp_server)

    assert [(o.sent, o.day) for o in later] == [(True, dt.date(2026, 1, 15))]
    assert len(smtp_server.messages) == 1
    stored.refresh_from_db()
    assert stored.last_sent_on == dt.date(2026, 1, 15)
    assert stored.claimed_until is None


def test_it_is_marked_sent_only_after_the_server_accepted_it(owner, smtp_server, monkeypatch):
    digest_on(owner)
    real = emails.digest
    seen = []

    def sending(*args, **kwargs):
        seen.append(DigestSettings.objects.get(owner=owner).last_sent_on)
        return real(*args, **kwargs)

    monkeypatch.setattr(emails, "digest", sending)
    outcomes = pass_at(NOW, smtp_server)

    assert seen == [None]
    assert [o.sent for o in outcomes] == [True]
    assert DigestSettings.objects.get(owner=owner).last_sent_on == dt.date(2026, 1, 15)
    assert pass_at(NOW + services.LEASE * 3, smtp_server) == []  # sent: no second one
    assert len(smtp_server.messages) == 1


def test_yesterdays_abandoned_claim_does_not_hold_today(owner, smtp_server):
    digest_on(owner)
    settings = DigestSettings.objects.get(owner=owner)
    assert services.claim(settings, dt.date(2026, 1, 14), NOW - dt.timedelta(hours=1))

    assert [o.sent for o in pass_at(NOW, smtp_server)] == [True]
