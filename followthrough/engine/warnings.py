"""The chasing warning (rules 2 and 3): following up when the etiquette says wait.

Registered in ``services.interactions.WARNING_CHECKS``: logging still succeeds,
the web page and the CLI show the warning. Three cases, each from seed 001 or
000 (``follow_up.chasing`` and ``nudge.after_no`` hold the pure logic):

* a message about an opportunity before its stated decision date;
* another message after the one follow-up, before the let-go ("and then do
  nothing");
* a message to someone who said a clear no about it.

A thank-you note (on time or late) and the note ``offer-timing`` asked for are
never chasing, nor is an interview or a meeting.
"""

from __future__ import annotations

import datetime as dt

from followthrough.tracker.models import Direction, Interaction, Kind
from followthrough.tracker.services.interactions import heard_a_clear_no

from .facts import WINDOW_DAYS, Scope, load_facts
from .incremental import MAX_SCOPE, partners, widen
from .rules import follow_up, nudge
from .rules.follow_up import WAITING_STAGES

CHASING_KINDS = frozenset({Kind.EMAIL, Kind.CALL, Kind.MESSAGE})


def chasing_warning(owner, interaction: Interaction) -> list[str]:
    """One sentence when ``interaction`` reads as chasing, else nothing."""
    if interaction.direction != Direction.OUTBOUND or interaction.kind not in CHASING_KINDS:
        return []
    opp = interaction.opportunity
    waiting = opp is not None and opp.stage in WAITING_STAGES
    if not waiting and not heard_a_clear_no(owner, interaction):
        return []  # the common case, without loading the facts
    facts = load_facts(owner, interaction.occurred_on, scope=_scope(owner, interaction))
    message = next((i for i in facts.interactions if i.id == interaction.pk), None)
    if message is None:
        return []
    found = follow_up.chasing(facts, message) or nudge.after_no(facts, message)
    return [found] if found else []


def _scope(owner, interaction: Interaction) -> Scope | None:
    """The facts the warning reads: the message's people and opportunity, and what
    tells whether earlier messages were courtesy (``incremental.widen``); ``None``
    (everything) when that is not small."""
    on = interaction.occurred_on
    start = on - dt.timedelta(days=WINDOW_DAYS)
    people = set(interaction.people.values_list("pk", flat=True))
    opportunities = {interaction.opportunity_id} if interaction.opportunity_id else set()
    people, opportunities = widen(owner, on, start, people, opportunities)
    people |= partners(people, on, start)
    if len(people) > MAX_SCOPE:
        return None
    return Scope(frozenset(people), frozenset(opportunities))
