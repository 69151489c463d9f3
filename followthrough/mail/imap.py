"""IMAP sync: read-only, incremental, headers first.

Each folder is opened with EXAMINE (read-only) and read with BODY.PEEK, so no
message is ever marked read. A folder's UIDVALIDITY and the last UID read are
kept (``FolderState``): a pass reads only UIDs above it, and a pass with
nothing new costs one EXAMINE per folder. A new UIDVALIDITY means the server
renumbered the folder: it is read again from the start, and the Message-IDs
already seen add nothing. Headers and BODYSTRUCTURE are fetched for every new
message; the whole message only for those that need it (a calendar part, a
snippet, a message from an opportunity's people), read in memory, never kept.

Messages are written in batches, each in its own transaction together with the
folder's new last UID: a failed login or a dropped connection stops the pass
with one clear line, and every batch before it stays.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import imaplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from followthrough.tracker.services.errors import InputError

from . import secret
from .ingest import Ingest, MailOutcome
from .models import FolderState, MailSettings, Security
from .settings import mail_settings

BATCH = 500
TIMEOUT = 30
DEFAULT_PORTS = {Security.TLS: 993, Security.STARTTLS: 143, Security.PLAIN: 143}


class SyncError(InputError):
    """A pass that could not finish: one line saying why and what to do."""


@dataclass
class SyncResult:
    outcome: MailOutcome = field(default_factory=MailOutcome)
    folders: dict[str, int] = field(default_factory=dict)  # folder -> new messages read
    reread: list[str] = field(default_factory=list)  # folders whose UIDVALIDITY changed

    def headline(self) -> str:
        new = sum(self.folders.values())
        where = ", ".join(self.folders) or "no folder"
        line = f"No new mail in {where}." if not new else f"{where}: " + self.outcome.headline()
        if self.reread:
            line += f" Read again from the start (the server renumbered): {', '.join(self.reread)}."
        return line

    def to_json(self) -> dict:
        return {"folders": self.folders, "reread": self.reread, **self.outcome.to_json()}


def _where(settings: MailSettings) -> str:
    return f"{settings.imap_host}:{port_of(settings)}"


def port_of(settings: MailSettings) -> int:
    return settings.imap_port or DEFAULT_PORTS.get(settings.imap_security, 993)


def connect(settings: MailSettings, password: str):
    """A logged-in ``IMAPClient``; ``SyncError`` with one line when it cannot be had."""
    from imapclient import IMAPClient
    from imapclient.exceptions import IMAPClientError, LoginError

    where = _where(settings)
    try:
        context = ssl.create_default_context()
        client = IMAPClient(
            settings.imap_host,
            port=port_of(settings),
            ssl=settings.imap_security == Security.TLS,
            ssl_context=context,
            timeout=TIMEOUT,
        )
        if settings.imap_security == Security.STARTTLS:
            client.starttls(context)
    except (OSError, IMAPClientError, ssl.SSLError) as error:
        raise SyncError(
            f"cannot reach the mail server {where} ({_short(error)}); check the host, the "
            "port and TLS with `followthrough mail setup`, and your network."
        ) from None
    try:
        client.login(settings.imap_user, password)
    except LoginError:
        _close(client)
        raise SyncError(
            f"the mail server {where} refused the login of {settings.imap_user!r}: check the "
            f"user name and the password ({secret.how_to_give()})."
        ) from None
    except (OSError, IMAPClientError) as error:
        _close(client)
        raise SyncError(f"the login at {where} failed ({_short(error)}); try again.") from None
    return client


def _close(client) -> None:
    try:
        client.logout()
    except Exception:  # already gone: nothing more to say to it
        with contextlib.suppress(Exception):
            client.shutdown()


def _short(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:160]


def sent_folder(client) -> str | None:
    """The Sent folder the server marks with SPECIAL-USE (RFC 6154), if any."""
    try:
        return client.find_special_folder(b"\\Sent")
    except Exception:  # a server without LIST extensions: the seeker names it
        return None


def password_for(settings: MailSettings) -> str:
    value = secret.password(settings.owner)
    if not value:
        raise SyncError(f"there is no IMAP password: {secret.how_to_give()}.")
    return value


def sync(owner, *, password: str | None = None, batch: int = BATCH,
         now: dt.datetime | None = None, from_start: bool = False) -> SyncResult:  # fmt: skip
    """One pass over the configured folders; records its result on the settings.

    ``from_start`` reads every folder again (after adding people: their earlier
    messages get logged; what was logged already is not logged twice).
    """
    settings = mail_settings(owner)
    if not settings.imap_configured:
        raise SyncError("IMAP is not set up yet; run `followthrough mail setup` first.")
    if from_start:
        FolderState.objects.filter(owner=owner).delete()
    result = SyncResult()
    try:
        client = connect(settings, password or password_for(settings))
        try:
            for folder in settings.imap_folders or ["INBOX"]:
                _sync_folder(owner, client, folder, result, batch)
        finally:
            _close(client)
    except SyncError as error:
        _record(settings, False, _failed_line(result, str(error)), now)
        raise
    except (OSError, ssl.SSLError, EOFError, imaplib.IMAP4.abort) as error:
        line = (
            f"the connection to {_where(settings)} dropped ({_short(error)}); what was read "
            "before is kept: run `followthrough mail sync` again."
        )
        _record(settings, False, _failed_line(result, line), now)
        raise SyncError(line) from None
    except Exception as error:
        from imapclient.exceptions import IMAPClientError

        if not isinstance(error, IMAPClientError):
            raise
        line = (
            f"the mail server {_where(settings)} answered with an error ({_short(error)}); "
            "what was read before is kept."
        )
        _record(settings, False, _failed_line(result, line), now)
        raise SyncError(line) from None
    _record(settings, True, result.headline(), now)
    return result


def _failed_line(result: SyncResult, line: str) -> str:
    return line[:500]


def _record(settings: MailSettings, ok: bool, line: str, now) -> None:
    settings.last_sync_at = now or timezone.now()
    settings.last_sync_ok = ok
    settings.last_sync_result = line[:500]
    settings.save(update_fields=["last_sync_at", "last_sync_ok", "last_sync_result"])


class _Lazy:
    """The owner's index and people, loaded the first time a pass has new mail."""

    def __init__(self, owner) -> None:
        self.owner = owner
        self.ingest: Ingest | None = None

    def get(self) -> Ingest:
        if self.ingest is None:
            self.ingest = Ingest(self.owner)
        return self.ingest


