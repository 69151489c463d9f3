"""Writers that change many rows at once take turns, per owner.

An import reads who is already there, then adds whoever is new: two imports of
the same file at once (a double click on Import) would both find nobody and
both add everyone. Each such writer first locks its owner's workspace row
(``SELECT ... FOR UPDATE`` on PostgreSQL), in its transaction, so the second
waits until the first has committed and then finds its rows. On SQLite every
write transaction begins ``IMMEDIATE`` (settings), which serialises writers for
the whole database already; the lock there is a no-op.
"""

from __future__ import annotations

from django.db import transaction

from ..models import Workspace
from .owners import workspace_for


def lock_workspace(owner) -> None:
    """Hold ``owner``'s workspace row until the current transaction ends."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_workspace() needs a transaction (transaction.atomic)")
    workspace = workspace_for(owner)
    list(Workspace.objects.select_for_update().filter(pk=workspace.pk).values_list("pk"))
