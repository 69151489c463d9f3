"""Hosted mode: each account's IMAP settings and password are its own (issue 14). Ada and
Olive set up two mail accounts; each sync logs in with its own password, nobody reads or
sees another's, and the password never comes back out. Local mode keeps its file and
FOLLOWTHROUGH_IMAP_PASSWORD."""

from __future__ import annotations

import io
import stat

import pytest

from followthrough.backup.export_json import write_json
from followthrough.mail import imap, secret
from followthrough.mail.models import ImapPassword
from followthrough.mail.settings import mail_settings
from tests.accounts.conftest import hosted_settings, member, sign_in
from tests.cli_helpers import ok

pytestmark = pytest.mark.django_db

SERVERS = {  # (server, user) -> the password it accepts
    ("imap.ada.example", "ada"): "ada's mail words",
    ("imap.olive.example", "olive"): "olive's mail words",
}


class FakeClient:
    """An empty mailbox."""

    def find_special_folder(self, _flag):
        return "Sent"

    def select_folder(self, _folder, readonly):
        assert readonly
        return {b"UIDVALIDITY": 1, b"UIDNEXT": 1}

    def search(self, _criteria):
        return []

    def logout(self):
        pass


@pytest.fixture
def logins(monkeypatch):
    """Every login attempted, as (server, user, password); the fake servers accept only
    their own user's password."""
    tried = []

    def connect(settings, password):
        tried.append((settings.imap_host, settings.imap_user, password))
        if SERVERS.get((settings.imap_host, settings.imap_user)) != password:
            raise imap.SyncError(f"the mail server {settings.imap_host} refused the login")
        return FakeClient()

    monkeypatch.setattr(imap, "connect", connect)
    return tried


@pytest.fixture
def club(settings, tmp_path, monkeypatch):
    hosted_settings(settings)
    monkeypatch.setenv("FOLLOWTHROUGH_HOME", str(tmp_path))
    monkeypatch.delenv(secret.ENV, raising=False)
    return member("ada@example.org"), member("olive@example.org")


def set_up(owner, host: str, user: str, password: str | None):
    return imap.setup(owner, imap.clean_account(host, user, "tls", None, ["INBOX"]), password)


def test_two_accounts_two_mail_setups_no_crossover(club, logins, tmp_path):
    ada, olive = club
    set_up(ada, "imap.ada.example", "ada", "ada's mail words")
    set_up(olive, "imap.olive.example", "olive", "olive's mail words")

    assert secret.password(ada) == "ada's mail words"
    assert secret.password(olive) == "olive's mail words"
    assert mail_settings(ada).imap_host == "imap.ada.example"
    assert mail_settings(olive).imap_host == "imap.olive.example"
    logins.clear()
    imap.sync(ada)
    imap.sync(olive)
    assert logins == [("imap.ada.example", "ada", "ada's mail words"),
                      ("imap.olive.example", "olive", "olive's mail words")]
    assert not (tmp_path / secret.FILENAME).exists()  # no file shared by the instance


def test_the_password_is_sealed_and_a_copied_seal_opens_nothing(club, logins):
    ada, olive = club
    set_up(ada, "imap.ada.example", "ada", "ada's mail words")
    sealed = ImapPassword.objects.get(owner=ada).sealed

    assert "ada's mail words" not in sealed and "mail words" not in sealed
    ImapPassword.objects.create(owner=olive, sealed=sealed)  # someone copies the row
    assert secret.password(olive) is None
    assert secret.password(ada) == "ada's mail words"


def test_another_secret_key_reads_as_no_password_kept(club, logins, settings):
    ada, _ = club
    set_up(ada, "imap.ada.example", "ada", "ada's mail words")
    old = settings.SECRET_KEY

    settings.SECRET_KEY = "a brand new secret key, fifty characters long or so"
    assert secret.password(ada) is None
    with pytest.raises(imap.SyncError, match="there is no IMAP password: give it on the Mail"):
        imap.sync(ada)
    settings.SECRET_KEY_FALLBACKS = [old]  # a key being rotated still opens it
    assert secret.password(ada) == "ada's mail words"


