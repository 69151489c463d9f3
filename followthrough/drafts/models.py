"""What the drafts keep: only the seeker's own edits (the defaults live in code)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class MessageTemplate(models.Model):
    """The owner's wording for one message (``name`` is a key of ``defaults.TEMPLATES``).

    No row means the default wording; resetting deletes the row.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=40)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("owner", "name", name="message_template_unique_per_owner")
        ]

    def __str__(self) -> str:
        return f"{self.name} template of {self.owner_id}"


class DraftSettings(models.Model):
    """How the owner signs their messages."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="draft_settings"
    )
    sign_as = models.CharField(max_length=120, blank=True)

    def __str__(self) -> str:
        return f"Draft settings of {self.owner_id}"
