"""Which outbound messages still await a reply, thread by thread.

An outbound message is awaiting a reply until an inbound message arrives in
its thread (In-Reply-To/References), from anyone. Across threads the engine's
nudge rule already ends a person's chain at any inbound interaction with that
person. Only interactions that mail made are changed: what the seeker logged
by hand stays as they logged it.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone

from followthrough.tracker.models import Interaction

from .models import Direction, MailMessage

CHUNK = 500


def settle(owner, threads: set[str] | None = None) -> int:
    """Set ``awaiting_reply`` on mail-made outbound interactions; the number changed.

    ``threads`` limits the work to those threads (default: all of the owner's).
    """
    rows = MailMessage.objects.filter(owner=owner)
    if threads is not None:
        if not threads:
            return 0
        found = []
        listed = list(threads)
        for start in range(0, len(listed), CHUNK):
            found.extend(_rows(rows.filter(thread__in=listed[start : start + CHUNK])))
    else:
        found = _rows(rows)
    by_thread: dict[str, list] = defaultdict(list)
    for row in found:
        by_thread[row[0]].append(row)
    awaiting: set[int] = set()
    answered: set[int] = set()
    for messages in by_thread.values():
        inbound = [sent for _, direction, sent, _, _ in messages if direction == Direction.INBOUND]
        last_in = max(inbound) if inbound else None
        for _, direction, sent, interaction_id, made in messages:
            if direction != Direction.OUTBOUND or not made or interaction_id is None:
                continue
            if last_in is not None and last_in > sent:
                answered.add(interaction_id)
            else:
                awaiting.add(interaction_id)
    changed = 0
    now = timezone.now()
    for ids, value in ((awaiting, True), (answered, False)):
        listed = sorted(ids)
        for start in range(0, len(listed), CHUNK):
            changed += (
                Interaction.objects.filter(owner=owner, pk__in=listed[start : start + CHUNK])
                .filter(~Q(awaiting_reply=value))
                .update(awaiting_reply=value, updated_at=now)
            )
    return changed


def _rows(queryset) -> list[tuple]:
    return list(
        queryset.values_list("thread", "direction", "sent_at", "interaction_id", "made")
    )
