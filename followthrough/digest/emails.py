"""Email through one small module: a subject/text/html template triplet per message.

``send("digest", to, context)`` renders ``digest/emails/digest-subject.txt``,
``digest-body.txt`` and ``digest-body.html`` and sends them as one
multipart/alternative message through Django's email backend (SMTP when
``EMAIL_HOST`` is set, the console otherwise). Sending errors are not caught
here: the caller decides what a failure means.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

TEMPLATES = "digest/emails"


def render(name: str, context: dict) -> tuple[str, str, str]:
    """(subject, text, html) of message ``name`` for ``context``."""
    subject = render_to_string(f"{TEMPLATES}/{name}-subject.txt", context)
    # A subject is one line, whatever the template's whitespace.
    subject = " ".join(subject.split())
    text = render_to_string(f"{TEMPLATES}/{name}-body.txt", context)
    html = render_to_string(f"{TEMPLATES}/{name}-body.html", context)
    return subject, text, html


def send(name: str, to: str, context: dict, *, connection=None) -> None:
    """Render message ``name`` and send it to ``to``; raises what the backend raises."""
    subject, text, html = render(name, context)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [to],
        connection=connection,
        # Automatic mail: no out-of-office replies back to us (RFC 3834).
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(html, "text/html")
    message.send()


def digest(to: str, context: dict, *, connection=None) -> None:
    send("digest", to, context, connection=connection)
