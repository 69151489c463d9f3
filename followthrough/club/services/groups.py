"""Groups: create, join by link or invitation, leave, hand leadership over, invite by mail."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from followthrough.tracker.models import Situation
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import today_for
from followthrough.tracker.services.validators import check_email

from ..models import Group, Invitation, Membership, new_token
from . import default_name, mail
from .people import CLUB_TAG, drop_buddy_tag, person_for


def memberships_of(user):
    return (
        Membership.objects.filter(member=user)
        .select_related("group", "group__leader", "buddy")
        .order_by("group__name", "group_id")
    )


def member_of(user, group_id) -> Membership:
    """The user's membership of group ``group_id``; 404 when they are not in it."""
    found = Membership.objects.filter(member=user, group_id=group_id).select_related(
        "group", "buddy", "buddy__member"
    ).first()
    if found is None:
        raise Http404("No such group.")
    return found


def led_by(user, group_id) -> Group:
    """Group ``group_id`` if ``user`` leads it; 404 otherwise (a member sees no dashboard)."""
    found = Group.objects.filter(pk=group_id, leader=user).first()
    if found is None:
        raise Http404("No such group.")
    return found


@transaction.atomic
def create_group(leader, *, name: str, starts_on=None, weeks: int = 8,
                 display_name: str = "") -> Group:
    name = " ".join((name or "").split())
    if not name:
        raise InputError("name: give the group a name, like “Tuesday job club, spring class”.",
                         "name")
    if not 1 <= int(weeks) <= 52:
        raise InputError("weeks: a class lasts 1 to 52 weeks.", "weeks")
    group = Group.objects.create(name=name[:120], starts_on=starts_on, weeks=weeks, leader=leader)
    Membership.objects.create(
        group=group, member=leader, display_name=(display_name or default_name(leader))[:100]
    )
    return group


INVITATION_DAYS = 14
"""An email invitation to a group works this long (as the host's own invitations do);
the group link works until the leader makes a new one."""


class TokenProblem:
    """Why a token opens nothing, in the words the join page shows."""

    UNKNOWN = "unknown"  # never was a token, or a group link the leader renewed
    USED = "used"  # an email invitation someone already accepted
    EXPIRED = "expired"  # an email invitation older than INVITATION_DAYS


def check_token(token: str) -> tuple[Group, Invitation | None] | str:
    """The group a link or an invitation ``token`` opens, with the invitation (``None`` for
    the group link); or, when it opens nothing, why (a ``TokenProblem``)."""
    token = (token or "").strip()
    if not token or len(token) > 64:
        return TokenProblem.UNKNOWN
    group = Group.objects.filter(token=token).first()
    if group is not None:
        return group, None
    invitation = Invitation.objects.filter(token=token).select_related("group").first()
    if invitation is None:
        return TokenProblem.UNKNOWN
    if invitation.accepted_at is not None:
        return TokenProblem.USED
    if invitation.created_at < timezone.now() - dt.timedelta(days=INVITATION_DAYS):
        return TokenProblem.EXPIRED
    return invitation.group, invitation


def find_invitation(token: str) -> tuple[Group, Invitation | None] | None:
    """The group a link or an invitation ``token`` opens (``None`` when it opens nothing)."""
    found = check_token(token)
    return None if isinstance(found, str) else found


def is_valid_token(token: str) -> bool:
    """For the accounts app's sign-up gate: does ``token`` open a group now?"""
    return find_invitation(token) is not None


def group_name_for(token: str) -> str | None:
    """For the sign-in and sign-up pages: the name of the group ``token`` opens now."""
    found = find_invitation(token)
    return found[0].name if found is not None else None


