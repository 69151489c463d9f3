"""The digest's settings page: on/off, hour, address; and a test send."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import owner_zone

from . import services
from .forms import DigestForm

NO_MAIL_SERVER = (
    "The digest cannot be switched on yet: there is no mail server to send it from."
    " Set EMAIL_HOST (with EMAIL_PORT, EMAIL_HOST_USER and EMAIL_HOST_PASSWORD if your"
    " provider asks for them) where you start `followthrough serve`, restart it, and"
    " switch the digest on again."
)


def digest_settings(request: HttpRequest) -> HttpResponse:
    digest = services.settings_for(request.user)
    initial = {"enabled": digest.enabled, "hour": str(digest.hour), "address": digest.address}
    form = DigestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if form.changes()["enabled"] and not settings.EMAIL_HOST:
                raise InputError(NO_MAIL_SERVER, "enabled")
            services.update_settings(request.user, **form.changes())
        except InputError as error:
            form.show(error)
        else:
            messages.success(request, "Digest settings saved.")
            return redirect("digest-settings")
    return render(
        request,
        "digest/settings.html",
        {
            "form": form,
            "digest": digest,
            "time_zone": str(owner_zone(request.user)),
            "smtp_host": settings.EMAIL_HOST,
        },
        status=400 if form.errors else 200,
    )


@require_POST
def digest_test(request: HttpRequest) -> HttpResponse:
    """Send today's digest now, without marking it sent, to check the mail settings."""
    try:
        address = services.send_test(request.user, timezone.now())
    except InputError as error:
        messages.error(request, str(error))
    else:
        where = "sent" if settings.EMAIL_HOST else "printed to the console (EMAIL_HOST is not set)"
        messages.success(request, f"A test digest to {address} was {where}.")
    return redirect("digest-settings")
