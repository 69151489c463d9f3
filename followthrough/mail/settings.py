"""The seeker's mail settings: their own addresses and the snippet switch."""

from __future__ import annotations

from django.db import transaction

from followthrough.tracker.services.errors import InputError

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


def update(owner, *, my_emails=None, keep_snippet=None) -> MailSettings:
    """Change what is given (``None`` leaves it); ``InputError`` changes nothing."""
    settings = mail_settings(owner)
    fields = []
    if my_emails is not None:
        settings.my_emails = clean_my_emails(my_emails, "my_emails")
        fields.append("my_emails")
    if keep_snippet is not None:
        settings.keep_snippet = _switch(keep_snippet)
        fields.append("keep_snippet")
    if fields:
        settings.save(update_fields=fields)
    return settings


def settings_json(settings: MailSettings) -> dict:
    return {"my_emails": list(settings.my_emails), "keep_snippet": settings.keep_snippet}


def saved_lines(settings: MailSettings, *, my_emails=None, keep_snippet=None) -> list[str]:
    lines = []
    if my_emails is not None:
        lines.append("your addresses " + (", ".join(settings.my_emails) or "none"))
    if keep_snippet is not None:
        lines.append("keep a snippet " + ("on" if settings.keep_snippet else "off"))
    return lines


def settings_lines(settings: MailSettings) -> list[str]:
    return [
        "Your email addresses: " + (", ".join(settings.my_emails) or "none yet") + " (--my-email)",
        "Keep a snippet of each message: " + ("on" if settings.keep_snippet else "off")
        + " (--keep-snippet)",
    ]


def _switch(value) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"on", "yes", "1", "true"}:
        return True
    if text in {"off", "no", "0", "false"}:
        return False
    raise InputError(f"keep_snippet: {value!r} is not on or off.", "keep_snippet")
