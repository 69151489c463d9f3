"""Accounts made by the host (``followthrough user``): the first one, and any other.

An account made here has a verified address and no password yet: its owner sets
one through a one-time link (allauth's password-reset page), valid for
``PASSWORD_RESET_TIMEOUT`` (3 days) and spent once a password is set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse

from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import LOCAL_USERNAME, workspace_for

from . import invitations


@dataclass(frozen=True)
class Account:
    email: str
    joined: dt.date
    last_login: dt.datetime | None
    two_factor: bool

    def as_json(self) -> dict:
        """ISO days and times, for scripts."""
        return {
            "email": self.email,
            "joined": self.joined.isoformat(),
            "last_login": (
                self.last_login.isoformat(timespec="minutes") if self.last_login else None
            ),
            "two_factor": self.two_factor,
        }


def clean_address(email: str) -> str:
    """The address, trimmed and lower-cased; ``InputError`` if it is not one."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InputError(f"{email!r} is not an email address, e.g. ada@example.org.") from None
    return email


def add_account(email: str):
    """A new account with this (verified) address, its workspace, and no password yet."""
    email = clean_address(email)
    user_model = get_user_model()
    with transaction.atomic():
        if EmailAddress.objects.filter(email__iexact=email).exists() or (
            user_model.objects.filter(email__iexact=email).exists()
        ):
            raise InputError(
                f"{email} already has an account; `followthrough user link {email}`"
                " makes a new set-password link."
            )
        user = user_model(username=_username_for(email), email=email)
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    workspace_for(user)
    return user


def _username_for(email: str) -> str:
    """Django's user needs a unique user name; the address is one (never "local")."""
    name = email[:150]
    return name if name != LOCAL_USERNAME else f"{name}-1"


def find_account(email: str):
    found = get_user_model().objects.filter(email__iexact=clean_address(email)).first()
    if found is None:
        raise InputError(
            f"no account has the address {email}; `followthrough user list` lists them."
        )
    return found


def password_link(user) -> str:
    """A one-time link to allauth's set-a-new-password page for this account."""
    key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    return settings.FOLLOWTHROUGH_BASE_URL + path.replace("UID-KEY", key)


def invitation_link(email: str) -> str:
    """A sign-up link for this address, good for 14 days or one account."""
    email = clean_address(email)
    if EmailAddress.objects.filter(email__iexact=email).exists():
        raise InputError(f"{email} already has an account; there is no one to invite.")
    token = invitations.make(email)
    return settings.FOLLOWTHROUGH_BASE_URL + reverse("account-invitation", args=[token])


def accounts() -> list[Account]:
    from allauth.mfa.models import Authenticator

    with_totp = set(
        Authenticator.objects.filter(type=Authenticator.Type.TOTP).values_list("user_id", flat=True)
    )
    users = get_user_model().objects.exclude(username=LOCAL_USERNAME).order_by("date_joined")
    return [
        Account(
            email=user.email,
            joined=user.date_joined.date(),
            last_login=user.last_login,
            two_factor=user.pk in with_totp,
        )
        for user in users
    ]


def clear_sessions() -> int:
    """Delete the sessions that have ended (expired or abandoned sign-ins); how many.

    Django deletes a session when its member signs out, but one that simply expired
    stays in the table until cleared: ``followthrough user clear-sessions``, daily.
    """
    from importlib import import_module

    from django.utils import timezone

    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = store.get_model_class().objects.filter(expire_date__lt=timezone.now()).count()
    store.clear_expired()
    return ended