def test_the_instances_environment_password_is_not_everyones(club, logins, monkeypatch):
    ada, olive = club
    set_up(ada, "imap.ada.example", "ada", "ada's mail words")
    monkeypatch.setenv(secret.ENV, "the host's own password")
    settings = mail_settings(olive)
    settings.imap_host, settings.imap_user = "imap.olive.example", "olive"
    settings.save()

    assert secret.password(ada) == "ada's mail words"
    with pytest.raises(imap.SyncError, match="there is no IMAP password"):
        imap.sync(olive)
    assert all(password != "the host's own password" for *_, password in logins)


def test_the_mail_page_saves_its_own_accounts_password_and_never_shows_it(
    club, logins, client
):
    _, olive = club
    sign_in(client, "ada@example.org")
    form = {"host": "imap.ada.example", "user": "ada", "security": "tls", "port": "",
            "folders": "", "password": "ada's mail words"}

    assert client.post("/mail/account/", form).status_code == 302
    page = client.get("/mail/").content.decode()
    assert "ada's mail words" not in page
    assert "No password is kept yet" not in page and secret.ENV not in page
    assert "encrypted" in page

    client.post("/accounts/logout/")
    sign_in(client, "olive@example.org")
    page = client.get("/mail/").content.decode()
    assert "imap.ada.example" not in page and "ada's mail words" not in page
    response = client.post("/mail/sync/", follow=True)
    assert "IMAP is not set up yet" in response.content.decode()
    assert secret.password(olive) is None


def test_an_empty_password_field_keeps_the_accounts_own(club, logins, client):
    ada, _ = club
    set_up(ada, "imap.ada.example", "ada", "ada's mail words")
    sign_in(client, "ada@example.org")

    form = {"host": "imap.ada.example", "user": "ada", "security": "tls", "port": "",
            "folders": "INBOX", "password": ""}
    assert client.post("/mail/account/", form).status_code == 302
    assert logins[-1] == ("imap.ada.example", "ada", "ada's mail words")


def test_the_command_line_syncs_with_the_accounts_own_password(club, logins):
    ada, olive = club
    set_up(ada, "imap.ada.example", "ada", "ada's mail words")
    set_up(olive, "imap.olive.example", "olive", "olive's mail words")
    logins.clear()

    ok("--user", "olive@example.org", "mail", "sync")

    assert logins == [("imap.olive.example", "olive", "olive's mail words")]


def test_a_backup_never_holds_the_sealed_password(club, logins):
    ada, _ = club
    set_up(ada, "imap.ada.example", "ada", "ada's mail words")
    out = io.StringIO()

    write_json(ada, out)

    assert ImapPassword.objects.get(owner=ada).sealed not in out.getvalue()
    assert "ada's mail words" not in out.getvalue()


def test_deleting_an_account_deletes_its_password(club, logins):
    ada, _ = club
    set_up(ada, "imap.ada.example", "ada", "ada's mail words")

    ada.delete()

    assert not ImapPassword.objects.exists()


# Local mode, as before -----------------------------------------------------------------


def test_local_mode_keeps_the_password_in_a_file_only_its_owner_reads(
    db, tmp_path, monkeypatch, logins
):
    from followthrough.tracker.services.owners import local_owner

    monkeypatch.setenv("FOLLOWTHROUGH_HOME", str(tmp_path))
    monkeypatch.delenv(secret.ENV, raising=False)
    owner = local_owner()
    set_up(owner, "imap.ada.example", "ada", "ada's mail words")

    stored = tmp_path / secret.FILENAME
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert secret.password() == secret.password(owner) == "ada's mail words"
    assert not ImapPassword.objects.exists()
    monkeypatch.setenv(secret.ENV, "from the environment")
    assert secret.password(owner) == "from the environment"
