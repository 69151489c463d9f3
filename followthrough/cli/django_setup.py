"""Start Django for a command: settings, a migrated database, the local owner.

Nothing here runs at import time, so ``followthrough --help`` stays fast and
never touches the data folder; each command calls :func:`owner` when it needs data.
"""

from __future__ import annotations

import datetime as dt
import os

_migrated = False


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
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)
    _migrated = True


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


def owner(web: bool = False):
    """The local owner (made on first use) of a migrated database."""
    setup(web)
    migrate()
    from followthrough.tracker.services.owners import local_owner

    return local_owner()


def today(user) -> dt.date:
    """The owner's calendar day, in the owner's time zone."""
    from followthrough.tracker.services.owners import today_for

    return today_for(user)
