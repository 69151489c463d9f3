"""The backup holds what mail logged and the mail settings; never the password or the mailbox."""

from __future__ import annotations

import io
import json

from followthrough.backup.export_json import write_json
from followthrough.backup.restore import restore
from followthrough.mail import secret, service
from followthrough.mail.models import MailMessage
from followthrough.mail.settings import mail_settings
from followthrough.tracker.models import Interaction

from .conftest import sample


def test_backup_round_trip_keeps_mail_and_no_password(
    seeker, owner, outsider, monkeypatch, tmp_path
):
    monkeypatch.setenv("FOLLOWTHROUGH_HOME", str(tmp_path))
    secret.store("hunter2-secret")
    settings = mail_settings(owner)
    settings.imap_host, settings.imap_user = "imap.example.com", "sam"
    settings.save()
    with sample("thunderbird.mbox").open("rb") as stream:
        service.import_mbox_stream(owner, stream, "thunderbird.mbox")
    out = io.StringIO()
    write_json(owner, out)
    text = out.getvalue()
    assert "hunter2-secret" not in text
    data = json.loads(text)
    assert data["mail_settings"]["my_emails"] == ["sam@example.com", "sam.seeker@work.example"]
    assert len(data["mail_messages"]) == 3
    assert "Would you have time" not in text  # no bodies
    restore(outsider, io.StringIO(text))
    assert mail_settings(outsider).imap_host == "imap.example.com"
    assert MailMessage.objects.filter(owner=outsider).count() == 3
    before = Interaction.objects.filter(owner=outsider).count()
    with sample("thunderbird.mbox").open("rb") as stream:
        again = service.import_mbox_stream(outsider, stream, "thunderbird.mbox")
    assert again.already == 3 and Interaction.objects.filter(owner=outsider).count() == before
