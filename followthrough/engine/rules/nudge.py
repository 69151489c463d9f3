"""Rule 3, ``nudge`` and ``let-go``: know when to move on.

An outbound message awaiting a reply, sent Mar 1, makes a nudge on Mar 8 (after
``nudge_after_days``), not before. Each later outbound email or message to that
person is a nudge and restarts the wait; after ``max_nudges`` unanswered nudges
the next item is ``let-go``, never another nudge. The chain ends when the person
answers (any inbound interaction) or when you talk (a call, meeting, coffee or
interview). An interaction marked as a clear no ends it at once with ``let-go``,
and after it no message to that person about the same thing starts a chain again
(seed 000: after a clear no, stop): logging one earns a gentle warning instead
(``after_no``), unless they wrote back since.

Messages about an opportunity with an interview or a decision date are left to
rule 2 (one follow-up on the decision date), and thank-you notes are never nudged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from followthrough.tracker.dates import day as date_text
from followthrough.tracker.models import Kind, Rule

from ..facts import WINDOW_DAYS, Facts, InteractionFact
from ..items import Item
from . import follow_up, thank_you

CONVERSATION_KINDS = frozenset(
    {Kind.CALL, Kind.MEETING, Kind.COFFEE, Kind.INFORMATIONAL, Kind.INTERVIEW}
)
"""Talking with someone answers the question of whether they reply."""


@dataclass
class Chain:
    """A message awaiting a reply from one person, and the nudges after it."""

    person_id: int
    root: InteractionFact
    nudges: list[InteractionFact] = field(default_factory=list)

    @property
    def last(self) -> dt.date:
        return self.nudges[-1].on if self.nudges else self.root.on


def due(facts: Facts, on: dt.date) -> list[Item]:
    if facts.settings.landed:
        return []
    items: dict[str, Item] = {}
    for person_id, interactions in facts.by_person.items():
        chain, clear_noes = follow(facts, person_id, interactions, on)
        if chain is not None:
            item = _chain_item(facts, chain, on)
            if item is not None:
                items[item.key] = item
        for no in clear_noes:
            item = _clear_no_item(facts, person_id, no, interactions, on)
            if item is not None:
                items.setdefault(item.key, item)
    return list(items.values())


def follow(
    facts: Facts,
    person_id: int,
    interactions: list[InteractionFact],
    on: dt.date,
    sent: list[InteractionFact] | None = None,
) -> tuple[Chain | None, list[InteractionFact]]:
    """The open chain with ``person_id`` as of ``on``, and the clear noes heard.

    ``sent``, when given, collects every nudge logged (for the weekly summary).
    """
    limit = facts.settings.max_nudges
    chain: Chain | None = None
    clear_noes = []
    for interaction in interactions:
        if interaction.on > on:
            break
        if interaction.clear_no:
            clear_noes.append(interaction)
            chain = None
        elif interaction.inbound or interaction.kind in CONVERSATION_KINDS:
            chain = None
        elif not interaction.outbound:
            continue
        elif chain is None or _past_let_go(facts, chain, interaction):
            started = _starts_chain(facts, interaction, interactions) and not _said_no(
                person_id, interaction, interactions
            )
            chain = Chain(person_id, interaction) if started else None
        elif len(chain.nudges) < limit:
            chain.nudges.append(interaction)
            if sent is not None:
                sent.append(interaction)
    return chain, clear_noes


def _past_let_go(facts: Facts, chain: Chain, interaction: InteractionFact) -> bool:
    """After the last nudge, a message sent once let-go is due closes the chain."""
    if len(chain.nudges) < facts.settings.max_nudges:
        return False
    return interaction.on >= chain.last + dt.timedelta(days=facts.settings.nudge_after_days)


def _starts_chain(facts: Facts, message: InteractionFact, interactions) -> bool:
    if not message.awaiting_reply or follow_up.governs(facts, message.opportunity_id):
        return False
    interview = thank_you.latest_interview(interactions, message.on)
    if interview is None or not thank_you.is_note(message, interview):
        return True
    lapse = facts.settings.thank_you_days + thank_you.LAPSE_DAYS
    return message.on > interview.on + dt.timedelta(days=lapse)


def _said_no(
    person_id: int, message: InteractionFact, interactions: list[InteractionFact]
) -> InteractionFact | None:
    """The clear no from ``person_id`` that ``message`` comes after, about the same thing.

    A no about an opportunity covers messages about it; a no about nothing in
    particular covers every message. Anything heard from them since lifts it.
    """
    found = None
    for interaction in interactions:
        if interaction.order >= message.order:
            break
        if interaction.clear_no and (
            interaction.opportunity_id is None
            or interaction.opportunity_id == message.opportunity_id
        ):
            found = interaction
        elif found is not None and interaction.inbound:
            found = None
    return found


def after_no(facts: Facts, message: InteractionFact) -> str | None:
    """A gentle warning when ``message`` goes to someone who said a clear no about it.

    The first message after the no is the short thanks that ``let-go`` asks for;
    the ones after that are the warning's.
    """
    if not message.outbound or message.kind in CONVERSATION_KINDS:
        return None
    for person_id in message.people:
        interactions = facts.by_person.get(person_id, [])
        no = _said_no(person_id, message, interactions)
        if no is None:
            continue
        since = [
            i for i in interactions
            if no.order < i.order < message.order and i.outbound
        ]
        if not since:
            continue  # the short thanks
        name = facts.name(person_id)
        return (
            f"{name} said a clear no on {date_text(no.on)}; no nudge is coming for this "
            "one. If it is only to stay in touch, keep it light and ask for nothing."
        )
    return None


def _closed(facts: Facts, opportunity_id: int | None) -> bool:
    opp = facts.opportunities.get(opportunity_id) if opportunity_id else None
    return opp is not None and not opp.active


def _chain_item(facts: Facts, chain: Chain, on: dt.date) -> Item | None:
    settings = facts.settings
    due_on = chain.last + dt.timedelta(days=settings.nudge_after_days)
    if not due_on <= on <= due_on + dt.timedelta(days=WINDOW_DAYS):
        return None
    if _closed(facts, chain.root.opportunity_id):
        return None
    name = facts.name(chain.person_id)
    count = len(chain.nudges)
    if count >= settings.max_nudges:
        return _let_go(facts, chain, due_on)
    if count == 0:
        reason = (
            f"You wrote to {name} on {date_text(chain.root.on)} and have not heard "
            f"back in {settings.nudge_after_days} days; a short, friendly nudge is fair."
        )
    else:
        which = "one last" if count + 1 == settings.max_nudges else "another"
        reason = (
            f"No reply from {name} since your nudge on {date_text(chain.last)}; "
            f"{which} short nudge is fair."
        )
    return Item(
        rule=Rule.NUDGE,
        key=f"nudge:{chain.root.id}:{chain.person_id}:{count + 1}",
        due=due_on,
        title=f"Nudge {name}",
        reason=reason,
        person_id=chain.person_id,
        opportunity_id=chain.root.opportunity_id,
    )


def _let_go(facts: Facts, chain: Chain, due_on: dt.date) -> Item:
    name = facts.name(chain.person_id)
    count = len(chain.nudges)
    nudges = "your nudge" if count == 1 else f"{count} nudges"
    return Item(
        rule=Rule.LET_GO,
        key=f"let-go:{chain.root.id}:{chain.person_id}",
        due=due_on,
        title=_let_go_title(facts, name, chain.root.opportunity_id),
        reason=(
            f"{name} has not answered your note of {date_text(chain.root.on)} "
            f"or {nudges}; "
            f"{_let_go_advice(facts, chain.root.opportunity_id)}"
        ),
        person_id=chain.person_id,
        opportunity_id=chain.root.opportunity_id,
    )


def _clear_no_item(facts, person_id, no: InteractionFact, interactions, on) -> Item | None:
    if not no.on <= on <= no.on + dt.timedelta(days=WINDOW_DAYS):
        return None
    if _closed(facts, no.opportunity_id):
        return None
    if any(i.sent and i.order > no.order and i.on <= on for i in interactions):
        return None  # the short thanks is sent
    name = facts.name(person_id)
    return Item(
        rule=Rule.LET_GO,
        key=f"let-go:no:{no.id}",
        due=no.on,
        title=_let_go_title(facts, name, no.opportunity_id),
        reason=(
            f"{name} said no on {date_text(no.on)}; "
            f"{_let_go_advice(facts, no.opportunity_id)}"
        ),
        person_id=person_id,
        opportunity_id=no.opportunity_id,
    )


def _let_go_title(facts: Facts, name: str, opportunity_id: int | None) -> str:
    opp = facts.opportunities.get(opportunity_id) if opportunity_id else None
    return f"Let {opp.label} go" if opp else f"Let it go with {name}"


def _let_go_advice(facts: Facts, opportunity_id: int | None) -> str:
    opp = facts.opportunities.get(opportunity_id) if opportunity_id else None
    mark = f"mark {opp.label} let go, " if opp else ""
    return f"let it go kindly: {mark}send a short thanks, and put the energy elsewhere."
