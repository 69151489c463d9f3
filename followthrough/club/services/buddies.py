"""Search buddies: the leader pairs two members, or a member asks and the other accepts.

A member has at most one buddy per group. Pairing makes each one a person in the
other's workspace (tagged "buddy" and "job club"); when the leader paired them,
the leader introduced them (``Person.introduced_by``), which the landed thanks know.
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from followthrough.tracker.models import Situation
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import today_for

from ..models import BuddyProposal, Membership
from .people import BUDDY_TAG, CLUB_TAG, drop_buddy_tag, person_for


@transaction.atomic
def pair(first: Membership, second: Membership, *, by_leader: bool) -> None:
    if first.pk == second.pk or first.group_id != second.group_id:
        raise InputError("member: choose two different members of the group.", "member")
    for one in (first, second):
        if one.buddy_id is not None:
            end(one)
            one.refresh_from_db()
    now = timezone.now()
    for one, other in ((first, second), (second, first)):
        one.buddy, one.buddy_since = other, now
        introducer = one.leader_person if by_leader else None
        one.buddy_person = person_for(
            one.member, other.display_name, how_met=f"Search buddy in {one.group.name}",
            met_on=today_for(one.member), situation=Situation.SEEKING,
            tags=(BUDDY_TAG, CLUB_TAG), introduced_by=introducer,
        )
        one.save(update_fields=["buddy", "buddy_since", "buddy_person"])
    BuddyProposal.objects.filter(source__in=[first, second]).delete()
    BuddyProposal.objects.filter(target__in=[first, second]).delete()


@transaction.atomic
def end(membership: Membership) -> None:
    """Stop being buddies (either one may); what each shared with the other stops showing."""
    partner = membership.buddy
    for one in (membership, partner):
        if one is None:
            continue
        drop_buddy_tag(one.buddy_person)
        Membership.objects.filter(pk=one.pk).update(buddy=None, buddy_since=None)
    membership.buddy = None


def propose(source: Membership, target_id) -> BuddyProposal:
    target = Membership.objects.filter(group_id=source.group_id, pk=target_id).exclude(
        pk=source.pk
    ).first()
    if target is None:
        raise InputError("member: choose another member of your group.", "member")
    if source.buddy_id is not None:
        raise InputError("You have a buddy in this group already; end that first.", "member")
    proposal, _ = BuddyProposal.objects.get_or_create(source=source, target=target)
    return proposal


def accept(target: Membership, proposal_id) -> None:
    proposal = BuddyProposal.objects.filter(pk=proposal_id, target=target).select_related(
        "source", "source__group", "source__member"
    ).first()
    if proposal is None:  # not to this member, or withdrawn: the same 404
        raise Http404("No such request.")
    pair(proposal.source, target, by_leader=False)
