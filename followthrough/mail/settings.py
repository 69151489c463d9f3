"""The seeker's mail settings: their own addresses and the snippet switch."""

from __future__ import annotations

from django.db import transaction

from .addresses import clean_my_emails
from .models import MailSettings


def mail_settings(owner) -> MailSettings:
    found = MailSettings.objects.filter(owner=owner).first()
    if found is None:
        with transaction.atomic():
            found, _ = MailSettings.objects.get_or_create(owner=owner)
    return found


def set_my_emails(owner, values, field: str = "my_emails") -> MailSettings:
    settings = mail_settings(owner)
    settings.my_emails = clean_my_emails(values, field)
    settings.save(update_fields=["my_emails"])
    return settings


def set_keep_snippet(owner, keep: bool) -> MailSettings:
    settings = mail_settings(owner)
    settings.keep_snippet = bool(keep)
    settings.save(update_fields=["keep_snippet"])
    return settings
