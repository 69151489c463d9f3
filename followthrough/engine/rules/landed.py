"""Rule 10, ``landed-thanks``: don't drop the ball after you land.

When an opportunity moves to accepted, everyone who helped during the search
(referrers, people met for informational interviews, coffees and meetings,
interviewers elsewhere) gets one item to thank them and share the news, due on
the day of the acceptance. An outbound interaction with the person on or after
that day handles it; items lapse ``WINDOW_DAYS`` after the acceptance.

Everyone who helped is thanked (seed 004: acknowledge everyone, however little
they helped): see ``facts.opportunities.load_helpers`` for who, and each item's reason says
what they did. Each other opportunity still open gets a ``let-go`` item (key
``let-go:withdraw:<opp>``, drafted with the graceful withdrawal note, seed 002),
handled once it is closed or a message about it was sent since the acceptance.

In a hosted job club (issue 14) the group's leader and the seeker's search
buddy helped too: ``club.engine_inputs.club_helpers`` (asked with the accepted
opportunity's id) names them as people in the seeker's workspace, and each gets
the same thank-you-and-news item, unless they already helped otherwise.

The workspace switches to landed mode on a new acceptance (see ``sync``); in
landed mode rules 1 to 5 and the buddy summary rest while 9 to 11 go on.
"""

from __future__ import annotations

import datetime as dt

from followthrough.tracker.models import ACTIVE_STAGES, Rule, Stage

from ..facts import WINDOW_DAYS, Facts, Helper, OpportunityFact
from ..items import Item


def latest_acceptance(facts: Facts, on: dt.date) -> OpportunityFact | None:
    """The most recently accepted opportunity as of ``on``, if any."""
    accepted = [
        o for o in facts.opportunities.values()
        if o.stage == Stage.ACCEPTED and o.stage_changed_on and o.stage_changed_on <= on
    ]
    return max(accepted, key=lambda o: (o.stage_changed_on, o.id), default=None)


def due(facts: Facts, on: dt.date) -> list[Item]:
    items = []
    for opp_id, helpers in facts.helpers.items():
        opp = facts.opportunities[opp_id]
        accepted_on = opp.stage_changed_on
        if not accepted_on <= on <= accepted_on + dt.timedelta(days=WINDOW_DAYS):
            continue
        for helper, name in _with_club(facts, opp_id, helpers):
            if _thanked(facts, helper.person_id, accepted_on, on):
                continue
            items.append(
                Item(
                    rule=Rule.LANDED_THANKS,
                    key=f"landed-thanks:{opp_id}:{helper.person_id}",
                    due=accepted_on,
                    title=f"Thank {name} and share your news",
                    reason=(
                        f"{name} helped during your search ({helper.why}); "
                        f"thank them and tell them you start as {opp.label}."
                    ),
                    person_id=helper.person_id,
                    opportunity_id=opp_id,
                )
            )
    return items + withdrawals(facts, on)


def _with_club(facts: Facts, opp_id: int, helpers: list[Helper]) -> list[tuple[Helper, str]]:
    """The helpers with their names, and the job club's leader and buddy after them."""
    found = [(h, facts.name(h.person_id)) for h in helpers]
    from django.apps import apps

    if not apps.is_installed("followthrough.club"):
        return found
    from followthrough.club.engine_inputs import club_helpers

    known = {h.person_id for h in helpers}
    for extra in club_helpers(opp_id):
        if extra.person_id not in known:
            found.append((Helper(extra.person_id, extra.why), extra.name))
    return found


def withdrawals(facts: Facts, on: dt.date) -> list[Item]:
    """On landing, a graceful withdrawal from every other opportunity still open."""
    accepted = latest_acceptance(facts, on)
    if accepted is None:
        return []
    accepted_on = accepted.stage_changed_on
    if (on - accepted_on).days > WINDOW_DAYS:
        return []
    items = []
    for other in facts.opportunities.values():
        if other.id == accepted.id or other.stage not in ACTIVE_STAGES:
            continue
        if any(
            i.sent and i.on >= accepted_on and i.on <= on
            for i in facts.by_opportunity.get(other.id, ())
        ):
            continue
        contact = other.main_contact
        whom = f" and tell {facts.name(contact)}" if contact else ""
        items.append(
            Item(
                rule=Rule.LET_GO,
                key=f"let-go:withdraw:{other.id}",
                due=accepted_on,
                title=f"Withdraw from {other.label} gracefully",
                reason=(
                    f"You accepted {accepted.label}; withdraw from {other.label}{whom}, "
                    "kindly, with thanks and an offer to stay in touch."
                ),
                person_id=contact,
                opportunity_id=other.id,
            )
        )
    return items


def _thanked(facts: Facts, person_id: int, since: dt.date, on: dt.date) -> bool:
    return any(
        i.outbound and since <= i.on <= on for i in facts.by_person.get(person_id, ())
    )