def _sync_folder(owner, client, folder: str, result: SyncResult, batch: int) -> None:
    from imapclient.exceptions import IMAPClientError

    try:
        info = client.select_folder(folder, readonly=True)  # EXAMINE
    except IMAPClientError as error:
        raise SyncError(
            f"the folder {folder!r} cannot be opened ({_short(error)}); check the folders "
            "with `followthrough mail setup --folder`."
        ) from None
    uidvalidity = int(info[b"UIDVALIDITY"])
    uidnext = int(info.get(b"UIDNEXT") or 0)
    state = FolderState.objects.filter(owner=owner, folder=folder).first()
    last_uid = 0
    if state is not None and state.uidvalidity == uidvalidity:
        last_uid = state.last_uid
    elif state is not None:
        result.reread.append(folder)
    result.folders.setdefault(folder, 0)
    unchanged = state is not None and state.uidvalidity == uidvalidity
    if unchanged and uidnext and uidnext <= last_uid + 1:
        return  # nothing new: one EXAMINE was all it took
    uids = sorted(u for u in client.search(["UID", f"{last_uid + 1}:*"]) if u > last_uid)
    if not uids:
        _save_state(owner, folder, uidvalidity, last_uid)
        return
    lazy = getattr(client, "_followthrough_ingest", None) or _Lazy(owner)
    client._followthrough_ingest = lazy
    for start in range(0, len(uids), batch):
        chunk = uids[start : start + batch]
        fetched = client.fetch(chunk, ["BODY.PEEK[HEADER]", "BODYSTRUCTURE"])
        present = [u for u in chunk if u in fetched]
        raws = [fetched[u].get(b"BODY[HEADER]", b"") for u in present]
        hints = [b"text/calendar" in repr(fetched[u].get(b"BODYSTRUCTURE")).lower().encode()
                 for u in present]  # fmt: skip

        def full(index: int, present=present) -> bytes:
            uid = present[index]
            data = client.fetch([uid], ["BODY.PEEK[]"])
            return data.get(uid, {}).get(b"BODY[]", b"")

        with transaction.atomic():
            outcome = lazy.get().add(raws, full=full, hints=hints)
            _save_state(owner, folder, uidvalidity, chunk[-1])
        result.outcome.merge(outcome)
        result.folders[folder] += len(present)


def _save_state(owner, folder: str, uidvalidity: int, last_uid: int) -> None:
    FolderState.objects.update_or_create(
        owner=owner, folder=folder, defaults={"uidvalidity": uidvalidity, "last_uid": last_uid}
    )


@dataclass
class Account:
    host: str
    user: str
    security: str = Security.TLS
    port: int | None = None
    folders: list[str] = field(default_factory=list)


def clean_account(host: str, user: str, security: str, port: str | int | None,
                  folders: list[str]) -> Account:  # fmt: skip
    host = (host or "").strip()
    user = (user or "").strip()
    if not host or any(c in host for c in " /@"):
        raise InputError("host: give the mail server's name, e.g. imap.example.com.", "host")
    if not user:
        raise InputError("user: give the user name you log in with (often your address).", "user")
    security = (security or Security.TLS).strip().lower()
    if security not in Security.values:
        raise InputError(
            f"security: {security!r} is not one of tls, starttls, plain; most servers use tls.",
            "security",
        )
    number = None
    if port not in (None, ""):
        try:
            number = int(str(port).strip())
        except ValueError:
            number = 0
        if not 0 < number < 65536:
            raise InputError(f"port: {port!r} is not a port number (1 to 65535).", "port")
    cleaned = []
    for name in folders:
        name = name.strip()
        if name and name not in cleaned:
            cleaned.append(name)
    return Account(host, user, security, number, cleaned)


def setup(owner, account: Account, password: str | None, *, check: bool = True,
          connector: Callable | None = None) -> MailSettings:  # fmt: skip
    """Save the account (after a test login, when ``check``, through ``connector``:
    ``connect`` unless told); find the Sent folder."""
    connector = connector or connect
    settings = mail_settings(owner)
    moved = (settings.imap_host, settings.imap_user) != (account.host, account.user)
    settings.imap_host = account.host
    settings.imap_user = account.user
    settings.imap_security = account.security
    settings.imap_port = account.port
    folders = list(account.folders)
    if check:
        client = connector(settings, password or password_for(settings))
        try:
            if not folders:
                folders = ["INBOX"]
                sent = sent_folder(client)
                if sent and sent not in folders:
                    folders.append(sent)
        finally:
            _close(client)
    settings.imap_folders = folders or ["INBOX"]
    if password and not secret.from_environment(password):
        secret.store(password, owner)
    with transaction.atomic():
        settings.save()
        if moved:  # another account: its folders start from the beginning
            FolderState.objects.filter(owner=owner).delete()
    return settings

