"""Rule 13, ``prepare``: research before the interview (seed 001).

An interview written down before its day (logged for a future day) makes one item
the day before: research the organization, pick the culture questions to ask
(the culture-fit feature has them; the draft and the opportunity page list them)
and reach the people you know there. It stays until the interview's day, then
lapses. An opportunity moved to interviewing with no interview logged yet makes
one such item on the day it moved (the date is not known: research now). Both
rest in landed mode.
"""

from __future__ import annotations

import datetime as dt

from followthrough.tracker.dates import day as date_text
from followthrough.tracker.models import Rule, Stage

from ..facts import Facts, OpportunityFact
from ..items import Item

OPEN_DAYS = 3
"""How long the item for an opportunity moved to interviewing stays, without a date."""


def due(facts: Facts, on: dt.date) -> list[Item]:
    if facts.settings.landed:
        return []
    items = []
    for planned in facts.planned:
        due_on = planned.on - dt.timedelta(days=1)
        if not due_on <= on <= planned.on:
            continue
        opp = facts.opportunities.get(planned.opportunity_id) if planned.opportunity_id else None
        what = f"Your interview for {opp.label}" if opp else "Your interview"
        items.append(
            _item(facts, f"prepare:{planned.id}", due_on, opp,
                  f"{what} is on {date_text(planned.on)}")
        )
    for opp in facts.opportunities.values():
        moved = opp.stage_changed_on
        if opp.stage != Stage.INTERVIEWING or moved is None:
            continue
        if not moved <= on <= moved + dt.timedelta(days=OPEN_DAYS):
            continue
        if _interview_logged(facts, opp, moved):
            continue
        items.append(
            _item(facts, f"prepare:opportunity:{opp.id}:{moved.isoformat()}", moved, opp,
                  f"{opp.label} moved to interviewing on {date_text(moved)}")
        )
    return items


def _interview_logged(facts: Facts, opp: OpportunityFact, since: dt.date) -> bool:
    about = facts.by_opportunity.get(opp.id, ())
    return any(i.is_interview and i.on >= since for i in about) or any(
        p.opportunity_id == opp.id and p.on >= since for p in facts.planned
    )


def _item(facts: Facts, key: str, due_on: dt.date, opp: OpportunityFact | None, what: str):
    org = opp.organization if opp else "the organization"
    known = facts.known_at.get(opp.organization_id, ()) if opp and opp.organization_id else ()
    names = [facts.name(p) for p in known]
    people = (
        f"; ask {_either(names)}, whom you know there, what it is like"
        if names else "; find someone you know there, if you can"
    )
    return Item(
        rule=Rule.PREPARE,
        key=key,
        due=due_on,
        title=f"Prepare for {opp.label}" if opp else "Prepare for your interview",
        reason=(
            f"{what}: research {org} and pick the culture questions to ask{people}."
        ),
        person_id=known[0] if known else None,
        opportunity_id=opp.id if opp else None,
    )


def _either(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} or {names[-1]}"
