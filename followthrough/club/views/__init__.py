"""The club's pages, in hosted mode only; every object comes through ``services.groups``.

``member_of`` and ``led_by`` raise a 404 for anyone outside the group (or not
leading it), the same 404 as for a group that does not exist.
"""

from __future__ import annotations

import functools

from django.http import Http404

from ..services import hosted


def hosted_only(view):
    """A 404 on a local install: the club needs accounts, and a local install has one user."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not hosted():
            raise Http404("No such page.")
        return view(request, *args, **kwargs)

    return wrapper
