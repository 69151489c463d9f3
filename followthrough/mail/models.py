"""What mail and calendar sync keep: settings, the messages and events seen, suggestions.

Bodies are never kept; only a snippet when the seeker turns it on. The IMAP
password is in a file in local mode, and sealed per account in hosted mode
(``ImapPassword``): see ``mail.secret``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from followthrough.tracker.models import Interaction, Opportunity, Person

Owner = settings.AUTH_USER_MODEL


class Security(models.TextChoices):
    TLS = "tls", "TLS (port 993)"
    STARTTLS = "starttls", "STARTTLS (port 143)"
    PLAIN = "plain", "None (loopback or testing only)"


class MailSettings(models.Model):
    """One per owner: their own addresses, the snippet switch, the IMAP account."""

    owner = models.OneToOneField(Owner, on_delete=models.CASCADE, related_name="mail_settings")
    my_emails = models.JSONField(default=list, blank=True)
    keep_snippet = models.BooleanField(default=False)
    imap_host = models.CharField(max_length=255, blank=True)
    imap_port = models.PositiveIntegerField(null=True, blank=True)
    imap_user = models.CharField(max_length=255, blank=True)
    imap_security = models.CharField(
        max_length=10, choices=Security.choices, default=Security.TLS, blank=True
    )
    imap_folders = models.JSONField(default=list, blank=True)
    last_sync_at = models.DateTimeField(null=True, blank=True)
    last_sync_ok = models.BooleanField(default=False)
    last_sync_result = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return f"Mail settings of {self.owner}"

    @property
    def imap_configured(self) -> bool:
        return bool(self.imap_host and self.imap_user)


class Direction(models.TextChoices):
    OUTBOUND = "out", "Outbound"
    INBOUND = "in", "Inbound"


class MailMessage(models.Model):
    """A message seen once, by Message-ID: re-imports and re-syncs add nothing.

    ``interaction`` is the one it logged (or matched, when the seeker had logged
    it by hand: ``made`` is then false and mail never changes it); none when no
    known person took part. ``thread`` is the first Message-ID of References
    (else In-Reply-To, else its own): replies share it.
    """

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="+")
    message_id = models.CharField(max_length=300)
    thread = models.CharField(max_length=300)
    direction = models.CharField(max_length=3, choices=Direction.choices)
    sent_at = models.DateTimeField()
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    made = models.BooleanField(default=False)
    snippet = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("owner", "message_id", name="mail_message_unique")
        ]
        indexes = [models.Index(fields=["owner", "thread"], name="mail_message_thread")]

    def __str__(self) -> str:
        return self.message_id


class UnknownAddress(models.Model):
    """Someone the seeker wrote with who is not here yet (one-click add)."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="+")
    address = models.CharField(max_length=320)
    name = models.CharField(max_length=200, blank=True)
    count = models.PositiveIntegerField(default=0)
    last_on = models.DateField()

    class Meta:
        ordering = ["-count", "-last_on", "address"]
        constraints = [
            models.UniqueConstraint("owner", "address", name="mail_unknown_unique")
        ]

    def __str__(self) -> str:
        return self.address


class FolderState(models.Model):
    """How far an IMAP folder has been read: UIDVALIDITY and the last UID seen."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="+")
    folder = models.CharField(max_length=300)
    uidvalidity = models.BigIntegerField()
    last_uid = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint("owner", "folder", name="mail_folder_unique")
        ]

    def __str__(self) -> str:
        return f"{self.folder} {self.uidvalidity}:{self.last_uid}"


class CalendarEvent(models.Model):
    """A calendar event seen, by UID: a re-import or a moved event updates its interaction."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="+")
    uid = models.CharField(max_length=500)
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("owner", "uid", name="mail_event_unique")
        ]

    def __str__(self) -> str:
        return self.uid


class SuggestionKind(models.TextChoices):
    REJECTION = "rejection", "Rejection"
    INTERVIEW = "interview", "Interview invitation"


class SuggestionStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


class Suggestion(models.Model):
    """A message that reads as a rejection or an invitation: the seeker decides."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=SuggestionKind.choices)
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message_id = models.CharField(max_length=300)
    subject = models.CharField(max_length=300, blank=True)
    phrase = models.CharField(max_length=200, blank=True)
    received_on = models.DateField()
    status = models.CharField(
        max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                "owner", "message_id", "opportunity", name="mail_suggestion_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for opportunity {self.opportunity_id}"


class ImapPassword(models.Model):
    """Hosted mode: one account's IMAP password, sealed (``mail.secret``); never shown,
    never in a backup. Local mode keeps it in a file instead."""

    owner = models.OneToOneField(Owner, on_delete=models.CASCADE, related_name="+")
    sealed = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"IMAP password of {self.owner_id}"