@transaction.atomic
def join(user, token: str, display_name: str = "") -> Membership:
    """Join the group ``token`` opens; joining twice is joining once. An email invitation
    is claimed with a conditional update, so two people racing for it cannot both use it."""
    found = check_token(token)
    if isinstance(found, str):
        raise InputError(PROBLEMS[found], "token")
    group, invitation = found
    if invitation is not None:
        claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
            accepted_at=timezone.now()
        )
        if not claimed:
            raise InputError(PROBLEMS[TokenProblem.USED], "token")
    membership, created = Membership.objects.get_or_create(
        group=group, member=user,
        defaults={"display_name": (display_name or default_name(user))[:100]},
    )
    if created and group.leader_id != user.pk:
        link_leader(membership)
    return membership


PROBLEMS = {
    TokenProblem.UNKNOWN: "This link does not open a group: the leader may have made a new "
    "group link since. Ask them for the current one.",
    TokenProblem.USED: "This invitation was already used: each one lets one person in. If it "
    "was you, log in; otherwise ask the leader for an invitation of your own.",
    TokenProblem.EXPIRED: f"This invitation has expired (they work for {INVITATION_DAYS} days): "
    "ask the leader for a new one.",
}


def leader_name(group: Group) -> str:
    found = Membership.objects.filter(group=group, member_id=group.leader_id).values_list(
        "display_name", flat=True
    ).first()
    return found or default_name(group.leader)


def link_leader(membership: Membership) -> None:
    """The leader as a person in the member's workspace (tagged "job club")."""
    group = membership.group
    name = leader_name(group)
    membership.leader_person = person_for(
        membership.member, name, how_met=f"Leads {group.name}",
        met_on=today_for(membership.member), situation=Situation.UNKNOWN, tags=(CLUB_TAG,),
    )
    membership.save(update_fields=["leader_person"])


@transaction.atomic
def leave(membership: Membership) -> None:
    """Leave the group: everything shared stops at once; the member's own data stays.

    The leader hands leadership over first (``hand_over``), unless they are alone.
    """
    group = membership.group
    if group.leader_id == membership.member_id:
        if group.memberships.exclude(pk=membership.pk).exists():
            raise InputError("You lead this group: hand leadership to another member first.",
                             "group")
        group.delete()
        return
    partner = membership.buddy
    if partner is not None:
        partner.buddy = None
        partner.buddy_since = None
        partner.save(update_fields=["buddy", "buddy_since"])
        drop_buddy_tag(partner.buddy_person)
    drop_buddy_tag(membership.buddy_person)
    membership.delete()


@transaction.atomic
def hand_over(group: Group, to_membership_id) -> Membership:
    """Make another member the leader; the old leader stays a member."""
    successor = Membership.objects.filter(group=group, pk=to_membership_id).exclude(
        member_id=group.leader_id
    ).select_related("member").first()
    if successor is None:
        raise InputError("member: choose another member of the group.", "member")
    group.leader = successor.member
    group.save(update_fields=["leader"])
    for other in group.memberships.exclude(pk=successor.pk).select_related("member", "group"):
        link_leader(other)
    successor.leader_person = None
    successor.save(update_fields=["leader_person"])
    return successor


def renew_link(group: Group) -> Group:
    group.token = new_token()
    group.save(update_fields=["token"])
    return group


def invite(group: Group, by, text: str) -> list[Invitation]:
    """An invitation per address in ``text`` (one a line, or separated by commas), mailed
    when mail is set up; the leader can copy each link either way."""
    addresses = [a.strip() for a in text.replace(",", "\n").split() if a.strip()]
    if not addresses:
        raise InputError("emails: give at least one email address.", "emails")
    if len(addresses) > 50:
        raise InputError("emails: 50 addresses at a time at most.", "emails")
    for address in addresses:
        check_email(address, "emails")
    made = [Invitation.objects.create(group=group, email=a, invited_by=by) for a in addresses]
    leader_name = Membership.objects.filter(group=group, member=by).values_list(
        "display_name", flat=True
    ).first() or default_name(by)
    for invitation in made:
        mail.send_invitation(invitation, leader_name, INVITATION_DAYS)
    return made
