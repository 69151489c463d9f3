"""The club's mail, through the digest's one small module (``digest.emails``).

Mail goes out only when mail is set up: a real backend (SMTP when ``EMAIL_HOST``
is set), not the console one a local install prints to. The in-app message is
there either way; a mail that fails is logged, never lost with the message.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.urls import reverse

from followthrough.digest import emails

log = logging.getLogger(__name__)
CONSOLE = "django.core.mail.backends.console.EmailBackend"


def mail_ready() -> bool:
    return settings.EMAIL_BACKEND != CONSOLE


def _send(name: str, to: str, context: dict) -> bool:
    if not (to and mail_ready()):
        return False
    try:
        emails.send(name, to, context)
    except OSError as error:  # smtplib's errors are OSErrors: the message stays in-app
        log.warning("club mail %s to a member failed: %s", name, error)
        return False
    return True


def link(name: str, *args) -> str:
    return settings.FOLLOWTHROUGH_BASE_URL + reverse(name, args=args)


def send_invitation(invitation, leader_name: str, invitation_days: int) -> bool:
    return _send("club-invitation", invitation.email, {
        "group": invitation.group, "leader_name": leader_name,
        "url": link("club-join", invitation.token), "days": invitation_days,
    })


def send_message(message) -> bool:
    return _send("club-message", message.recipient.email, {
        "message": message, "url": link("club"),
    })
