"""The page an emailed invitation link opens."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render

from . import gate, invitations


@login_not_required
def accept_invitation(request, token: str):
    """Keep a valid invitation in the session and go on to sign-up; else say why not."""
    if not invitations.is_valid(token):
        return render(request, "accounts/invitation_invalid.html", status=404)
    request.session[gate.SESSION_KEY] = token
    return redirect("account_signup")
