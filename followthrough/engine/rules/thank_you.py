"""Rule 1, ``thank-you``: after an interview, a thank-you note to each person met.

An interview (or informational interview) on Mar 2 with A and B makes one item
per person, due after the thank-you window (default one day: Mar 3). It is on
the agenda from the interview's own day (``Item.starts``): the note can be
written that evening (seed 003: send it the same day or the next). It is
handled by a message sent to that person (an email, a message or a call; a
meeting or another interview is not a note) on the interview's day or later.
Only the latest interview with a person counts (one note covers both rounds),
and an unsent note lapses ``LAPSE_DAYS`` after it
was due: nobody writes a thank-you note a month late.
"""

from __future__ import annotations

import datetime as dt

from followthrough.tracker.dates import day as date_text
from followthrough.tracker.models import Kind, Rule

from ..facts import Facts, InteractionFact
from ..items import Item

LAPSE_DAYS = 14


def due(facts: Facts, on: dt.date) -> list[Item]:
    if facts.settings.landed:
        return []
    window = facts.settings.thank_you_days
    items = []
    for person_id, interactions in facts.by_person.items():
        interview = latest_interview(interactions, on)
        if interview is None:
            continue
        due_on = interview.on + dt.timedelta(days=window)
        if not interview.on <= on <= due_on + dt.timedelta(days=LAPSE_DAYS):
            continue
        if thanked(interactions, interview, on):
            continue
        items.append(_item(facts, person_id, interview, due_on, window))
    return items


def latest_interview(interactions: list[InteractionFact], on: dt.date) -> InteractionFact | None:
    found = None
    for interaction in interactions:
        if interaction.on > on:
            break
        if interaction.is_interview:
            found = interaction
    return found


def is_note(interaction: InteractionFact, interview: InteractionFact) -> bool:
    """Whether ``interaction`` can be the thank-you note for ``interview``."""
    return (
        interaction.sent
        and interaction.id != interview.id
        and interaction.on >= interview.on
    )


def thanked(interactions: list[InteractionFact], interview: InteractionFact, on: dt.date) -> bool:
    return any(is_note(i, interview) and i.on <= on for i in interactions)


def is_thank_you(facts: Facts, message: InteractionFact) -> bool:
    """Whether ``message`` is someone's thank-you note, on time or late.

    It is the first message sent to a person after their latest interview, within
    the window and the lapse: a late thank-you is still a thank-you, not chasing
    and not the decision follow-up.
    """
    if not message.sent:
        return False
    lapse = dt.timedelta(days=facts.settings.thank_you_days + LAPSE_DAYS)
    for person_id in message.people:
        interactions = facts.by_person.get(person_id, ())
        interview = latest_interview(interactions, message.on)
        if interview is None or not is_note(message, interview):
            continue
        if message.on > interview.on + lapse:
            continue
        earlier = [
            i for i in interactions
            if is_note(i, interview) and i.order < message.order
        ]
        if not earlier:
            return True
    return False


def _item(facts: Facts, person_id: int, interview: InteractionFact, due_on, window) -> Item:
    name = facts.name(person_id)
    what = "had an informational interview with" if interview.kind == Kind.INFORMATIONAL else (
        "interviewed with"
    )
    within = "within a day" if window == 1 else f"within {window} days"
    return Item(
        rule=Rule.THANK_YOU,
        key=f"thank-you:{interview.id}:{person_id}",
        due=due_on,
        title=f"Send {name} a thank-you note",
        reason=(
            f"You {what} {name} on {date_text(interview.on)}; "
            f"thank-you notes are due {within}."
        ),
        person_id=person_id,
        opportunity_id=interview.opportunity_id,
        starts=interview.on,
    )
