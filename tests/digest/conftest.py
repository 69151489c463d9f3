"""A real SMTP server on loopback (aiosmtpd), and Sam with the digest on."""

from __future__ import annotations

import email
import email.policy
import socket
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from django.core.mail import get_connection

from followthrough.digest import services
from followthrough.tracker.services import tasks as task_service
from followthrough.tracker.services.owners import workspace_for


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Inbox:
    """What the SMTP server received, parsed."""

    host: str
    port: int
    messages: list[email.message.EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        self.recipients.append(list(envelope.rcpt_tos))
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        )
        return "250 Message accepted for delivery"

    def connection(self):
        """A Django SMTP connection to this server (the mail backend, injected)."""
        return get_connection(
            "django.core.mail.backends.smtp.EmailBackend",
            host=self.host,
            port=self.port,
            timeout=5,
        )

    def only(self) -> email.message.EmailMessage:
        assert len(self.messages) == 1, f"{len(self.messages)} messages arrived"
        return self.messages[0]


@pytest.fixture
def smtp_server():
    inbox = Inbox("127.0.0.1", free_port())
    controller = Controller(inbox, hostname=inbox.host, port=inbox.port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def unreachable():
    """A loopback port where nothing listens: the connection is refused at once."""
    return get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        host="127.0.0.1",
        port=free_port(),
        timeout=5,
    )


@pytest.fixture(autouse=True)
def hand_made_tasks_only(monkeypatch):
    """The digest carries the agenda; the etiquette rules have their own tests."""
    monkeypatch.setattr(task_service, "AGENDA_REFRESHERS", [])


def digest_on(owner, *, zone="America/New_York", hour=7, address="sam@example.com"):
    workspace = workspace_for(owner)
    workspace.time_zone = zone
    workspace.save()
    return services.update_settings(owner, enabled=True, hour=hour, address=address)
