"""Who gets the daily digest, when, and the claim on each day's send."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models


class DigestSettings(models.Model):
    """One per owner. ``last_sent_on`` is the owner's calendar day last sent.

    A pass claims a day with a lease (``claimed_on``, ``claimed_until``) in one
    conditional UPDATE; only the pass whose UPDATE changed the row sends, and it
    moves ``last_sent_on`` forward only once the mail server has accepted the
    message. A pass killed in between leaves a lease that runs out, and the
    next pass after it sends that day's digest.
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_settings"
    )
    enabled = models.BooleanField(default=False)
    hour = models.PositiveSmallIntegerField(
        default=7, validators=[MaxValueValidator(23)], help_text="Local hour, 0 to 23."
    )
    address = models.EmailField(blank=True)
    last_sent_on = models.DateField(null=True, blank=True)
    # The send in progress: the day claimed, and until when the claim holds.
    claimed_on = models.DateField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    # The last failure, shown on the settings page until a send succeeds.
    last_error = models.CharField(max_length=300, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "digest settings"

    def __str__(self) -> str:
        return f"Digest settings of {self.owner}"
