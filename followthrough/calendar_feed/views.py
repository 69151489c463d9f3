"""The calendar pages: the feed itself (by token, no sign-in), its settings page, one interview."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from followthrough.tracker.access import get_owned
from followthrough.tracker.middleware import sessionless
from followthrough.tracker.models import INTERVIEW_KINDS, Interaction
from followthrough.tracker.services.owners import today_for

from . import services

CALENDAR_TYPE = "text/calendar; charset=utf-8"
LOOPBACK = {"127.0.0.1", "localhost", "[::1]"}


def _base_url(request: HttpRequest) -> str:
    """Links in the feed point back to the address the feed was read from."""
    return request.build_absolute_uri("/").rstrip("/")


def _ics(cal, filename: str, disposition: str = "inline") -> HttpResponse:
    response = HttpResponse(cal.to_ical(), content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    # The URL is the secret: keep the feed out of shared caches.
    response["Cache-Control"] = "private, no-cache"
    return response


@login_not_required  # hosted mode: a calendar program polls it with the token alone
@sessionless
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The owner's feed; an unknown or revoked token is a plain 404, the same for both."""
    owner = services.owner_for_token(token)
    if owner is None:
        raise Http404("No such calendar.")
    cal = services.build_feed(owner, today_for(owner), base_url=_base_url(request))
    return _ics(cal, "followthrough.ics")


def calendar_page(request: HttpRequest) -> HttpResponse:
    """The feed's URL, how to subscribe to it, and the button that revokes it."""
    token = services.token_for(request.user)
    url = request.build_absolute_uri(reverse("calendar-feed", args=[token.token]))
    return render(
        request,
        "calendar_feed/page.html",
        {
            "token": token,
            "feed_url": url,
            "webcal_url": "webcal://" + url.split("://", 1)[1],
            "loopback": split_domain_port(request.get_host())[0] in LOOPBACK,
        },
    )


@require_POST
def regenerate(request: HttpRequest) -> HttpResponse:
    services.regenerate(request.user)
    messages.success(
        request,
        "New calendar address made. The old one no longer works: subscribe again with this one.",
    )
    return redirect("calendar")


@require_GET
def interview_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One interview as an ``.ics`` file, to add to any calendar."""
    queryset = Interaction.objects.filter(kind__in=INTERVIEW_KINDS).select_related(
        "opportunity__organization"
    )
    interaction = get_owned(Interaction, request.user, pk, queryset=queryset)
    cal = services.interview_calendar(interaction, request.user, _base_url(request))
    return _ics(cal, f"interview-{interaction.occurred_on.isoformat()}.ics", "attachment")
