"""``apply-by``: a posting's deadline, reminded before it passes.

An opportunity still at the *lead* stage whose posting gives an apply-by date
(``validThrough``, or typed) makes an item ``REMIND_DAYS`` before that date (or
the day it was added, if later). Applying (any move on from *lead*) handles it;
it lapses the day after the deadline, when applying is no longer possible.
"""

from __future__ import annotations

import datetime as dt

from followthrough.tracker.dates import day as date_text
from followthrough.tracker.models import Rule, Stage

from ..facts import Facts
from ..items import Item

REMIND_DAYS = 3
"""The item is due this many days before the deadline: time to write a good application."""


def due(facts: Facts, on: dt.date) -> list[Item]:
    if facts.settings.landed:
        return []
    items = []
    for opp in facts.opportunities.values():
        if opp.stage != Stage.LEAD or opp.apply_by is None or opp.apply_by < on:
            continue
        remind_on = opp.apply_by - dt.timedelta(days=REMIND_DAYS)
        if opp.added_on is not None:
            remind_on = max(remind_on, min(opp.added_on, opp.apply_by))
        items.append(
            Item(
                rule=Rule.APPLY_BY,
                key=f"apply-by:{opp.id}:{opp.apply_by.isoformat()}",
                due=remind_on,
                title=f"Apply for {opp.label} by {date_text(opp.apply_by)}",
                reason=(
                    f"The posting closes on {date_text(opp.apply_by)}; apply before then,"
                    " or let the lead go."
                ),
                opportunity_id=opp.id,
            )
        )
    return items
