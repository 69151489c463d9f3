"""``followthrough today --json [--on DATE]`` without Typer: the call scripts make most.

Typer builds its option parsing on pydantic, which costs more to import than the
whole agenda takes to read when nothing changed. This path reads exactly the
same options as ``today`` (``--json``, ``--on DATE`` or ``--on=DATE``, in any
order) and prints exactly the same JSON; anything else (``--help``, a typo, an
input error) goes to the full command line, which answers in its usual words.

With SQLite and nothing changed since the last sync for that day (the sync
state, ``tracker.sync_state``, says so), it does not even start Django: the
agenda is one read-only query on the database file (``stored_agenda``). Any
doubt (another database, settings of one's own, a migration not applied, no
sync state for the day, an unusual date) and Django answers instead.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys


def parse(args: list[str]) -> str | bool | None:
    """The ``--on`` value (``None`` for the default) of ``today --json`` arguments,
    or ``False`` when these arguments are not (only) that."""
    if not args or args[0] != "today":
        return False
    on, seen_json, rest = None, False, args[1:]
    while rest:
        arg = rest.pop(0)
        if arg == "--json" and not seen_json:
            seen_json = True
        elif arg == "--on" and on is None and rest and not rest[0].startswith("-"):
            on = rest.pop(0)
        elif arg.startswith("--on=") and on is None and len(arg) > 5:
            on = arg[5:]
        else:
            return False
    return on if seen_json else False


def today_json(args: list[str]) -> bool:
    """Run ``today --json`` if ``args`` are just that; True if it ran (and printed)."""
    on = parse(args)
    if on is False:
        return False
    try:
        stored = stored_agenda(on)
    except Exception:  # any surprise: Django answers instead
        stored = None
    if stored is None:
        stored = _through_django(on)
        if stored is None:
            return False  # the full command line reports it, in its own words
    from followthrough.tracker import agenda_rows

    sys.stdout.write(agenda_rows.text(stored) + "\n")
    sys.stdout.flush()
    return True


def _through_django(on: str | None) -> list[dict] | None:
    """The agenda after a sync, as ``today --json`` prints it; ``None`` on an input
    error (the full command line reports it). A database error is reported here."""
    from . import django_setup

    try:
        owner = django_setup.owner()
        from followthrough.tracker.services import parsing
        from followthrough.tracker.services.tasks import agenda_json

        day = parsing.parse_date(on, "--on") or django_setup.today(owner)
        return agenda_json(owner, day)
    except Exception as error:  # reported below, or by the full command line
        from django.db import OperationalError

        if not isinstance(error, OperationalError):
            return None
        from followthrough.dberrors import describe

        sys.stderr.write(f"error: {describe(error)}\n")
        raise SystemExit(1) from None


_ISO = re.compile(r"^(19[7-9]\d|2\d\d\d)-\d\d-\d\d$")

def stored_agenda(on: str | None) -> list[dict] | None:
    """The agenda as ``today --json`` prints it, read straight from the SQLite file,
    or ``None`` when only Django can tell (see the module doc)."""
    if os.environ.get("DATABASE_URL") or os.environ.get("DJANGO_SETTINGS_MODULE"):
        return None
    if on is not None and not _ISO.match(on.strip()):
        return None
    import sqlite3

    from followthrough import config

    path = config.home() / "followthrough.sqlite3"
    if not path.is_file():
        return None
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=20)
    try:
        return _read(db, on)
    finally:
        db.close()


def _read(db, on: str | None) -> list[dict] | None:
    from pathlib import Path

    from followthrough.engine_fingerprint import engine_fingerprint

    root = Path(__file__).resolve().parent.parent
    ours = {
        (folder.parent.name, file.stem)
        for folder in root.glob("*/migrations")
        for file in folder.glob("[0-9]*.py")
    }
    applied = set(db.execute("SELECT app, name FROM django_migrations").fetchall())
    if not ours or not ours <= applied:
        return None
    row = db.execute(
        "SELECT u.id, w.time_zone, s.change, s.synced_change, s.synced_day, s.synced_engine "
        "FROM auth_user u JOIN tracker_workspace w ON w.owner_id = u.id "
        "JOIN tracker_syncstate s ON s.owner_id = u.id WHERE u.username = 'local'"
    ).fetchone()
    if row is None:
        return None
    owner_id, zone, change, synced_change, synced_day, synced_engine = row
    day = dt.date.fromisoformat(on.strip()) if on else _today(zone)
    if (change, synced_day, synced_engine) != (synced_change, day.isoformat(),
                                               engine_fingerprint()):  # fmt: skip
        return None  # something changed, or another day: Django syncs first
    from followthrough.tracker import agenda_rows

    rows = db.execute(agenda_rows.sql("?"), agenda_rows.params(owner_id, day))
    return [agenda_rows.item(row, day) for row in rows]


def _today(zone: str) -> dt.date:
    """The owner's calendar day now (as ``services.owners.today_for``)."""
    import zoneinfo

    try:
        tz = zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = zoneinfo.ZoneInfo("UTC")
    return dt.datetime.now(dt.UTC).astimezone(tz).date()
