"""IMAP sync against a real Dovecot: incremental, read-only, renumbering, drops, bad logins."""

from __future__ import annotations

import os
import stat

import pytest

from followthrough.mail import imap, secret
from followthrough.mail.models import FolderState, MailMessage
from followthrough.mail.settings import mail_settings
from followthrough.tracker.models import Interaction
from tests.cli_helpers import run

from .conftest import sample


def message(n: int, sender: str = "omar@globex.example", to: str = "sam@example.com") -> bytes:
    return (
        f"Message-ID: <m{n}-{os.getpid()}@globex.example>\n"
        f"Date: Mon, {n % 27 + 1} Feb 2026 10:00:00 +0000\n"
        f"From: {sender}\nTo: {to}\nSubject: Message {n}\n\nHello {n}\n"
    ).encode()


@pytest.fixture
def account(seeker, owner, imap_server, monkeypatch):
    """Sam's IMAP account on the test server, reading one fresh folder."""
    monkeypatch.setenv(secret.ENV, imap_server.password)
    folder = imap_server.new_folder()
    settings = mail_settings(owner)
    settings.imap_host = imap_server.host
    settings.imap_port = imap_server.port
    settings.imap_user = imap_server.user
    settings.imap_security = "plain"
    settings.imap_folders = [folder]
    settings.save()
    return folder


def logged(owner) -> int:
    return Interaction.objects.filter(owner=owner).count()


def test_sync_reads_only_new_mail_and_never_marks_it_read(owner, imap_server, account):
    imap_server.deliver(account, message(1))
    imap_server.deliver(account, message(2, sender="stranger@else.example"))
    imap_server.deliver(account, message(3, sender="sam@example.com", to="renee@acme.example"))
    first = imap.sync(owner)
    assert first.folders == {account: 3}
    assert (first.outcome.logged, first.outcome.not_known) == (2, 1)
    imap_server.deliver(account, message(4))
    second = imap.sync(owner)
    assert second.folders == {account: 1} and second.outcome.read == 1
    assert logged(owner) == 3
    third = imap.sync(owner)
    assert third.headline() == f"No new mail in {account}."
    settings = mail_settings(owner)
    assert settings.last_sync_ok and settings.last_sync_result.startswith("No new mail")
    client = imap_server.client()
    client.select_folder(account, readonly=True)
    flags = client.get_flags(client.search(["ALL"]))
    client.logout()
    assert len(flags) == 4 and not any(b"\\Seen" in f for f in flags.values())


def test_invitation_parts_are_read_over_imap(owner, imap_server, account):
    imap_server.deliver(account, sample("invite.eml").read_bytes())
    result = imap.sync(owner)
    assert result.outcome.events.added == 1 and result.outcome.suggestions == 1


def test_new_uidvalidity_rereads_without_duplicates(owner, imap_server, account):
    for n in range(3):
        imap_server.deliver(account, message(n))
    imap.sync(owner)
    before = FolderState.objects.get(owner=owner, folder=account).uidvalidity
    imap_server.renumber(account)
    again = imap.sync(owner)
    assert again.reread == [account]
    assert (again.outcome.read, again.outcome.already, again.outcome.logged) == (3, 3, 0)
    assert FolderState.objects.get(owner=owner, folder=account).uidvalidity != before
    assert logged(owner) == 3


def test_dropped_connection_keeps_finished_batches_and_nothing_partial(
    owner, imap_server, account, monkeypatch
):
    from imapclient import IMAPClient

    for n in range(5):
        imap_server.deliver(account, message(n))
    real_fetch = IMAPClient.fetch
    calls = {"n": 0}

    def dropping_fetch(self, messages, data, modifiers=None):
        if any("HEADER" in str(d) for d in data):
            calls["n"] += 1
            if calls["n"] == 2:  # the second batch: the line goes dead mid-pass
                import socket

                self.socket().shutdown(socket.SHUT_RDWR)
        return real_fetch(self, messages, data, modifiers)

    monkeypatch.setattr(IMAPClient, "fetch", dropping_fetch)
    with pytest.raises(imap.SyncError, match=r"the connection to .* dropped") as caught:
        imap.sync(owner, batch=2)
    assert "\n" not in str(caught.value)
    assert FolderState.objects.get(owner=owner, folder=account).last_uid == 2
    assert MailMessage.objects.filter(owner=owner).count() == 2
    assert logged(owner) == 2
    settings = mail_settings(owner)
    assert not settings.last_sync_ok and "kept" in settings.last_sync_result
    monkeypatch.setattr(IMAPClient, "fetch", real_fetch)
    rest = imap.sync(owner, batch=2)
    assert rest.outcome.read == 3 and logged(owner) == 5


