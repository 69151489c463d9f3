"""`followthrough digest`: one pass (cron) or a loop (daemon), through a real SMTP server."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followthrough.cli.app import app
from followthrough.digest.models import DigestSettings
from followthrough.tracker.services import tasks as task_service

from .conftest import digest_on, free_port

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture
def smtp_settings(settings, smtp_server):
    """Django's own mail settings pointed at the loopback server, as EMAIL_HOST would."""
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT = smtp_server.host, smtp_server.port
    return smtp_server


def test_one_pass_sends_what_is_due_and_says_so(owner, smtp_settings):
    digest_on(owner, zone="America/New_York", hour=7)
    task_service.add_task(owner, "Update the resume", "2026-01-15", today=dt.date(2026, 1, 15))

    early = run("digest", "--now", "2026-01-15T11:59:00Z")
    sent = run("digest", "--now", "2026-01-15T12:00:00+00:00")
    again = run("digest", "--now", "2026-01-15T12:30:00")  # no offset: UTC

    assert (early.exit_code, early.stdout) == (0, "No digest is due now.\n")
    assert (sent.exit_code, sent.stdout) == (
        0,
        "Sent the digest for Thu 15 Jan 2026 to sam@example.com.\n",
    )
    assert again.stdout == "No digest is due now.\n"
    message = smtp_settings.only()
    assert "Update the resume" in message.get_body(("plain",)).get_content()


def test_one_pass_with_an_unreachable_server_is_a_one_line_error(owner, settings):
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    digest_on(owner, zone="UTC", hour=7)

    result = run("digest", "--now", "2026-01-15T07:00:00Z")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: the digest for Thu 15 Jan 2026 to sam@example.com was not sent: the mail server"
        " could not be reached (Connection refused); it will be retried on the next pass\n"
    )
    assert DigestSettings.objects.get(owner=owner).last_sent_on is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--now", "yesterday"],
            "error: --now: 'yesterday' is not an ISO 8601 instant;"
            " write it like 2026-03-02T12:00:00Z.\n",
        ),
        (
            ["--loop", "--now", "2026-01-15T07:00:00Z"],
            "error: --now: a fixed instant makes sense for one pass only; leave out --loop.\n",
        ),
    ],
)
def test_bad_options_are_one_line(db, args, message):
    result = run("digest", *args)
    assert result.exit_code == 1
    assert result.stderr == message


def test_an_interval_below_one_second_is_a_usage_error():
    result = run("digest", "--loop", "--interval", "0")
    assert result.exit_code == 2


# The daemon, end to end: the installed command in a fresh data folder ------------------------


def executable() -> str:
    found = shutil.which("followthrough", path=str(Path(sys.executable).parent))
    assert found, "the followthrough executable is not installed: run `pip install -e .`"
    return found


def loop_env(tmp_path: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env.update(
        FOLLOWTHROUGH_HOME=str(tmp_path / "home"), EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port)
    )
    return env


def prepare(env: dict[str, str]) -> None:
    """A fresh workspace with one task and the digest on from midnight (so due at once)."""
    subprocess.run(
        [executable(), "task", "add", "Call Ada back"], env=env, check=True, capture_output=True
    )
    script = (
        "from followthrough.cli import django_setup; django_setup.setup();"
        "from followthrough.digest.services import update_settings;"
        "update_settings(django_setup.owner(), enabled=True, hour=0, address='sam@example.com')"
    )
    subprocess.run([sys.executable, "-c", script], env=env, check=True, capture_output=True)


def start_loop(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [executable(), "digest", "--loop", "--interval", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_the_loop_sends_once_and_stops_cleanly_on_ctrl_c(tmp_path, smtp_server):
    env = loop_env(tmp_path, smtp_server.port)
    prepare(env)
    daemon = start_loop(env)
    try:
        wait_for(lambda: smtp_server.messages)
        time.sleep(2.5)  # two more passes: the claim holds
        daemon.send_signal(signal.SIGINT)
        out, err = daemon.communicate(timeout=30)
    finally:
        daemon.kill()

    assert daemon.returncode == 0, err
    assert len(smtp_server.messages) == 1
    assert "Call Ada back" in smtp_server.messages[0].get_body(("plain",)).get_content()
    lines = out.splitlines()
    assert lines[0] == "Sending digests every 1 seconds (press Ctrl+C to stop)."
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC  "
        r"Sent the digest for [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4} to sam@example\.com\.",
        lines[1],
    ), lines
    assert lines[-1] == "Stopped."
    assert err == ""


def test_the_loop_logs_an_unreachable_server_and_goes_on_until_sigterm(tmp_path):
    env = loop_env(tmp_path, free_port())
    prepare(env)
    daemon = start_loop(env)
    try:
        first = daemon.stderr.readline()
        second = daemon.stderr.readline()  # the next pass retried
        daemon.send_signal(signal.SIGTERM)
        out, _ = daemon.communicate(timeout=30)
    finally:
        daemon.kill()

    assert daemon.returncode == 0
    for line in (first, second):
        assert line.endswith(
            "was not sent: the mail server could not be reached (Connection refused);"
            " it will be retried on the next pass.\n"
        )
        assert " UTC  warning: the digest for " in line
    assert out.splitlines()[-1] == "Stopped."
