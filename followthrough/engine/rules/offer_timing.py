"""Rule 5, ``offer-timing``: an offer changes the timing.

An offer whose deadline falls before the decision date of another active,
interesting opportunity (interest 3 or more, still waiting for a decision)
makes an item to tell that opportunity's hiring manager (its main contact) now.
It is handled by a message sent about that opportunity once the offer is in
(an email, a message or a call: an interview that day does not tell them), and
lapses when the offer's deadline has passed.
"""

from __future__ import annotations

import datetime as dt

from followthrough.tracker.dates import day as date_text
from followthrough.tracker.models import Rule, Stage

from ..facts import Facts, InteractionFact, OpportunityFact
from ..items import Item
from .follow_up import WAITING_STAGES

INTERESTING = 3


def due(facts: Facts, on: dt.date) -> list[Item]:
    if facts.settings.landed:
        return []
    offers = [
        o for o in facts.opportunities.values()
        if o.stage == Stage.OFFER and o.offer_deadline and o.offer_deadline >= on
    ]
    items = []
    for offer in offers:
        offered_on = min(offer.stage_changed_on or on, on)
        for other in facts.opportunities.values():
            if not _waits_past(other, offer):
                continue
            told = any(
                i.sent and offered_on <= i.on <= on
                for i in facts.by_opportunity.get(other.id, ())
            )
            if not told:
                items.append(_item(facts, offer, other, offered_on))
    return items


def is_offer_note(facts: Facts, message: InteractionFact) -> bool:
    """Whether ``message`` is the note this rule asked for (telling them of an offer).

    The first message sent about a waiting opportunity once another's offer, due
    before its decision date, was in: courtesy, not chasing nor the follow-up.
    """
    if not message.sent or message.opportunity_id is None:
        return False
    other = facts.opportunities.get(message.opportunity_id)
    if other is None:
        return False
    for offer in facts.offers:
        if not _waits_past(other, offer, waiting=False):
            continue
        offered_on = offer.stage_changed_on or message.on
        if not offered_on <= message.on <= offer.offer_deadline:
            continue
        earlier = [
            i for i in facts.by_opportunity.get(other.id, ())
            if i.sent and offered_on <= i.on and i.order < message.order
        ]
        if not earlier:
            return True
    return False


def _waits_past(other: OpportunityFact, offer: OpportunityFact, waiting: bool = True) -> bool:
    return (
        other.id != offer.id
        and (other.stage in WAITING_STAGES or not waiting)
        and other.interest >= INTERESTING
        and other.decision_date is not None
        and other.decision_date > offer.offer_deadline
    )


def _item(facts: Facts, offer: OpportunityFact, other: OpportunityFact, offered_on) -> Item:
    contact = other.main_contact
    whom = facts.name(contact) if contact else f"the hiring manager at {other.organization}"
    return Item(
        rule=Rule.OFFER_TIMING,
        key=f"offer-timing:{offer.id}:{other.id}",
        due=offered_on,
        title=f"Tell {other.organization} about your offer",
        reason=(
            f"Your offer from {offer.organization} needs an answer by "
            f"{date_text(offer.offer_deadline)}, before {other.organization} decides on "
            f"{date_text(other.decision_date)}; tell {whom} now, it may speed things up."
        ),
        person_id=contact,
        opportunity_id=other.id,
    )
