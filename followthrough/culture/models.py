"""What the culture fit keeps: the preferred profile, perceived ratings, the threshold.

A profile's ``points`` is ``{dimension: {type: points}}`` holding only the
dimensions that were filled in, each of them already checked to sum to 100
(``services.check_points``). A profile with fewer than six is a draft.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from followthrough.tracker.models import Interaction, Organization

Owner = settings.AUTH_USER_MODEL

DEFAULT_THRESHOLD = 10


class CultureSettings(models.Model):
    """One per owner: from how many points a difference is worth highlighting."""

    owner = models.OneToOneField(Owner, on_delete=models.CASCADE, related_name="culture_settings")
    threshold = models.PositiveSmallIntegerField(
        default=DEFAULT_THRESHOLD,
        help_text="Differences of this many points or more are highlighted.",
    )

    class Meta:
        verbose_name_plural = "culture settings"

    def __str__(self) -> str:
        return f"Culture settings of {self.owner}"


class PreferredProfile(models.Model):
    """The culture the seeker would like to work in: one per owner, revised at will."""

    owner = models.OneToOneField(Owner, on_delete=models.CASCADE, related_name="preferred_culture")
    points = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Preferred culture of {self.owner}"

    @property
    def is_complete(self) -> bool:
        from . import scoring

        return scoring.is_complete(self.points)

    @property
    def filled_count(self) -> int:
        from . import scoring

        return len(scoring.filled_dimensions(self.points))


class Rating(models.Model):
    """An organization's culture as the seeker perceived it, e.g. after one interview.

    Several ratings of one organization average; a draft (not all six dimensions
    filled in) is kept but left out of the fit. ``evidence`` is
    ``{dimension: what you saw or heard}``.
    """

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="culture_ratings"
    )
    interaction = models.ForeignKey(
        Interaction,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="culture_ratings",
    )
    rated_on = models.DateField()
    source = models.CharField(
        max_length=200, blank=True, help_text="Where the impression comes from."
    )
    points = models.JSONField(default=dict, blank=True)
    evidence = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-rated_on", "-id"]
        indexes = [models.Index(fields=["owner", "organization"], name="culture_rating_owner_org")]

    def __str__(self) -> str:
        return f"Culture rating of {self.organization_id} on {self.rated_on}"

    @property
    def is_complete(self) -> bool:
        from . import scoring

        return scoring.is_complete(self.points)

    @property
    def filled_count(self) -> int:
        from . import scoring

        return len(scoring.filled_dimensions(self.points))
