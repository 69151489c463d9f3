"""What django-axes counts failed sign-ins against: the address typed in."""

from __future__ import annotations


def username(request, credentials: dict | None) -> str:
    """The sign-in address (allauth passes ``email``; its form field is ``login``),
    lower-cased so ``Ada@`` and ``ada@`` share one count."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None:
        value = request.POST.get("login", "")
    return str(value or "").strip().lower()
