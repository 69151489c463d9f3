"""The tracker's web pages: thin views over ``followthrough.tracker.services``.

Each view fetches what it needs through ``access.get_owned`` (an outsider gets
404), validates a form, calls one service function and redirects or renders.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect


def next_url(request: HttpRequest, fallback: str) -> str:
    """The ``next`` parameter if it points back into this site, else ``fallback``."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def go(request: HttpRequest, url: str) -> HttpResponse:
    """Redirect; for an htmx request, make the browser load the page (and its messages)."""
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)
