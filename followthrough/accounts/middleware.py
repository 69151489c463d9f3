"""Local mode has no accounts: their pages are not there. Hosted mode asks for a
sign-in on every page, htmx requests included."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

PREFIX = "/accounts/"


class NoAccountsLocallyMiddleware:
    """404 for allauth's pages on a local install (its one owner has no password)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(PREFIX):
            raise Http404("Local mode has no accounts.")
        return self.get_response(request)


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Django's: every page needs a signed-in account, except those marked
    ``login_not_required``; and an htmx request answered with htmx's own redirect.

    A session can end while a page is open (it expired, or was signed out elsewhere).
    htmx follows a plain 302 itself and would swap the sign-in page into the fragment
    it asked for (a task's row, the log form); ``HX-Redirect`` makes it load the
    sign-in page in the whole window instead, coming back afterwards to the page the
    member was on (htmx's ``HX-Current-URL``), not to the fragment's address.
    """

    def handle_no_permission(self, request, view_func):
        response = super().handle_no_permission(request, view_func)
        if request.headers.get("HX-Request") != "true":
            return response
        login = redirect_to_login(
            _page_of(request), resolve_url(self.get_login_url(view_func)),
            self.get_redirect_field_name(view_func),
        )
        return HttpResponseClientRedirect(login["Location"])


def _page_of(request) -> str:
    """The path (and query) of the page the htmx request came from, when it is ours;
    else the request's own."""
    current = request.headers.get("HX-Current-URL", "")
    if not current:
        return request.get_full_path()
    if not url_has_allowed_host_and_scheme(current, {request.get_host()}):
        return "/"
    parts = urlsplit(current)
    return parts.path + (f"?{parts.query}" if parts.query else "") or "/"
