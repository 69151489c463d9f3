"""Owners and their workspaces; what "today" means for an owner."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..models import Workspace

LOCAL_USERNAME = "local"


def local_owner():
    """The single owner of a local installation, made on first use.

    Once made, looking it up is a plain read (no transaction): with SQLite, a
    transaction takes the write lock, and a read-only command must not wait for
    another process's write (a long import) to see the data.
    """
    user_model = get_user_model()
    user = (
        user_model.objects.filter(username=LOCAL_USERNAME)
        .select_related("workspace")
        .first()
    )
    if user is not None and _has_workspace(user):
        return user
    with transaction.atomic():
        user, created = user_model.objects.get_or_create(username=LOCAL_USERNAME)
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
    workspace_for(user)
    return user


def _has_workspace(user) -> bool:
    try:
        user.workspace  # noqa: B018 - loaded by select_related, or None
    except Workspace.DoesNotExist:
        return False
    return True


def workspace_for(owner) -> Workspace:
    """The owner's workspace (made with the defaults on first use)."""
    try:
        return owner.workspace
    except Workspace.DoesNotExist:
        workspace, _ = Workspace.objects.get_or_create(
            owner=owner, defaults={"time_zone": settings.FOLLOWTHROUGH_TIME_ZONE}
        )
        owner.workspace = workspace
        return workspace


def owner_zone(owner) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(workspace_for(owner).time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def workspace_zone(workspace: Workspace) -> zoneinfo.ZoneInfo:
    """The workspace's time zone (UTC when the stored name is not one)."""
    try:
        return zoneinfo.ZoneInfo(workspace.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def today_for(owner, now: dt.datetime | None = None) -> dt.date:
    """The owner's calendar day at ``now`` (default: the current instant)."""
    now = now or timezone.now()
    return now.astimezone(owner_zone(owner)).date()
