"""Start Django for a command: settings, a migrated database, the local owner.

Nothing here runs at import time, so ``followthrough --help`` stays fast and
never touches the data folder; each command calls :func:`owner` when it needs data.
"""

from __future__ import annotations

import datetime as dt
import os

_migrated = False


def setup() -> None:
    """Configure Django once per process (a no-op when it is already set up, as under pytest)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followthrough.settings")
    from django.apps import apps

    if not apps.ready:
        import django

        django.setup()


def migrate() -> None:
    """Bring the database up to date, silently, so a fresh FOLLOWTHROUGH_HOME just works.

    Checked once per process: reading the migration plan is cheap, running
    ``migrate`` only happens on first use or after an upgrade.
    """
    global _migrated
    if _migrated:
        return
    setup()
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)
    _migrated = True


def owner():
    """The local owner (made on first use) of a migrated database."""
    migrate()
    from followthrough.tracker.services.owners import local_owner

    return local_owner()


def today(user) -> dt.date:
    """The owner's calendar day, in the owner's time zone."""
    from followthrough.tracker.services.owners import today_for

    return today_for(user)
