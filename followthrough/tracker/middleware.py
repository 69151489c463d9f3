"""Local mode: the single owner is signed in; every request runs in the owner's time zone."""

from __future__ import annotations

import zoneinfo

from django.contrib.auth import login
from django.urls import Resolver404, resolve
from django.utils import timezone

from .services.owners import local_owner, workspace_for


def sessionless(view):
    """Mark a view that a program polls with its own credentials (the calendar feed's
    token): no sign-in for it, so no session is made and no cookie is set on each poll."""
    view.sessionless = True
    return view


def _sessionless(request) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return getattr(match.func, "sessionless", False)


class LocalOwnerMiddleware:
    """Sign the local owner in on a local install, which serves loopback only.

    No password: whoever can reach 127.0.0.1 is the person at the keyboard.
    CSRF protection still applies to every form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not _sessionless(request):
            owner = local_owner()
            owner.backend = "django.contrib.auth.backends.ModelBackend"
            login(request, owner)
        return self.get_response(request)


class TimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(workspace_for(request.user).time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        return self.get_response(request)
