"""The leader's pages: the class at a glance, the weekly class summary, invitations,
pairing, handing leadership over. No ranking: members are listed by name."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from followthrough.tracker.dates import day
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import today_for

from ..forms import InviteForm
from ..models import Membership
from ..services import buddies, classroom, groups, mail
from ..services import messages as inbox
from . import hosted_only


@hosted_only
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    group = groups.led_by(request.user, pk)
    today = today_for(request.user)
    rows = classroom.rows(request.user, group, today)
    return render(request, "club/dashboard.html", {
        "group": group,
        "rows": rows,
        "today": today,
        "week": classroom.class_week(group, today),
        "invite_form": InviteForm(),
        "invitations": group.invitations.filter(accepted_at__isnull=True)[:20],
        "link": mail.link("club-join", group.token),
        "unpaired": [r.membership for r in rows if r.membership.buddy_id is None],
        "pairs": classroom.pairs(rows),
    })


@hosted_only
def class_summary(request: HttpRequest, pk: int) -> HttpResponse:
    group = groups.led_by(request.user, pk)
    today = today_for(request.user)
    summary = classroom.summary(request.user, group, today)
    return render(request, "club/summary.html", {
        "group": group, "summary": summary, "text": classroom.summary_text(summary),
        "subject": f"{group.name}: the week of {day(summary.start)}",
        "mail_ready": mail.mail_ready(),
    })


@hosted_only
@require_POST
def send_summary(request: HttpRequest, pk: int) -> HttpResponse:
    group = groups.led_by(request.user, pk)
    try:
        sent = inbox.send_to_class(group, request.user, request.POST.get("text", ""))
    except InputError as error:
        messages.error(request, str(error))
        return redirect("club-summary", pk)
    how = " and by mail" if mail.mail_ready() else ""
    messages.success(request, f"Sent to {len(sent)} member{'s' if len(sent) != 1 else ''} "
                     f"on their Today page{how}.")
    return redirect("club-dashboard", pk)


@hosted_only
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    group = groups.led_by(request.user, pk)
    form = InviteForm(request.POST)
    try:
        if not form.is_valid():
            raise InputError("emails: give at least one email address.", "emails")
        made = groups.invite(group, request.user, form.cleaned_data["emails"])
    except InputError as error:
        messages.error(request, str(error))
    else:
        how = "mailed" if mail.mail_ready() else "ready: copy each link below"
        messages.success(request, f"{len(made)} invitation{'s' if len(made) != 1 else ''} {how}.")
    return redirect("club-dashboard", pk)


@hosted_only
@require_POST
def renew_link(request: HttpRequest, pk: int) -> HttpResponse:
    groups.renew_link(groups.led_by(request.user, pk))
    messages.success(request, "A new group link: the old one no longer works.")
    return redirect("club-dashboard", pk)


@hosted_only
@require_POST
def pair(request: HttpRequest, pk: int) -> HttpResponse:
    group = groups.led_by(request.user, pk)
    chosen = Membership.objects.filter(
        group=group, pk__in=[request.POST.get("first") or 0, request.POST.get("second") or 0]
    ).select_related("group", "member")
    try:
        if len(chosen) != 2:
            raise InputError("Choose two different members to pair.", "first")
        first, second = chosen
        buddies.pair(first, second, by_leader=True)
    except InputError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{first.display_name} and {second.display_name} are buddies.")
    return redirect("club-dashboard", pk)


@hosted_only
def handover(request: HttpRequest, pk: int) -> HttpResponse:
    group = groups.led_by(request.user, pk)
    if request.method == "POST":
        try:
            successor = groups.hand_over(group, request.POST.get("member"))
        except InputError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{successor.display_name} leads {group.name} now.")
            return redirect("club-group", pk)
    return render(request, "club/handover.html", {
        "group": group,
        "members": group.memberships.exclude(member=request.user),
    })
