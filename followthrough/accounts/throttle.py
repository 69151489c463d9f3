"""What django-axes counts failed sign-ins against: the address typed in, the client."""

from __future__ import annotations

from django.conf import settings


def username(request, credentials: dict | None) -> str:
    """The sign-in address (allauth passes ``email``; its form field is ``login``),
    lower-cased so ``Ada@`` and ``ada@`` share one count."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None:
        value = request.POST.get("login", "")
    return str(value or "").strip().lower()


def client_ip(request) -> str:
    """The client's address: in hosted mode the last hop of X-Forwarded-For, the one the
    proxy in front added (anything before it the client could have written); locally,
    the socket's peer. allauth reads it the same way (ALLAUTH_TRUSTED_PROXY_COUNT = 1)."""
    if settings.FOLLOWTHROUGH_HOSTED:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if hops[-1]:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "")
