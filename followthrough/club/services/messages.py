"""In-app messages: a buddy's note of encouragement, landing news, the leader's word."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from followthrough.tracker.services.errors import InputError

from ..models import Audience, Consent, Membership, Message, MessageKind, Topic
from . import mail, weeks

MAX_TEXT = 2000


def send_note(membership: Membership, text: str) -> Message:
    """A note of encouragement from a member to their buddy (mailed too when set up)."""
    text = (text or "").strip()
    if not text:
        raise InputError("text: write a few words for your buddy.", "text")
    if len(text) > MAX_TEXT:
        raise InputError(f"text: {MAX_TEXT} characters at most.", "text")
    if membership.buddy is None:
        raise InputError("You have no buddy in this group yet.", "text")
    message = Message.objects.create(
        group=membership.group, sender=membership.member, sender_name=membership.display_name,
        recipient=membership.buddy.member, kind=MessageKind.ENCOURAGEMENT, text=text,
    )
    mail.send_message(message)
    return message


def send_to_class(group, leader, text: str) -> list[Message]:
    """The leader's word to every member (the weekly class summary, edited), in-app and
    mailed when mail is set up."""
    text = (text or "").strip()
    if not text:
        raise InputError("text: the message is empty.", "text")
    if len(text) > MAX_TEXT:
        raise InputError(f"text: {MAX_TEXT} characters at most.", "text")
    name = Membership.objects.filter(group=group, member=leader).values_list(
        "display_name", flat=True
    ).first() or "The leader"
    sent = []
    for membership in group.memberships.exclude(member=leader).select_related("member"):
        message = Message.objects.create(
            group=group, sender=leader, sender_name=name, recipient=membership.member,
            kind=MessageKind.CLASS, text=text,
        )
        mail.send_message(message)
        sent.append(message)
    return sent


def unread_for(user, limit: int = 5) -> list[Message]:
    return list(
        Message.objects.filter(recipient=user, read_at__isnull=True)
        .select_related("group")[:limit]
    )


def recent_for(user, limit: int = 20) -> list[Message]:
    return list(Message.objects.filter(recipient=user).select_related("group")[:limit])


def mark_read(user, message_id) -> None:
    """Mark the user's message read (a 404 for anyone else's)."""
    found = Message.objects.filter(recipient=user, pk=message_id)
    if not found.exists():
        raise Http404("No such message.")
    found.filter(read_at__isnull=True).update(read_at=timezone.now())


def announce_landing(member, opportunity_id: int) -> list[Message]:
    """Tell each group's leader and the member's buddy that the member landed, where the
    member shares "landed" with them; once per opportunity and person told."""
    landing = weeks.landing_of(member)
    if landing is None:
        return []
    told = []
    for membership in Membership.objects.filter(member=member).select_related(
        "group", "buddy__member"
    ):
        shared = set(
            Consent.objects.filter(membership=membership, topic=Topic.LANDED)
            .values_list("audience", flat=True)
        )
        whom = set()
        if Audience.LEADER in shared and membership.group.leader_id != member.pk:
            whom.add(membership.group.leader)
        if Audience.BUDDY in shared and membership.buddy is not None:
            whom.add(membership.buddy.member)
        for recipient in whom:
            message = _landed(membership, recipient, landing, opportunity_id)
            if message is not None:
                told.append(message)
    return told


def _landed(membership, recipient, landing, opportunity_id) -> Message | None:
    text = (
        f"{membership.display_name} landed: {landing.label}. "
        "A word of congratulations goes a long way."
    )
    try:
        with transaction.atomic():
            message = Message.objects.create(
                group=membership.group, sender=membership.member,
                sender_name=membership.display_name, recipient=recipient,
                kind=MessageKind.LANDED, text=text,
                key=f"landed:{opportunity_id}:{membership.group_id}",
            )
    except IntegrityError:  # told already
        return None
    mail.send_message(message)
    return message
