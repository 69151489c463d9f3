"""Start Django for a command: settings, a migrated database, the owner it acts for.

Nothing here runs at import time, so ``followthrough --help`` stays fast and
never touches the data folder; each command calls :func:`owner` when it needs data.

The owner is the local owner in local mode; in hosted mode (``FOLLOWTHROUGH_HOSTED``)
it is the account that the global ``--user EMAIL`` names (:func:`select_account`).
"""

from __future__ import annotations

import datetime as dt
import os

_migrated = False
_account_email: str | None = None

# Two app processes started at once must not both migrate: the first takes this
# PostgreSQL advisory lock (an arbitrary, fixed number) and the second waits for it.
_MIGRATION_LOCK = 7_342_114


def select_account(email: str | None) -> None:
    """Remember the ``--user`` of this command line (checked when data is needed)."""
    global _account_email
    _account_email = email.strip() if email is not None else None


def setup(web: bool = False) -> None:
    """Configure Django once per process (a no-op when it is already set up, as under pytest).

    A command runs with ``followthrough.settings_cli`` (no web-only apps) unless
    it serves pages (``web``); ``DJANGO_SETTINGS_MODULE``, when set, wins.
    """
    os.environ.setdefault(
        "DJANGO_SETTINGS_MODULE", "followthrough.settings" if web else "followthrough.settings_cli"
    )
    from django.apps import apps

    if not apps.ready:
        import django

        django.setup()


def migrate() -> None:
    """Bring the database up to date, silently, so a fresh FOLLOWTHROUGH_HOME just works.

    Checked once per process, cheaply: the names of the migration files of the
    installed apps against the ``django_migrations`` table (one query, no
    migration module imported). Only when one is missing, or the table is, is
    Django's migration plan read, and ``migrate`` run on first use or after an
    upgrade.
    """
    global _migrated
    if _migrated:
        return
    setup()
    if _all_applied():
        _migrated = True
        return
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    with _migration_lock(connection):
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", verbosity=0, interactive=False)
    _migrated = True


class _migration_lock:
    """On PostgreSQL, one process migrates at a time (the others wait, then find it done)."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.held = connection.vendor == "postgresql"

    def __enter__(self) -> None:
        if self.held:
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [_MIGRATION_LOCK])

    def __exit__(self, *exc) -> None:
        if self.held:
            with self.connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_MIGRATION_LOCK])


def _all_applied() -> bool:
    """True if every migration file of every installed app is recorded as applied."""
    from django.apps import apps
    from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

    on_disk = set()
    for config in apps.get_app_configs():
        folder = os.path.join(config.path, "migrations")
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        on_disk.update(
            (config.label, name[:-3])
            for name in names
            if name.endswith(".py") and name[:1].isdigit()
        )
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            applied = set(cursor.fetchall())
    except DatabaseError:  # no table yet: a new database
        return False
    return on_disk <= applied


def ready(web: bool = False) -> None:
    """Django set up and the database migrated; in local mode, the local owner made too."""
    setup(web)
    migrate()
    from django.conf import settings

    if settings.FOLLOWTHROUGH_HOSTED:
        # The shared cache's table (settings.CACHES); made once, kept afterwards, by
        # one process at a time (two started together would both try to make it).
        from django.core.management import call_command
        from django.db import DEFAULT_DB_ALIAS, connections

        with _migration_lock(connections[DEFAULT_DB_ALIAS]):
            call_command("createcachetable", verbosity=0)
    else:
        from followthrough.tracker.services.owners import local_owner

        local_owner()


def owner(web: bool = False):
    """Whose workspace a command acts on, in a migrated database.

    Local mode: the local owner (made on first use); ``--user`` is refused, since a
    local workspace has no accounts. Hosted mode: the account ``--user`` names,
    which must be given and must exist.
    """
    setup(web)
    migrate()
    from django.conf import settings

    from followthrough.config import ConfigError

    if not settings.FOLLOWTHROUGH_HOSTED:
        if _account_email is not None:
            raise ConfigError(
                "--user: this is a local workspace, with one owner and no accounts;"
                " leave --user out (it is for hosted mode, FOLLOWTHROUGH_HOSTED=1)."
            )
        from followthrough.tracker.services.owners import local_owner

        return local_owner()
    return account(_account_email)


def account(email: str | None):
    """The hosted account with this address, its workspace ready; one clear line if not."""
    from django.contrib.auth import get_user_model

    from followthrough.config import ConfigError
    from followthrough.tracker.services.owners import workspace_for

    if not email:
        raise ConfigError(
            "hosted mode: say whose workspace with --user EMAIL before the command,"
            " e.g. followthrough --user ada@example.org today."
        )
    found = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    if found is None:
        raise ConfigError(
            f"--user: no account has the address {email}; list them with"
            " `followthrough user list`, or add one with `followthrough user add EMAIL`."
        )
    workspace_for(found)
    return found


def today(user) -> dt.date:
    """The owner's calendar day, in the owner's time zone."""
    from followthrough.tracker.services.owners import today_for

    return today_for(user)
