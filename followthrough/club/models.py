"""A job club: a group with a leader, its members, buddies, and what each member shares.

Consent is a row: a ``Consent`` (weekly numbers, or landed) or a ``SharedItem``
(one person, one interaction) exists while shared and is deleted when revoked,
so revoking is immediate and "since when" is its ``created_at``. Nothing else a
member records is read by anyone else.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

User = settings.AUTH_USER_MODEL


def new_token() -> str:
    """43 URL-safe characters (256 random bits): an invitation nobody can guess."""
    return secrets.token_urlsafe(32)


class Group(models.Model):
    """A job networking group or a class ("Tuesday job club, spring class")."""

    name = models.CharField(max_length=120)
    starts_on = models.DateField(null=True, blank=True)
    weeks = models.PositiveSmallIntegerField(
        default=8, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    leader = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    # The group link: whoever has it may join; renewing it stops the old one.
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user in a group, under the name they chose for it, and their buddy there."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    member = models.ForeignKey(User, on_delete=models.CASCADE, related_name="club_memberships")
    display_name = models.CharField(max_length=100)
    joined_at = models.DateTimeField(auto_now_add=True)
    buddy = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    buddy_since = models.DateTimeField(null=True, blank=True)
    # The people in the member's own workspace who stand for the leader and the
    # buddy (tagged "job club"): the member's landed thanks reach them. Theirs to keep.
    leader_person = models.ForeignKey(
        "tracker.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    buddy_person = models.ForeignKey(
        "tracker.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["display_name", "id"]
        constraints = [
            models.UniqueConstraint("group", "member", name="club_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} in {self.group_id}"


class Audience(models.TextChoices):
    BUDDY = "buddy", "your buddy"
    LEADER = "leader", "the leader"


class Topic(models.TextChoices):
    WEEK = "week", "Your weekly numbers"
    LANDED = "landed", "That you landed, and the new role"


class Consent(models.Model):
    """The member shares ``topic`` with ``audience`` in this group, since ``created_at``."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="consents")
    audience = models.CharField(max_length=8, choices=Audience.choices)
    topic = models.CharField(max_length=8, choices=Topic.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "membership", "audience", "topic", name="club_consent_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} shares {self.topic} with {self.audience}"


class SharedItem(models.Model):
    """One person or one interaction of the member's, shared with ``audience``."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="shared_items"
    )
    audience = models.CharField(max_length=8, choices=Audience.choices)
    person = models.ForeignKey(
        "tracker.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    interaction = models.ForeignKey(
        "tracker.Interaction", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False, interaction__isnull=True)
                | models.Q(person__isnull=True, interaction__isnull=False),
                name="club_shared_item_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return f"Item {self.pk} shared with {self.audience}"


class Invitation(models.Model):
    """An email invitation to a group: one use, by whoever opens the link."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True, default=new_token)
    invited_by = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Invitation to {self.group_id} for {self.email}"


class BuddyProposal(models.Model):
    """A member asks another member of the group to be search buddies."""

    source = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="proposals")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("source", "target", name="club_proposal_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} asks {self.target_id}"


class MessageKind(models.TextChoices):
    ENCOURAGEMENT = "encouragement", "A note from your buddy"
    LANDED = "landed", "News: landed"
    CLASS = "class", "From the leader"


class Message(models.Model):
    """An in-app note to one user (also mailed when mail is set up)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    sender_name = models.CharField(max_length=100)
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="club_messages")
    kind = models.CharField(max_length=16, choices=MessageKind.choices)
    text = models.TextField(max_length=2000)
    # The same news is told once (``landed:<opportunity>``); blank for notes.
    key = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                "recipient", "key", condition=~models.Q(key=""), name="club_message_key_unique"
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="club_message_unread")]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient_id}"

    @property
    def headline(self) -> str:
        if self.kind == MessageKind.LANDED:
            return f"{self.sender_name} landed"
        if self.kind == MessageKind.ENCOURAGEMENT:
            return f"A note from {self.sender_name}, your buddy"
        return f"From {self.sender_name}"
