"""Rule 2, ``decision-follow-up``, and the ``let-go`` that follows it.

An interview records the decision date the employer stated. On that date, and
not before, one polite follow-up to the opportunity's main contact is due
(hiring manager, else recruiter, referrer, interviewer). With no date stated,
it is due ``follow_up_business_days`` working days after the last interview.

It is handled when the task is marked done (or dismissed), or when a message
about the opportunity (an email, a message or a call; not another interview or
meeting) is sent on or after a decision date. After
that there is never another follow-up on that opportunity; if nothing is heard
about it (no inbound interaction) for ``let_go_after_days``, a ``let-go`` item
suggests moving on. Items lapse ``WINDOW_DAYS`` after they were due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from followthrough.tracker.models import ACTIVE_STAGES, Rule, Stage

from ..dates import add_business_days, short
from ..facts import WINDOW_DAYS, Facts, InteractionFact, OpportunityFact
from ..items import Item

WAITING_STAGES = ACTIVE_STAGES - {Stage.OFFER}
"""Stages in which the seeker waits for a decision (an offer is one)."""


@dataclass(frozen=True, slots=True)
class FollowUp:
    """Where an opportunity stands on rule 2 as of a day."""

    due: dt.date
    stated: bool
    last_interview: InteractionFact | None
    done_on: dt.date | None


def key_for(opportunity_id: int) -> str:
    return f"decision-follow-up:{opportunity_id}"


def state(facts: Facts, opp: OpportunityFact, on: dt.date) -> FollowUp | None:
    """The follow-up for ``opp``: when it is due and when (if ever) it was done."""
    about = [i for i in facts.by_opportunity.get(opp.id, ()) if i.on <= on]
    interviews = [i for i in about if i.is_interview]
    stated = [i.decision_date for i in interviews if i.decision_date]
    if opp.decision_date:
        due_on, is_stated = opp.decision_date, True
        stated.append(opp.decision_date)
    elif interviews:
        due_on = add_business_days(interviews[-1].on, facts.settings.follow_up_business_days)
        is_stated = False
    else:
        return None
    earliest = min([*stated, due_on])
    done = [i.on for i in about if i.sent and i.on >= earliest]
    closed = facts.closed_keys.get(key_for(opp.id))
    if closed is not None:
        done.append(closed.closed_on)
    last = interviews[-1] if interviews else None
    return FollowUp(due_on, is_stated, last, min(done, default=None))


def governs(facts: Facts, opportunity_id: int | None) -> bool:
    """Whether rule 2 (not the nudges) decides when to write about this opportunity."""
    if opportunity_id is None:
        return False
    opp = facts.opportunities.get(opportunity_id)
    if opp is None:
        return False
    return bool(opp.decision_date) or any(
        i.is_interview for i in facts.by_opportunity.get(opportunity_id, ())
    )


def due(facts: Facts, on: dt.date) -> list[Item]:
    if facts.settings.landed:
        return []
    items = []
    for opp in facts.opportunities.values():
        if opp.stage not in WAITING_STAGES:
            continue
        follow_up = state(facts, opp, on)
        if follow_up is None:
            continue
        if follow_up.done_on is None:
            if follow_up.due <= on <= follow_up.due + dt.timedelta(days=WINDOW_DAYS):
                items.append(_follow_up(facts, opp, follow_up))
        else:
            item = _let_go(facts, opp, follow_up.done_on, on)
            if item is not None:
                items.append(item)
    return items


def _follow_up(facts: Facts, opp: OpportunityFact, follow_up: FollowUp) -> Item:
    contact = opp.main_contact
    to = f" to {facts.name(contact)}" if contact else ""
    if follow_up.stated:
        reason = (
            f"{opp.organization} said they would decide by {short(follow_up.due)}; "
            f"one short, polite follow-up{to} is in order now."
        )
    else:
        when = short(follow_up.last_interview.on) if follow_up.last_interview else "recently"
        days = facts.settings.follow_up_business_days
        reason = (
            f"You interviewed for {opp.role} on {when} and no decision date was given; "
            f"after {days} working days one polite follow-up{to} is fair."
        )
    return Item(
        rule=Rule.DECISION_FOLLOW_UP,
        key=key_for(opp.id),
        due=follow_up.due,
        title=f"Follow up on {opp.label}",
        reason=reason,
        person_id=contact,
        opportunity_id=opp.id,
    )


def _let_go(facts: Facts, opp: OpportunityFact, done_on: dt.date, on: dt.date) -> Item | None:
    about = [i for i in facts.by_opportunity.get(opp.id, ()) if done_on <= i.on <= on]
    if any(i.inbound for i in about):
        return None
    due_on = done_on + dt.timedelta(days=facts.settings.let_go_after_days)
    if not due_on <= on <= due_on + dt.timedelta(days=WINDOW_DAYS):
        return None
    if any(i.sent and i.on >= due_on for i in about):
        return None  # they already wrote the closing note
    days = facts.settings.let_go_after_days
    return Item(
        rule=Rule.LET_GO,
        key=f"let-go:opportunity:{opp.id}",
        due=due_on,
        title=f"Let {opp.label} go",
        reason=(
            f"Nothing heard about {opp.label} in {days} days since your follow-up on "
            f"{short(done_on)}; mark it let go, send a short thanks, and put the energy elsewhere."
        ),
        person_id=opp.main_contact,
        opportunity_id=opp.id,
    )
