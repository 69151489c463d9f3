"""Settings that keep a local install safe: loopback names, CSRF, tuned SQLite, DATABASE_URL."""

from __future__ import annotations

import os
import runpy
import stat
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.utils import ConnectionHandler
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse

LOOPBACK_NAMES = {"127.0.0.1", "localhost", "[::1]", "::1"}
SETTINGS_FILE = Path(__file__).resolve().parent.parent / "followthrough" / "settings.py"


def probe(request):
    """A form-handling view of our own, so the CSRF tests need no page of the app."""
    return HttpResponse("posted" if request.method == "POST" else "form")


urlpatterns = [path("probe/", probe)]


def settings_with(monkeypatch, tmp_path, **env) -> dict:
    """The settings module as it would load with ``env`` (a fresh copy, not Django's live one)."""
    for name in ("DATABASE_URL", "SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FOLLOWTHROUGH_HOME", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE), run_name="followthrough_settings_probe")


# Host names --------------------------------------------------------------------------


def test_only_loopback_host_names_are_allowed():
    # "testserver" is the name Django's own test client uses.
    assert set(settings.ALLOWED_HOSTS) <= LOOPBACK_NAMES | {"testserver"}
    assert "*" not in settings.ALLOWED_HOSTS


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["evil.example", "localhost.evil.example", "127.0.0.1.nip.io"])
def test_a_request_for_another_host_name_gets_400(client, host):
    # A hostile page can point its own name at 127.0.0.1 (DNS rebinding); the name gives it away.
    response = client.get("/", HTTP_HOST=host)

    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000"])
def test_a_request_for_a_loopback_name_is_served(client, host):
    response = client.get("/probe/", HTTP_HOST=host)

    assert response.status_code == 200


# CSRF ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_post_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)

    assert client.post("/probe/").status_code == 403


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_post_with_the_csrf_token_goes_through():
    client = Client(enforce_csrf_checks=True)
    # Local mode signs the owner in on the first request, which sets a fresh CSRF cookie.
    client.get("/probe/")
    token = client.cookies[settings.CSRF_COOKIE_NAME].value

    response = client.post("/probe/", {"csrfmiddlewaretoken": token})

    assert response.status_code == 200
    assert response.content == b"posted"


@pytest.mark.django_db
def test_the_log_form_refuses_a_post_without_the_csrf_token():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/log/", {"kind": "email", "people": "Ada"})

    assert response.status_code == 403


def _views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern


def test_no_page_of_the_app_is_exempt_from_csrf():
    exempt = [
        str(p.pattern) for p in _views(get_resolver().url_patterns)
        if getattr(p.callback, "csrf_exempt", False)
    ]

    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    # The bookmarklet posts from another site, where no CSRF token can be had; a per-owner
    # secret in its address stands in (tests/postings/test_bookmarklet.py).
    assert exempt == ["capture/<str:token>/"]


@pytest.mark.django_db
def test_the_upload_pages_still_check_csrf(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    for name in ("import", "your-data"):
        response = client.post(reverse(name), {})
        assert response.status_code == 403, name


# Databases -------------------------------------------------------------------------


def test_the_suite_runs_on_the_database_that_database_url_names():
    # `make test` runs the suite twice; this proves the second run really is PostgreSQL.
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"

    assert connection.vendor == expected


def test_without_database_url_it_is_sqlite_in_the_data_folder(monkeypatch, tmp_path):
    db = settings_with(monkeypatch, tmp_path)["DATABASES"]["default"]

    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert db["NAME"] == str(tmp_path.resolve() / "followthrough.sqlite3")
    assert db["OPTIONS"]["timeout"] == 20
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_sqlite_connections_really_use_wal_and_wait_for_the_lock(
    monkeypatch, tmp_path, django_db_blocker
):
    db = settings_with(monkeypatch, tmp_path)["DATABASES"]["default"]
    probe_connection = ConnectionHandler({"default": db})["default"]
    # A database file of its own, outside the test database pytest-django guards.
    with django_db_blocker.unblock():
        with probe_connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            journal_mode = cursor.fetchone()[0]
            cursor.execute("PRAGMA busy_timeout")
            busy_timeout = cursor.fetchone()[0]
        probe_connection.close()

    assert journal_mode == "wal"
    assert busy_timeout == 20_000


def test_database_url_switches_to_postgresql(monkeypatch, tmp_path):
    url = "postgres://seeker:s3cret@127.0.0.1:54329/followthrough"
    db = settings_with(monkeypatch, tmp_path, DATABASE_URL=url)["DATABASES"]["default"]

    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("followthrough", "seeker", "s3cret")
    assert (db["HOST"], db["PORT"]) == ("127.0.0.1", 54329)
    assert "init_command" not in db.get("OPTIONS", {})


def test_a_sqlite_database_url_keeps_the_sqlite_tuning(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path}/elsewhere.sqlite3"
    db = settings_with(monkeypatch, tmp_path, DATABASE_URL=url)["DATABASES"]["default"]

    assert db["NAME"] == f"{tmp_path}/elsewhere.sqlite3"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]


# Secrets and debug ------------------------------------------------------------------


def test_the_secret_key_is_made_once_per_install_and_kept_private(monkeypatch, tmp_path):
    first = settings_with(monkeypatch, tmp_path)["SECRET_KEY"]
    second = settings_with(monkeypatch, tmp_path)["SECRET_KEY"]

    assert first == second
    assert len(first) >= 50
    keyfile = tmp_path / "secret_key"
    assert stat.S_IMODE(keyfile.stat().st_mode) == 0o600


def test_secret_key_from_the_environment_wins(monkeypatch, tmp_path):
    loaded = settings_with(monkeypatch, tmp_path, SECRET_KEY="from-the-environment")

    assert loaded["SECRET_KEY"] == "from-the-environment"


def test_debug_is_off_unless_asked_for(monkeypatch, tmp_path):
    monkeypatch.delenv("FOLLOWTHROUGH_DEBUG", raising=False)

    assert settings_with(monkeypatch, tmp_path)["DEBUG"] is False
    assert settings_with(monkeypatch, tmp_path, FOLLOWTHROUGH_DEBUG="1")["DEBUG"] is True


def test_a_malformed_yes_no_value_fails_loudly_with_its_name(monkeypatch, tmp_path):
    from followthrough.config import ConfigError

    with pytest.raises(ConfigError, match="FOLLOWTHROUGH_DEBUG"):
        settings_with(monkeypatch, tmp_path, FOLLOWTHROUGH_DEBUG="maybe")
