"""Shared fixtures: the personas (the seeker who owns the data, an outsider) and a browser."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest
from django.contrib.auth import get_user_model

from followthrough.tracker.services.owners import workspace_for

CHROMIUM = os.environ.get("FOLLOWTHROUGH_CHROMIUM", "/usr/bin/chromium")
TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def owner(db):
    """Sam, the seeker whose data the tests look at."""
    user = get_user_model().objects.create_user("sam")
    workspace_for(user)
    return user


@pytest.fixture
def outsider(db):
    """Olive, another seeker on the same instance, who must never see Sam's data."""
    user = get_user_model().objects.create_user("olive")
    workspace_for(user)
    return user


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def outsider_client(client, outsider):
    client.force_login(outsider)
    return client


@pytest.fixture(scope="session")
def browser():
    """Real Chromium (Debian's), driven by Playwright; skipped loudly when absent."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}; `make test` installs it.")
        pytest.skip(f"Chromium is missing at {CHROMIUM}; run `make test` to install it.")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls
    # made by the tests themselves (outside it) are safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page on the live server, as the local owner sees it."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def small_ids(db):
    """Ids from 1 on PostgreSQL too, for tests whose exact layout depends on id width.

    PostgreSQL's sequences are not rolled back with each test, so ids grow through
    the run; restarting them is safe only for tables that are empty, the ones reset.
    """
    from django.apps import apps
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in apps.get_app_config("tracker").get_models():
            table = model._meta.db_table
            if model._meta.pk.column != "id":  # no sequence (SyncState: one row per owner)
                continue
            if not model.objects.exists():
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), 1, false)", [table]
                )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a rolled-back test's change counters come
    back in the next one, so a forecast cached by change could otherwise be reused."""
    from django.core.cache import cache

    cache.clear()
    yield
