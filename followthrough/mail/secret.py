"""The IMAP password: whose it is, where it is kept, and that it never comes back out.

Local mode (one owner): from FOLLOWTHROUGH_IMAP_PASSWORD, or a file in the data
folder (FOLLOWTHROUGH_HOME) that only the owner can read (0600), never in the
database, so a backup, an export, a log or a page never holds it.

Hosted mode (many accounts): each account's own, in the database (``ImapPassword``),
sealed with Fernet (AES-128-CBC and HMAC-SHA256, from ``cryptography``) under a key
derived from SECRET_KEY (HKDF-SHA256, a purpose of its own). The database is the one
place every app process shares (they may run on several machines), a dump of it alone
does not reveal a password, and the owner's id is sealed with it, so a sealed value
copied to another account's row opens nothing. FOLLOWTHROUGH_IMAP_PASSWORD is not
read there: one password for every account is exactly what must not happen. A
password is only ever written and used for a login, never shown back; after a change
of SECRET_KEY (without it in SECRET_KEY_FALLBACKS) it reads as "none kept", and the
member gives it again. ``ImapPassword`` is not in a backup (``backup.registry``).
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from django.conf import settings

from followthrough import config

ENV = "FOLLOWTHROUGH_IMAP_PASSWORD"
FILENAME = "imap-password"
_PURPOSE = b"followthrough.mail.imap-password"


def hosted() -> bool:
    return bool(getattr(settings, "FOLLOWTHROUGH_HOSTED", False))


def password(owner=None) -> str | None:
    """The owner's IMAP password (``owner`` may be left out in local mode), or ``None``."""
    if hosted():
        return _unseal(owner)
    value = os.environ.get("FOLLOWTHROUGH_IMAP_PASSWORD")
    if value:
        return value
    try:
        return path().read_text(encoding="utf-8").rstrip("\n") or None
    except FileNotFoundError:
        return None


def has_password(owner=None) -> bool:
    return password(owner) is not None


def store(value: str, owner=None) -> None:
    """Keep the owner's password: sealed in the database (hosted), or in the 0600 file."""
    if hosted():
        from .models import ImapPassword

        ImapPassword.objects.update_or_create(
            owner_id=_owner_id(owner), defaults={"sealed": _seal(_owner_id(owner), value)}
        )
        return
    _write_file(value)


def from_environment(value: str) -> bool:
    """Whether ``value`` is the one FOLLOWTHROUGH_IMAP_PASSWORD gives (local mode only:
    it is not kept again in the file)."""
    return not hosted() and os.environ.get("FOLLOWTHROUGH_IMAP_PASSWORD") == value


def forget(owner=None) -> None:
    if hosted():
        from .models import ImapPassword

        ImapPassword.objects.filter(owner_id=_owner_id(owner)).delete()
        return
    path().unlink(missing_ok=True)


def how_to_give() -> str:
    """Where a missing or wrong password is given, in the mode's words."""
    if hosted():
        return "give it on the Mail settings page, or run `followthrough --user EMAIL mail setup`"
    return f"set {ENV}, or run `followthrough mail setup` once to keep it in the data folder"


def where_kept() -> str:
    """What the password field's help says about where the password goes."""
    if hosted():
        return ("Kept for your account only, encrypted; never shown again, never in a backup "
                "or a page.")
    return "Kept in your data folder, readable by you only; never in a backup or a page."


# Local mode: the file -----------------------------------------------------------------


def path() -> Path:
    return config.home() / FILENAME


def _write_file(value: str) -> Path:
    """Write the password readable and writable by the owner only (0600)."""
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(FILENAME + ".new")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    os.chmod(partial, 0o600)
    os.replace(partial, target)
    return target


# Hosted mode: sealed in the database --------------------------------------------------


def _owner_id(owner) -> int:
    if owner is None or owner.pk is None:
        raise ValueError("hosted mode keeps an IMAP password per account: name the owner")
    return int(owner.pk)


def _fernet():
    """Fernet keys from SECRET_KEY, then SECRET_KEY_FALLBACKS (a key being rotated)."""
    from cryptography.fernet import Fernet, MultiFernet
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    def key(secret_key: str) -> Fernet:
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_PURPOSE).derive(
            secret_key.encode()
        )
        return Fernet(base64.urlsafe_b64encode(derived))

    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([key(k) for k in keys])


def _seal(owner_id: int, value: str) -> str:
    return _fernet().encrypt(f"{owner_id}\n{value}".encode()).decode("ascii")


def _unseal(owner) -> str | None:
    from cryptography.fernet import InvalidToken

    from .models import ImapPassword

    owner_id = _owner_id(owner)
    sealed = ImapPassword.objects.filter(owner_id=owner_id).values_list("sealed", flat=True)
    sealed = sealed.first()
    if not sealed:
        return None
    try:
        plain = _fernet().decrypt(sealed.encode("ascii")).decode()
    except (InvalidToken, UnicodeError, ValueError):
        return None  # another SECRET_KEY, or tampered with: as if none was kept
    sealed_for, _, value = plain.partition("\n")
    return value if sealed_for == str(owner_id) and value else None