def test_wrong_password_is_one_clear_line(owner, imap_server, account, monkeypatch):
    monkeypatch.setenv(secret.ENV, "not-the-password")
    with pytest.raises(imap.SyncError, match="refused the login of 'sam'"):
        imap.sync(owner)
    from followthrough.tracker.services.owners import local_owner

    mine = mail_settings(owner)
    mine.pk, mine.owner = None, local_owner()  # the CLI's owner gets the same account
    mine.save()
    result = run("mail", "sync")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("error: the mail server") and result.stderr.count("\n") == 1
    assert "not-the-password" not in result.stderr
    assert "not-the-password" not in mail_settings(owner).last_sync_result


def test_unreachable_server_is_one_clear_line(owner, account):
    settings = mail_settings(owner)
    settings.imap_port = 1  # nothing listens there
    settings.save()
    with pytest.raises(imap.SyncError, match="cannot reach the mail server"):
        imap.sync(owner)


def test_setup_finds_the_sent_folder_and_keeps_the_password_private(
    owner, imap_server, monkeypatch, tmp_path
):
    monkeypatch.delenv(secret.ENV, raising=False)
    monkeypatch.setenv("FOLLOWTHROUGH_HOME", str(tmp_path))
    account = imap.clean_account(imap_server.host, imap_server.user, "plain",
                                 imap_server.port, [])  # fmt: skip
    settings = imap.setup(owner, account, imap_server.password)
    assert settings.imap_folders == ["INBOX", "Sent"]
    stored = secret.path()
    assert stored.parent == tmp_path
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert secret.password() == imap_server.password
    with pytest.raises(imap.SyncError, match="refused the login"):
        imap.setup(owner, account, "wrong")
    assert secret.password() == imap_server.password  # a failed setup keeps the old one


def test_setup_rejects_bad_input_in_one_line(db):
    from followthrough.tracker.services.errors import InputError

    with pytest.raises(InputError, match="port: '99999' is not a port number"):
        imap.clean_account("imap.example.com", "me", "tls", "99999", [])
    with pytest.raises(InputError, match="security: 'ssl' is not one of"):
        imap.clean_account("imap.example.com", "me", "ssl", None, [])


def test_from_start_logs_earlier_mail_of_people_added_since(seeker, owner, imap_server, account):
    from followthrough.mail import unknown

    imap_server.deliver(account, message(1, sender="pat@elsewhere.example"))
    assert imap.sync(owner).outcome.not_known == 1
    unknown.add_person(owner, "pat@elsewhere.example")
    assert imap.sync(owner).folders == {account: 0}
    again = imap.sync(owner, from_start=True)
    assert again.outcome.logged == 1 and logged(owner) == 1


def test_cli_setup_and_sync(owner, imap_server, monkeypatch, tmp_path):
    from followthrough.tracker.services.owners import local_owner
    from tests.cli_helpers import ok

    monkeypatch.setenv(secret.ENV, imap_server.password)
    mail_settings(local_owner()).my_emails = []
    out = ok("settings", "--my-email", "sam@example.com")
    assert "sam@example.com" in out
    folder = imap_server.new_folder()
    out = ok(
        "mail", "setup", "--host", imap_server.host, "--port", str(imap_server.port),
        "--user", imap_server.user, "--security", "plain", "--folder", folder,
    )  # fmt: skip
    assert out.startswith(f"Mail: sam at {imap_server.host}:{imap_server.port} (plain)")
    imap_server.deliver(folder, message(7))
    assert "1 messages read" in ok("mail", "sync")
    assert ok("mail", "sync").strip() == f"No new mail in {folder}."
    assert '"folders"' in ok("mail", "sync", "--json")


def test_mail_page_saves_the_account_and_syncs_now(seeker, owner, owner_client, imap_server,
                                                   monkeypatch, tmp_path):  # fmt: skip
    monkeypatch.delenv(secret.ENV, raising=False)
    monkeypatch.setenv("FOLLOWTHROUGH_HOME", str(tmp_path))
    folder = imap_server.new_folder()
    form = {
        "host": imap_server.host, "port": str(imap_server.port), "user": imap_server.user,
        "security": "plain", "folders": folder, "password": "wrong",
    }  # fmt: skip
    refused = owner_client.post("/mail/account/", form)
    assert refused.status_code == 400 and "refused the login" in refused.content.decode()
    assert not mail_settings(owner).imap_configured
    saved = owner_client.post("/mail/account/", form | {"password": imap_server.password})
    assert saved.status_code == 302
    assert imap_server.password not in owner_client.get("/mail/").content.decode()
    imap_server.deliver(folder, message(11))
    page = owner_client.post("/mail/sync/", follow=True).content.decode()
    assert f"{folder}: 1 messages read: 1 logged" in page
    assert "Last sync" in page and logged(owner) == 1
