"""The club's services: every function takes the acting user and checks their right to act."""

from __future__ import annotations

from django.conf import settings


def hosted() -> bool:
    """The club exists only on a hosted instance (many users); a local install has one."""
    return bool(getattr(settings, "FOLLOWTHROUGH_HOSTED", False))


def default_name(user) -> str:
    """How a member is named in a group until they choose: their name, or their address's
    part before the @ (never the whole address: other members need not learn it)."""
    full = (user.get_full_name() or "").strip()
    if full:
        return full[:100]
    email = (getattr(user, "email", "") or user.get_username() or "").strip()
    return (email.split("@")[0] or "A member")[:100]
