"""Logging interactions: the action a seeker takes most."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import QuerySet

from .. import hooks
from ..models import (
    INTERVIEW_KINDS,
    Direction,
    Interaction,
    Kind,
    Opportunity,
    OpportunityPerson,
    Person,
    Role,
    Stage,
    StageChange,
)
from . import parsing, rapport
from .errors import InputError
from .opportunities import resolve_opportunity
from .people import resolve_person

_EARLY_STAGES = {Stage.LEAD, Stage.APPLIED, Stage.SCREENING}


@dataclass
class LogInput:
    """A logged interaction. Only ``kind`` and ``people`` are required; ``on`` defaults to today."""

    kind: str
    people: list[str | Person]
    on: str | dt.date | None = None
    at: dt.time | None = None
    direction: str | None = None
    summary: str = ""
    body: str = ""
    """The message as it was sent (a draft marked sent keeps its words)."""
    rapport_note: str = ""
    # One note per person, ``Name=note`` (see ``services.rapport``); ``rapport_note``
    # may hold the same form, or one bare note when there is one person.
    rapport_notes: list[str] = field(default_factory=list)
    awaiting_reply: bool = False
    asked: bool = False
    gave: bool = False
    clear_no: bool = False
    opportunity: str | int | Opportunity | None = None
    decision_date: str | dt.date | None = None


@dataclass
class LogResult:
    interaction: Interaction
    warnings: list[str] = field(default_factory=list)
    moved_from: str | None = None
    """The stage an interview moved its opportunity from (to *interviewing*), if it did."""

    @property
    def moved(self) -> str:
        """"Moved Backend Engineer at Acme to Interviewing." when the interview moved it."""
        if not self.moved_from or self.interaction.opportunity is None:
            return ""
        opp = self.interaction.opportunity
        return f"Moved {opp} from {Stage(self.moved_from).label} to {opp.get_stage_display()}."


# Checks run after an interaction is saved, each returning warnings (not errors):
# the etiquette engine registers the "this reads as chasing" check here.
WARNING_CHECKS: list[Callable[[object, Interaction], list[str]]] = hooks.WARNING_CHECKS


def _default_direction(kind: str) -> str:
    return Direction.NONE if kind == Kind.NOTE else Direction.OUTBOUND


@transaction.atomic
def log_interaction(owner, data: LogInput, today: dt.date) -> LogResult:
    """Record what happened; an ``InputError`` leaves nothing behind.

    An interview about an opportunity still early in the pipeline moves it to
    *interviewing*, its people become the opportunity's interviewers, and a
    stated decision date is copied onto the opportunity.
    """
    kind = parsing.clean_choice(data.kind, Kind, "kind")
    names = [p for p in data.people if (p.strip() if isinstance(p, str) else p)]
    if not names:
        raise InputError("with: say whom this was with (a name or an id).", "people")
    people = _unique([resolve_person(owner, p, "with") for p in names])
    occurred_on = parsing.parse_date(data.on, "on") or today
    direction = parsing.clean_choice(
        data.direction, Direction, "direction", default=_default_direction(kind)
    ) if data.direction else _default_direction(kind)
    decision_date = parsing.parse_date(data.decision_date, "decision_date")
    if decision_date and decision_date < occurred_on:
        raise InputError(
            "decision_date: the decision date is before the interaction; check the dates.",
            "decision_date",
        )
    opportunity = _opportunity(owner, data.opportunity)
    summary = parsing.clean_text(data.summary, "summary")
    body = parsing.clean_text(data.body, "body")
    parsing.clean_text(data.rapport_note, "rapport_note")
    notes = rapport.split_notes([data.rapport_note, *data.rapport_notes], people)
    rapport_note = rapport.summary_text(notes, people)
    if data.awaiting_reply and direction != Direction.OUTBOUND:
        raise InputError(
            "awaiting_reply: only something you sent (outbound) can await a reply.",
            "awaiting_reply",
        )
    interaction = Interaction.objects.create(
        owner=owner,
        kind=kind,
        occurred_on=occurred_on,
        occurred_time=data.at,
        direction=direction,
        opportunity=opportunity,
        summary=summary,
        body=body,
        rapport_note=rapport_note,
        awaiting_reply=data.awaiting_reply,
        asked=data.asked,
        gave=data.gave,
        clear_no=data.clear_no,
        decision_date=decision_date,
    )
    interaction.people.set(people)
    rapport.save_notes(interaction, notes)
    moved_from = None
    if opportunity is not None and kind in INTERVIEW_KINDS:
        moved_from = _note_interview(opportunity, interaction, people)
    elif opportunity is not None and decision_date:
        # A new date stated in an email or a call moves the follow-up too (rule 2).
        opportunity.decision_date = decision_date
        opportunity.save()
    warnings: list[str] = []
    for check in WARNING_CHECKS:
        warnings.extend(check(owner, interaction))
    return LogResult(interaction, warnings, moved_from)


def _unique(people: list[Person]) -> list[Person]:
    seen: dict[int, Person] = {}
    for person in people:
        seen.setdefault(person.pk, person)
    return list(seen.values())


def _opportunity(owner, ref) -> Opportunity | None:
    if ref is None or ref == "":
        return None
    if isinstance(ref, Opportunity):
        if ref.owner_id != owner.pk:
            raise InputError("opportunity: no such opportunity.", "opportunity")
        return ref
    return resolve_opportunity(owner, ref, "opp")


def _note_interview(
    opp: Opportunity, interaction: Interaction, people: list[Person]
) -> str | None:
    """Note an interview on its opportunity; return the stage it moved from, if it moved."""
    moved_from = None
    if interaction.kind == Kind.INTERVIEW:
        if opp.stage in _EARLY_STAGES:
            moved_from = opp.stage
            opp.stage = Stage.INTERVIEWING
            opp.stage_changed_on = interaction.occurred_on
            StageChange.objects.create(
                opportunity=opp, stage=Stage.INTERVIEWING, on=interaction.occurred_on
            )
        known = set(opp.involved.values_list("person_id", flat=True))
        for person in people:
            if person.pk not in known:
                OpportunityPerson.objects.create(
                    opportunity=opp, person=person, role=Role.INTERVIEWER
                )
    if interaction.decision_date:
        opp.decision_date = interaction.decision_date
    opp.save()
    return moved_from


@transaction.atomic
def delete_interaction(owner, interaction: Interaction) -> None:
    assert interaction.owner_id == owner.pk
    interaction.delete()


def interactions(owner) -> QuerySet[Interaction]:
    """The owner's interactions, newest first, with people and opportunity loaded."""
    return (
        Interaction.objects.filter(owner=owner)
        .select_related("opportunity__organization")
        .prefetch_related("people")
    )


def heard_a_clear_no(owner, interaction: Interaction) -> bool:
    """True if someone in ``interaction`` has ever said a clear no to the owner.

    Starts from the few people of ``interaction`` (their index), so it stays one
    cheap query however many interactions the owner has logged.
    """
    people = list(interaction.people.values_list("pk", flat=True))
    # Written as "its id among theirs", not as a join: without table statistics
    # SQLite would otherwise walk every interaction of the owner (0.1 s at 1,000,000).
    theirs = Interaction.people.through.objects.filter(person_id__in=people)
    return bool(people) and Interaction.objects.filter(
        owner=owner, clear_no=True, pk__in=theirs.values("interaction_id")
    ).exists()
