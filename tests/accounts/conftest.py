"""Hosted mode, for a test: the settings FOLLOWTHROUGH_HOSTED=1 gives, bar TLS.

The personas: Hana the host, Ada and Olive, two members with accounts.
"""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from followthrough.accounts import modes
from followthrough.tracker.services.owners import workspace_for

PASSWORD = "a long passphrase 42"
HOST = "club.example.org"


@pytest.fixture
def hosted(settings):
    """Hosted mode's middleware and hosts; plain HTTP (the proxy's TLS is not here), and
    a fast hasher (Argon2 is the real one: test_hosted_settings checks it)."""
    return hosted_settings(settings)


def hosted_settings(settings):
    """What the ``hosted`` fixture sets, for other test packages' fixtures (the club's)."""
    settings.FOLLOWTHROUGH_HOSTED = True
    settings.MIDDLEWARE = modes.middleware(hosted=True)
    settings.AXES_ENABLED = True
    settings.ALLOWED_HOSTS = [HOST, "testserver"]
    settings.FOLLOWTHROUGH_BASE_URL = f"https://{HOST}"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


def member(email: str, password: str = PASSWORD):
    user = get_user_model().objects.create_user(email, email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    workspace_for(user)
    return user


@pytest.fixture
def ada(db, hosted):
    return member("ada@example.org")


@pytest.fixture
def olive(db, hosted):
    return member("olive@example.org")


def sign_in(client, email: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})
