"""Suggestions on Today: a rejection or an interview invitation read in the mail.

Nothing changes until the seeker accepts: a rejection then moves the
opportunity to rejected and opens the kind let-go thanks; an invitation moves
an early opportunity to interviewing and opens the log, ready for the interview.
Dismissed or accepted, a suggestion never comes back (one per message and opportunity).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.db import transaction
from django.urls import reverse

from followthrough.tracker.dates import day
from followthrough.tracker.models import ACTIVE_STAGES, Stage
from followthrough.tracker.services import opportunities as opportunity_service
from followthrough.tracker.services.owners import today_for

from .models import Suggestion, SuggestionKind, SuggestionStatus

SHOWN = 10
_EARLY = {Stage.LEAD, Stage.APPLIED, Stage.SCREENING}


def open_for(owner):
    return (
        Suggestion.objects.filter(owner=owner, status=SuggestionStatus.OPEN)
        .select_related("opportunity__organization", "person")
        .filter(opportunity__stage__in=list(ACTIVE_STAGES))
    )


def text(suggestion: Suggestion) -> str:
    opp = suggestion.opportunity
    who = suggestion.person.name if suggestion.person else opp.organization.name
    received = day(suggestion.received_on)
    if suggestion.kind == SuggestionKind.REJECTION:
        return (
            f"{who}'s message of {received} reads as a no for {opp.role} "
            f"at {opp.organization.name} (“{suggestion.phrase}”)."
        )
    return (
        f"{who}'s message of {received} reads as an interview invitation "
        f"for {opp.role} at {opp.organization.name} (“{suggestion.phrase}”)."
    )


@transaction.atomic
def accept(owner, suggestion: Suggestion) -> str:
    """Do what the suggestion offers; the address of the page to go on with."""
    assert suggestion.owner_id == owner.pk
    opp = suggestion.opportunity
    on = today_for(owner)
    suggestion.status = SuggestionStatus.ACCEPTED
    suggestion.save(update_fields=["status"])
    today = reverse("today")
    if suggestion.kind == SuggestionKind.REJECTION:
        if opp.stage in ACTIVE_STAGES:
            opportunity_service.move(owner, opp, Stage.REJECTED, on=on)
        person = suggestion.person or opportunity_service.main_contact(opp)
        if person is not None:
            query = urlencode({"template": "let-go", "next": today})
            return f"{reverse('person-draft', args=[person.pk])}?{query}"
        return today
    if opp.stage in _EARLY:
        opportunity_service.move(owner, opp, Stage.INTERVIEWING, on=on)
    params = {"kind": "interview", "opp": opp.pk, "next": today}
    if suggestion.person_id:
        params["person"] = suggestion.person_id
    return f"{reverse('log')}?{urlencode(params)}"


def dismiss(owner, suggestion: Suggestion) -> None:
    assert suggestion.owner_id == owner.pk
    suggestion.status = SuggestionStatus.DISMISSED
    suggestion.save(update_fields=["status"])
