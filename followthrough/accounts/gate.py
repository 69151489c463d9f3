"""Sign-up is by invitation only: the gate allauth's adapter asks.

An invitation is a token kept in the session under ``SESSION_KEY`` by whoever
handed it out (a group's link, an email invite) before sending the visitor to
allauth's sign-up page (url name ``account_signup``). Sign-up is open iff the
session holds a token and one of the registered checks accepts it.

Apps that invite register a check in their ``AppConfig.ready``::

    from followthrough.accounts import gate
    gate.register(my_invitations.is_valid)   # Callable[[str], bool]

This module imports nothing of Django's so that any app can use it.
"""

from __future__ import annotations

from collections.abc import Callable

SESSION_KEY = "signup_invitation"

INVITATION_CHECKS: list[Callable[[str], bool]] = []

# What an invitation opens, in a few words for the sign-in and sign-up pages
# ("Tuesday job club, spring class"); ``None`` from a describer that does not know it.
INVITATION_DESCRIBERS: list[Callable[[str], str | None]] = []


def register(check: Callable[[str], bool]) -> Callable[[str], bool]:
    """Add a check (once; registering it again changes nothing). Returns it, to decorate."""
    if check not in INVITATION_CHECKS:
        INVITATION_CHECKS.append(check)
    return check


def describe_with(describer: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """Add a describer (once). Returns it, to decorate."""
    if describer not in INVITATION_DESCRIBERS:
        INVITATION_DESCRIBERS.append(describer)
    return describer


def waiting_for(request) -> str:
    """What the session's invitation opens ("" when none, or none that is still good)."""
    token = token_of(request)
    if not token:
        return ""
    for describer in INVITATION_DESCRIBERS:
        found = describer(token)
        if found:
            return found
    return ""


def token_of(request) -> str:
    """The invitation token the session holds, or ``""``."""
    token = request.session.get(SESSION_KEY, "")
    return token if isinstance(token, str) else ""


def is_open(request) -> bool:
    """True when the session holds an invitation that a registered check accepts."""
    token = token_of(request)
    return bool(token) and any(check(token) for check in INVITATION_CHECKS)
