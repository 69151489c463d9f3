"""Switch the change triggers off for the rest of one transaction (a restore).

The triggers of ``tracker.triggers`` and ``tracker.person_facts`` note every
write as it happens, which is what a log or an import wants and what a restore
does not: it writes (or deletes) an owner's whole workspace, row after row, and
every note it takes is thrown away by the full sync that follows. A restore
pauses them instead and then says, once, what the notes would have said
(``sync_state.rewriting``): a full sync is due, the counter moved, the kept
facts recomputed in one statement.

The pause is seen only by the transaction that takes it:

* SQLite: the triggers are dropped in the transaction and made again before it
  ends (SQLite's schema is transactional: a rollback brings them back). No other
  connection sees them missing: SQLite has one writer, and readers see the last
  committed schema. A flag read by each trigger's ``WHEN`` would cost a lookup per
  row and per trigger, a tenth of a big restore, and a little on every write.
* PostgreSQL: a transaction-local setting, ``followthrough.quiet``, which the
  trigger functions read first (``SET LOCAL session_replication_role`` would do
  the same for every trigger but needs a superuser; dropping the triggers would
  lock the tables for every owner). It ends with the transaction, or a
  rollback, whatever happens.

Nothing else may be written in between: the pause is not scoped to an owner.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

SETTING = "followthrough.quiet"

POSTGRESQL_QUIET = f"IF current_setting('{SETTING}', true) = 'on' THEN RETURN NULL; END IF; "
"""The first statement of every trigger function (PostgreSQL): nothing to do while paused."""


@contextmanager
def paused(connection) -> Iterator[None]:
    """No trigger fires for the writes of the ``with`` block (inside a transaction).

    The pause ends when the block does; if the block raises, it ends with the
    rollback that follows (the caller's ``transaction.atomic``).
    """
    if not connection.in_atomic_block:
        raise RuntimeError("paused() needs a transaction (transaction.atomic)")
    if connection.vendor == "sqlite":
        from . import triggers

        dropped = bool(triggers.names(connection))
        triggers.drop(connection)
        yield
        if dropped:
            triggers.create(connection)
    elif connection.vendor == "postgresql":
        _quiet(connection, "on")
        yield
        # Local to the transaction, not to a savepoint: released, it would last
        # until the outer transaction ends, hence switched back explicitly.
        _quiet(connection, "off")
    else:
        yield


def _quiet(connection, value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [SETTING, value])
