"""A member's pages: what they share, their buddy's page, pairing by invitation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from followthrough.tracker.models import Interaction, Person
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import today_for

from ..forms import ConsentForm, NoteForm
from ..models import Audience
from ..services import buddies, groups, mail, sharing, weeks
from ..services import messages as inbox
from . import hosted_only

RECENT = 30


@hosted_only
def sharing_page(request: HttpRequest, pk: int) -> HttpResponse:
    membership = groups.member_of(request.user, pk)
    consents = sharing.consents_of(membership)
    form = ConsentForm(request.POST if request.method == "POST" else None, initial={
        "shared": [f"{a}:{t}" for a, t in consents]
    })
    if request.method == "POST" and form.is_valid():
        sharing.set_consents(membership, form.pairs())
        messages.success(request, "Saved: they see exactly what is ticked, from now on.")
        return redirect("club-sharing", pk)
    owner = request.user
    return render(request, "club/sharing.html", {
        "membership": membership,
        "group": membership.group,
        "form": form,
        "consents": consents,
        "items": [(i, sharing.describe(i)) for i in membership.shared_items.select_related(
            "person", "person__organization", "interaction")],
        "people": Person.objects.filter(owner=owner).order_by("-updated_at", "-id")[:RECENT],
        "interactions": Interaction.objects.filter(owner=owner)[:RECENT],
        "audiences": Audience.choices,
        "leader_name": groups.leader_name(membership.group),
    })


@hosted_only
@require_POST
def share_item(request: HttpRequest, pk: int) -> HttpResponse:
    membership = groups.member_of(request.user, pk)
    audience = request.POST.get("audience", "")
    try:
        if request.POST.get("person"):
            sharing.share_person(membership, audience, request.POST["person"])
        elif request.POST.get("interaction"):
            sharing.share_interaction(membership, audience, request.POST["interaction"])
        else:
            raise InputError("Choose a person or a conversation to share.", "person")
    except InputError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Shared, from now on. Remove it any time.")
    return redirect("club-sharing", pk)


@hosted_only
@require_POST
def unshare_item(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    membership = groups.member_of(request.user, pk)
    sharing.unshare(membership, item)
    messages.success(request, "No longer shared.")
    return redirect("club-sharing", pk)


@hosted_only
def buddy(request: HttpRequest, pk: int) -> HttpResponse:
    """The partner's week (as shared) beside the member's own, and a note to send."""
    membership = groups.member_of(request.user, pk)
    today = today_for(request.user)
    partner = membership.buddy
    view = sharing.view_of(request.user, partner, today) if partner else None
    return render(request, "club/buddy.html", {
        "membership": membership,
        "group": membership.group,
        "partner": partner,
        "view": view,
        "mine": weeks.week_of(request.user, today),
        "form": NoteForm(),
        "today": today,
        "mail_ready": mail.mail_ready(),
    })


@hosted_only
@require_POST
def buddy_note(request: HttpRequest, pk: int) -> HttpResponse:
    membership = groups.member_of(request.user, pk)
    form = NoteForm(request.POST)
    try:
        if not form.is_valid():
            raise InputError("Write a few words (2,000 characters at most).", "text")
        inbox.send_note(membership, form.cleaned_data["text"])
    except InputError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Sent to {membership.buddy.display_name}.")
    return redirect("club-buddy", pk)


@hosted_only
@require_POST
def buddy_propose(request: HttpRequest, pk: int) -> HttpResponse:
    membership = groups.member_of(request.user, pk)
    try:
        proposal = buddies.propose(membership, request.POST.get("member"))
    except InputError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Asked {proposal.target.display_name}: once they accept, "
                         "you are buddies.")
    return redirect("club-group", pk)


@hosted_only
@require_POST
def buddy_accept(request: HttpRequest, pk: int, proposal: int) -> HttpResponse:
    membership = groups.member_of(request.user, pk)
    try:
        buddies.accept(membership, proposal)
    except InputError as error:
        messages.error(request, str(error))
        return redirect("club-group", pk)
    messages.success(request, "You are search buddies now. Choose what you share with each other.")
    return redirect("club-sharing", pk)


@hosted_only
@require_POST
def buddy_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = groups.member_of(request.user, pk)
    buddies.end(membership)
    messages.success(request, "You are no longer buddies in this group; nothing is shared "
                     "between you any more.")
    return redirect("club-group", pk)
