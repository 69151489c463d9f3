"""Rule 2, ``decision-follow-up``, and the ``let-go`` that follows it.

Any logged interaction about the opportunity (an interview, an email from them,
a call) may record the decision date the employer stated; the latest one stated
counts. On that date, and not before, one polite follow-up to the opportunity's
main contact is due (hiring manager, else recruiter, referrer, interviewer); a
date on a Saturday or a Sunday is followed up on the next working day (seed
001: ask when they will decide, mark the calendar, follow up once that day).
With no date stated, it is due ``follow_up_business_days`` working days after
the last interview.

One follow-up per stated date: the key carries the due day, so a later round
that states a new date makes a new follow-up on that day. It is handled when the
task is marked done (or dismissed), or when a message about the opportunity (an
email, a message or a call; not another interview or meeting) is sent on or
after the due day. A thank-you note (``thank_you.is_thank_you``) and the note
that ``offer-timing`` asked for (``offer_timing.is_offer_note``) are courtesy,
never the follow-up. After the follow-up there is no other; if nothing is heard
about it (no inbound interaction) for ``let_go_after_days``, a ``let-go`` item
suggests moving on. Items lapse ``WINDOW_DAYS`` after they were due.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from followthrough.tracker.dates import day as date_text
from followthrough.tracker.models import ACTIVE_STAGES, Rule, Stage

from ..dates import add_business_days
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
    stated_on: dt.date | None = None
    key: str = ""


def key_for(opportunity_id: int, due: dt.date | None = None) -> str:
    """``decision-follow-up:<opp>``, and ``:<day>`` for a stated date (one per date)."""
    base = f"decision-follow-up:{opportunity_id}"
    return f"{base}:{due.isoformat()}" if due else base


def working_day(day: dt.date) -> dt.date:
    """``day``, or the Monday after when it falls on a weekend."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def stated_date(facts: Facts, opp: OpportunityFact, on: dt.date) -> dt.date | None:
    """The decision date stated last, as of ``on``: in any interaction, else the opportunity's."""
    about = [i for i in facts.by_opportunity.get(opp.id, ()) if i.on <= on and i.decision_date]
    if about:
        return about[-1].decision_date
    return opp.decision_date


def courtesy(facts: Facts, message: InteractionFact) -> bool:
    """A thank-you note or the note offer-timing asked for: never chasing, never the follow-up."""
    from . import offer_timing, thank_you

    return thank_you.is_thank_you(facts, message) or offer_timing.is_offer_note(facts, message)


def state(
    facts: Facts, opp: OpportunityFact, on: dt.date, before: InteractionFact | None = None
) -> FollowUp | None:
    """The follow-up for ``opp``: when it is due and when (if ever) it was done.

    ``before``: count only what was logged before that message (the chasing check).
    """
    about = [
        i for i in facts.by_opportunity.get(opp.id, ())
        if i.on <= on and (before is None or i.order < before.order)
    ]
    interviews = [i for i in about if i.is_interview]
    stated = stated_date(facts, opp, on)
    if stated:
        due_on, is_stated = working_day(stated), True
    elif interviews:
        due_on = add_business_days(interviews[-1].on, facts.settings.follow_up_business_days)
        is_stated = False
    else:
        return None
    done = [i.on for i in about if i.sent and i.on >= due_on and not courtesy(facts, i)]
    key = key_for(opp.id, due_on if is_stated else None)
    closed = facts.closed_keys.get(key)
    if closed is not None:
        done.append(max(closed.closed_on, due_on))
    last = interviews[-1] if interviews else None
    return FollowUp(due_on, is_stated, last, min(done, default=None), stated, key)


def chasing(facts: Facts, message: InteractionFact) -> str | None:
    """Why ``message`` (outbound, about a waiting opportunity) reads as chasing, if it does.

    Before the stated date, or after the one follow-up while waiting for the
    let-go ("and then do nothing", seed 001). Courtesy notes never chase.
    """
    opp = facts.opportunities.get(message.opportunity_id) if message.opportunity_id else None
    if opp is None or opp.stage not in WAITING_STAGES or not message.sent:
        return None
    if courtesy(facts, message):
        return None
    follow_up = state(facts, opp, message.on, before=message)
    if follow_up is None:
        return None
    if follow_up.done_on is None:
        if follow_up.stated and message.on < follow_up.due:
            return (
                f"The decision date for {opp.label} is {date_text(follow_up.stated_on)}; "
                "following up before it reads as chasing."
            )
        return None
    about = facts.by_opportunity.get(opp.id, ())
    heard = any(i.inbound and follow_up.done_on <= i.on <= message.on for i in about)
    let_go_on = follow_up.done_on + dt.timedelta(days=facts.settings.let_go_after_days)
    if heard or message.on >= let_go_on:
        return None
    followed, let_go = date_text(follow_up.done_on), date_text(let_go_on)
    return (
        f"You followed up on {opp.label} on {followed}; one follow-up is enough, and another "
        f"message reads as chasing. Wait to hear; on {let_go} it is time to let it go."
    )


def governs(facts: Facts, opportunity_id: int | None) -> bool:
    """Whether rule 2 (not the nudges) decides when to write about this opportunity."""
    if opportunity_id is None:
        return False
    opp = facts.opportunities.get(opportunity_id)
    if opp is None:
        return False
    return bool(opp.decision_date) or any(
        i.is_interview or i.decision_date for i in facts.by_opportunity.get(opportunity_id, ())
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
        weekend = (
            " (a weekend day, so the next working day)"
            if follow_up.stated_on and follow_up.stated_on != follow_up.due else ""
        )
        reason = (
            f"{opp.organization} said they would decide by "
            f"{date_text(follow_up.stated_on)}"
            f"{weekend}; one short, polite follow-up{to} is in order now."
        )
    else:
        last = follow_up.last_interview
        when = date_text(last.on) if last else "recently"
        days = facts.settings.follow_up_business_days
        reason = (
            f"You interviewed for {opp.role} on {when} and no decision date was given; "
            f"after {days} working days one polite follow-up{to} is fair."
        )
    return Item(
        rule=Rule.DECISION_FOLLOW_UP,
        key=follow_up.key,
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
            f"{date_text(done_on)}; mark it let go, send a short thanks, and put the "
            "energy elsewhere."
        ),
        person_id=opp.main_contact,
        opportunity_id=opp.id,
    )
