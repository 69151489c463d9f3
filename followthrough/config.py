"""Typed reading of the environment.

Every variable Followthrough reads is declared here, once, with its default and
its meaning (``ENVIRONMENT``); the README's table is checked against it by a
test. A malformed value fails loudly at start-up with the variable's name,
never later with a confusing error.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import platformdirs

ENVIRONMENT: dict[str, str] = {
    "FOLLOWTHROUGH_HOME": "Data folder (SQLite database, secret key). "
    "Default: the platform's user data folder.",
    "DATABASE_URL": "Use this database instead of SQLite, e.g. "
    "postgres://user:pass@127.0.0.1:5432/followthrough.",
    "SECRET_KEY": "Django secret key. Default: generated once and kept in FOLLOWTHROUGH_HOME.",
    "FOLLOWTHROUGH_DEBUG": "Set to 1 for Django debug pages (never in hosting). Default: 0.",
    "FOLLOWTHROUGH_HOST": "Address `serve` listens on. Default: 127.0.0.1.",
    "FOLLOWTHROUGH_PORT": "Port `serve` listens on. Default: 8000.",
    "FOLLOWTHROUGH_TIME_ZONE": "Time zone of the local owner, e.g. Europe/Paris. Default: UTC.",
    "FOLLOWTHROUGH_BASE_URL": "Address of the app in links sent out (the daily digest). "
    "Default: http://127.0.0.1:8000.",
    "EMAIL_HOST": "SMTP server for the daily digest. Default: none (mail is printed to the "
    "console).",
    "EMAIL_PORT": "SMTP port. Default: 25 (587 with EMAIL_USE_TLS, 465 with EMAIL_USE_SSL).",
    "EMAIL_HOST_USER": "SMTP user name. Default: none (no login).",
    "EMAIL_HOST_PASSWORD": "SMTP password. Default: none.",
    "EMAIL_USE_TLS": "1 to use STARTTLS. Default: 0.",
    "EMAIL_USE_SSL": "1 to use implicit TLS (SMTPS). Default: 0.",
    "DEFAULT_FROM_EMAIL": "Sender of the digest. Default: followthrough@localhost.",
    "FOLLOWTHROUGH_IMAP_PASSWORD": "IMAP password for mail sync. Default: the one "
    "`mail setup` kept in the data folder.",
    "FOLLOWTHROUGH_HOSTED": "1 for the hosted mode a job club runs together: accounts with "
    "login, on PostgreSQL, behind a TLS proxy. Needs DATABASE_URL (postgres://), SECRET_KEY "
    "and FOLLOWTHROUGH_ALLOWED_HOSTS. Default: 0 (local mode: no login, this computer only).",
    "FOLLOWTHROUGH_ALLOWED_HOSTS": "Hosted mode: the public host names the app answers to, "
    "comma-separated, e.g. club.example.org. Default: none.",
}


class ConfigError(RuntimeError):
    """A variable of the environment has a value we cannot use."""


def env_str(name: str, default: str = "") -> str:
    assert name in ENVIRONMENT, f"{name} must be documented in ENVIRONMENT"
    return os.environ.get(name, default).strip() or default


def env_bool(name: str, default: bool = False) -> bool:
    raw = env_str(name, "1" if default else "0").lower()
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={raw!r} is not a yes/no value; use 1 or 0.")


def env_int(name: str, default: int) -> int:
    raw = env_str(name, str(default))
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str) -> list[str]:
    """A comma-separated variable as a list of its non-empty items."""
    return [item.strip() for item in env_str(name).split(",") if item.strip()]


# What hosted mode cannot run without (issue 14): accounts on a shared database, a
# secret that every app process shares, and the names the proxy serves.
HOSTED_REQUIREMENTS = ("DATABASE_URL", "SECRET_KEY", "FOLLOWTHROUGH_ALLOWED_HOSTS")


def check_hosted() -> None:
    """Refuse hosted mode, in one line naming every missing piece, unless it has them all.

    The database must be PostgreSQL: several app processes share it, and SQLite's one
    writer at a time would make them wait on each other.
    """
    missing = [name for name in HOSTED_REQUIREMENTS if not env_str(name)]
    url = env_str("DATABASE_URL")
    if url and not url.startswith(("postgres://", "postgresql://")):
        missing[:0] = ["DATABASE_URL as a postgres:// address (not SQLite)"]
    if not missing and env_bool("FOLLOWTHROUGH_DEBUG"):
        raise ConfigError(
            "FOLLOWTHROUGH_HOSTED=1 with FOLLOWTHROUGH_DEBUG=1 would show members' data on"
            " error pages; unset FOLLOWTHROUGH_DEBUG."
        )
    if missing:
        raise ConfigError(
            "FOLLOWTHROUGH_HOSTED=1 needs "
            + ", ".join(missing)
            + "; set them (see README, Hosting a job club) or unset FOLLOWTHROUGH_HOSTED."
        )


def home() -> Path:
    """The data folder, created on first use; private (0700, its files 0600)."""
    from followthrough.security.files import private_folder

    path = Path(env_str("FOLLOWTHROUGH_HOME") or platformdirs.user_data_dir("followthrough"))
    return private_folder(path.expanduser().resolve())


def secret_key() -> str:
    """The secret key: from the environment, else one generated and kept in the data folder.

    Generated per installation so no secret ever lives in the repository.
    """
    key = env_str("SECRET_KEY")
    if key:
        return key
    keyfile = home() / "secret_key"
    if not keyfile.exists():
        from followthrough.security.files import write_private

        write_private(keyfile, secrets.token_urlsafe(50))
    return keyfile.read_text().strip()
