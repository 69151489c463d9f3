"""Ended sessions are cleared by the daily job the README's hosting section documents
(a systemd timer, or cron), run here as written."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
from pathlib import Path

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.cli_helpers import failure, ok

from .conftest import sign_in

pytestmark = pytest.mark.django_db

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
SECTION = README[README.index("## Hosting a job club"):README.index("## Configuration")]


def documented_commands() -> list[list[str]]:
    """The job's command in the systemd unit and in the cron line, as argument lists."""
    exec_start = re.search(r"^ExecStart=(.+)$", SECTION, re.M).group(1)
    cron = re.search(r"```cron\n(.+?)\n```", SECTION, re.S).group(1)
    found = [shlex.split(exec_start), shlex.split(cron.split("&&")[-1])]
    for argv in found:
        assert argv[0].endswith(".venv/bin/followthrough"), argv
    return [argv[1:] for argv in found]


def ended_session() -> str:
    store = SessionStore()
    store["anything"] = 1
    store.set_expiry(-60)
    store.create()
    return store.session_key


def test_the_readme_documents_the_same_command_for_systemd_and_cron():
    systemd, cron = documented_commands()

    assert systemd == cron == ["user", "clear-sessions"]


def test_the_documented_command_clears_ended_sessions_and_keeps_signed_in_members(
    client, ada
):
    sign_in(client, "ada@example.org")
    ended = [ended_session() for _ in range(3)]
    live = client.session.session_key

    out = ok(*documented_commands()[0])

    assert out == "Cleared 3 ended sessions.\n"
    assert not Session.objects.filter(session_key__in=ended).exists()
    assert Session.objects.filter(session_key=live, expire_date__gt=timezone.now()).exists()
    assert client.get("/").status_code == 200  # still signed in


def test_it_says_how_many_in_json_and_clears_nothing_twice(hosted):
    ended_session()

    assert json.loads(ok("user", "clear-sessions", "--json")) == {"cleared": 1}
    assert json.loads(ok("user", "clear-sessions", "--json")) == {"cleared": 0}


def test_a_session_that_ends_tomorrow_is_kept(hosted):
    store = SessionStore()
    store.set_expiry(dt.timedelta(days=1))
    store.create()

    ok("user", "clear-sessions")

    assert Session.objects.filter(session_key=store.session_key).exists()


def test_local_mode_has_no_accounts_to_clear(db):
    assert "hosted mode" in failure("user", "clear-sessions")
