"""FOLLOWTHROUGH_HOSTED=1 (issue 14, point 1): what it needs, what it turns on, and the
one line it stops with when something is missing. Local mode stays as it was."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from followthrough import config

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "followthrough" / "settings.py"
PG = "postgres://club:secret@127.0.0.1:5432/club"
KEY = "k" * 50
HOSTED_ENV = {
    "FOLLOWTHROUGH_HOSTED": "1",
    "DATABASE_URL": PG,
    "SECRET_KEY": KEY,
    "FOLLOWTHROUGH_ALLOWED_HOSTS": "club.example.org, www.club.example.org",
}
NAMES = ("DATABASE_URL", "SECRET_KEY", "FOLLOWTHROUGH_ALLOWED_HOSTS", "FOLLOWTHROUGH_HOSTED",
         "FOLLOWTHROUGH_BASE_URL", "FOLLOWTHROUGH_DEBUG")


def settings_with(monkeypatch, tmp_path, **env) -> dict:
    for name in NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FOLLOWTHROUGH_HOME", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE), run_name="followthrough_settings_probe")


def test_hosted_mode_and_its_companions_are_declared():
    assert {"FOLLOWTHROUGH_HOSTED", "FOLLOWTHROUGH_ALLOWED_HOSTS"} <= set(config.ENVIRONMENT)
    for name in config.HOSTED_REQUIREMENTS:
        assert name in config.ENVIRONMENT["FOLLOWTHROUGH_HOSTED"]


def test_hosted_mode_turns_on_secure_cookies_hsts_and_the_proxy_headers(monkeypatch, tmp_path):
    s = settings_with(monkeypatch, tmp_path, **HOSTED_ENV)

    assert s["FOLLOWTHROUGH_HOSTED"] is True
    assert s["ALLOWED_HOSTS"] == ["club.example.org", "www.club.example.org"]
    assert s["CSRF_TRUSTED_ORIGINS"] == ["https://club.example.org", "https://www.club.example.org"]
    assert s["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"] and s["SECURE_SSL_REDIRECT"]
    assert s["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert s["SECRET_KEY"] == KEY
    assert s["DATABASES"]["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert s["FOLLOWTHROUGH_BASE_URL"] == "https://club.example.org"
    # Sessions in the database: any app process knows every signed-in user.
    assert s.get("SESSION_ENGINE", "django.contrib.sessions.backends.db").endswith(".db")
    assert s["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert s["AXES_ENABLED"] is True


def test_hosted_mode_drops_the_loopback_guard_and_the_local_owner(monkeypatch, tmp_path):
    middleware = settings_with(monkeypatch, tmp_path, **HOSTED_ENV)["MIDDLEWARE"]

    assert "followthrough.security.middleware.LoopbackOnlyMiddleware" not in middleware
    assert "followthrough.tracker.middleware.LocalOwnerMiddleware" not in middleware
    assert "followthrough.accounts.middleware.LoginRequiredMiddleware" in middleware
    assert "axes.middleware.AxesMiddleware" in middleware


def test_local_mode_keeps_its_guard_its_owner_and_no_login(monkeypatch, tmp_path):
    s = settings_with(monkeypatch, tmp_path)
    middleware = s["MIDDLEWARE"]

    assert s["FOLLOWTHROUGH_HOSTED"] is False
    assert middleware[0] == "followthrough.security.middleware.LoopbackOnlyMiddleware"
    assert "followthrough.tracker.middleware.LocalOwnerMiddleware" in middleware
    assert "followthrough.accounts.middleware.LoginRequiredMiddleware" not in middleware
    assert s["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost", "[::1]"]
    assert not s.get("SESSION_COOKIE_SECURE") and not s.get("SECURE_SSL_REDIRECT")
    assert s["AXES_ENABLED"] is False  # the owner never types a password


@pytest.mark.parametrize("missing", ["DATABASE_URL", "SECRET_KEY", "FOLLOWTHROUGH_ALLOWED_HOSTS"])
def test_hosted_mode_refuses_to_start_without_each_requirement(monkeypatch, tmp_path, missing):
    env = {k: v for k, v in HOSTED_ENV.items() if k != missing}

    with pytest.raises(config.ConfigError) as refused:
        settings_with(monkeypatch, tmp_path, **env)

    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith("FOLLOWTHROUGH_HOSTED=1 needs ")
    assert missing in message
    assert [n for n in config.HOSTED_REQUIREMENTS if n != missing and n in message] == []


def test_hosted_mode_refuses_sqlite(monkeypatch, tmp_path):
    env = HOSTED_ENV | {"DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}

    with pytest.raises(config.ConfigError, match="postgres:// address"):
        settings_with(monkeypatch, tmp_path, **env)


def test_hosted_mode_refuses_debug_pages(monkeypatch, tmp_path):
    with pytest.raises(config.ConfigError, match="unset FOLLOWTHROUGH_DEBUG"):
        settings_with(monkeypatch, tmp_path, **HOSTED_ENV, FOLLOWTHROUGH_DEBUG="1")


def test_the_command_line_says_what_is_missing_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in NAMES and k != "DJANGO_SETTINGS_MODULE"}
    env |= {"FOLLOWTHROUGH_HOME": str(tmp_path), "FOLLOWTHROUGH_HOSTED": "1"}
    for args in (["serve"], ["today"], ["today", "--json"]):
        done = subprocess.run(
            [sys.executable, "-c", "from followthrough.cli import main; main()", *args],
            env=env, capture_output=True, text=True, timeout=120,
        )
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        assert done.stderr == (
            "error: FOLLOWTHROUGH_HOSTED=1 needs DATABASE_URL, SECRET_KEY,"
            " FOLLOWTHROUGH_ALLOWED_HOSTS; set them (see README, Hosting a job club)"
            " or unset FOLLOWTHROUGH_HOSTED.\n"
        ), args
