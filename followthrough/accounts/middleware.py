"""Local mode has no accounts: their pages are not there."""

from __future__ import annotations

from django.http import Http404

PREFIX = "/accounts/"


class NoAccountsLocallyMiddleware:
    """404 for allauth's pages on a local install (its one owner has no password)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(PREFIX):
            raise Http404("Local mode has no accounts.")
        return self.get_response(request)
