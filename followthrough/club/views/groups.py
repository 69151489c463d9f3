"""Your groups, a new group, a group's page, leaving, and joining by link."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from followthrough.accounts import gate
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import today_for

from ..forms import GroupForm, JoinForm
from ..models import BuddyProposal
from ..services import groups, mail, sharing
from ..services import messages as inbox
from ..signals import accept_pending
from . import hosted_only


@hosted_only
def club(request: HttpRequest) -> HttpResponse:
    joined = accept_pending(request, request.user)
    if joined is not None:
        messages.success(request, f"You joined {joined.group.name}.")
    return render(request, "club/index.html", {
        "memberships": groups.memberships_of(request.user),
        "inbox": inbox.recent_for(request.user),
        "mail_ready": mail.mail_ready(),
    })


@hosted_only
def group_add(request: HttpRequest) -> HttpResponse:
    form = GroupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            group = groups.create_group(request.user, **form.cleaned_data)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{group.name} is ready: invite its members.")
            return redirect("club-dashboard", group.pk)
    return render(request, "club/group_form.html", {"form": form},
                  status=400 if form.errors else 200)


@hosted_only
def group(request: HttpRequest, pk: int) -> HttpResponse:
    membership = groups.member_of(request.user, pk)
    others = membership.group.memberships.exclude(pk=membership.pk).select_related("member")
    asked = set(BuddyProposal.objects.filter(source=membership).values_list("target_id", flat=True))
    return render(request, "club/group.html", {
        "membership": membership,
        "group": membership.group,
        "is_leader": membership.group.leader_id == request.user.pk,
        "others": others,
        "asked": asked,
        "proposals": BuddyProposal.objects.filter(target=membership).select_related("source"),
        "consents": sharing.consents_of(membership),
    })


@hosted_only
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    membership = groups.member_of(request.user, pk)
    if request.method == "POST":
        try:
            groups.leave(membership)
        except InputError as error:
            messages.error(request, str(error))
            return redirect("club-group", pk)
        messages.success(request, f"You left {membership.group.name}. Your own data is as it was.")
        return redirect("club")
    return render(request, "club/leave.html", {"membership": membership,
                                               "group": membership.group})


def _ways_in() -> tuple[str, str]:
    """allauth's sign-up and log-in pages, each going on to the club page once in (where
    the new membership shows)."""
    after = "?" + urlencode({"next": reverse("club")}, safe="/")
    return reverse("account_signup") + after, reverse("account_login") + after


HEADLINES = {
    groups.TokenProblem.UNKNOWN: "This link does not open a group",
    groups.TokenProblem.USED: "This invitation was already used",
    groups.TokenProblem.EXPIRED: "This invitation has expired",
}


@login_not_required  # the way in for someone who has no account yet
@hosted_only
def join(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation link: signed in, a confirmation (POST joins); not signed in, the token
    waits in the session (``gate.SESSION_KEY``, which opens allauth's sign-up) while the
    visitor signs up or logs in, then joins (``signals``). A token that opens nothing says
    why, and leaves sign-up closed."""
    found = groups.check_token(token)
    if isinstance(found, str):
        if gate.token_of(request) == token:
            del request.session[gate.SESSION_KEY]
        return render(request, "club/join.html", {
            "headline": HEADLINES[found], "problem": groups.PROBLEMS[found],
        }, status=404)
    group = found[0]
    if not request.user.is_authenticated:
        request.session[gate.SESSION_KEY] = token
        signup, login = _ways_in()
        return render(request, "club/join.html", {"group": group, "signup": signup,
                                                  "login": login, "anonymous": True})
    already = group.memberships.filter(member=request.user).first()
    if already is not None:
        return redirect("club-group", group.pk)
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = groups.join(request.user, token, form.cleaned_data["display_name"])
        except InputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"You joined {group.name}. Nothing you record is shared "
                             "until you choose to share it.")
            return redirect("club-sharing", membership.group_id)
    return render(request, "club/join.html", {"group": group, "form": form, "token": token,
                                              "today": today_for(request.user)})


@hosted_only
@require_POST
def message_read(request: HttpRequest, pk: int) -> HttpResponse:
    inbox.mark_read(request.user, pk)
    return redirect(_next(request, reverse("club")))


def _next(request: HttpRequest, default: str) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default
