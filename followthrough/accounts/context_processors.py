"""``hosted`` in every template: whether this install has accounts (issue 14)."""

from __future__ import annotations

from django.conf import settings


def mode(request) -> dict:
    return {"hosted": settings.FOLLOWTHROUGH_HOSTED}

