"""The secret that opens an owner's calendar feed."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


def new_token() -> str:
    """43 URL-safe characters (256 random bits): unguessable, and safe in a path."""
    return secrets.token_urlsafe(32)


class FeedToken(models.Model):
    """One per owner: the token in their feed's URL.

    Regenerating replaces the token in place, so the old URL stops working at once.
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    # When the current token was made (regenerating resets it).
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar feed of {self.owner}"
