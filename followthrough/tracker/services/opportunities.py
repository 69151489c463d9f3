"""Opportunities: the pipeline, its stages and the people involved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch, QuerySet

from ..models import (
    ACTIVE_STAGES,
    Opportunity,
    OpportunityPerson,
    Organization,
    Person,
    Role,
    Source,
    Stage,
    StageChange,
)
from . import parsing, validators
from .errors import InputError, NotFound
from .ids import as_id
from .jobfields import JobFields, apply_job_fields, with_applied_on
from .people import organization_for, resolve_person


def clean_posting_url(value: str | None, field: str = "posting_url") -> str:
    length = validators.url_length(Opportunity, "posting_url")
    return parsing.clean_url(value, field, max_length=length)


BOARD_STAGES = [Stage.LEAD, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER]
"""The board's columns; closed stages are summarised below it."""


@dataclass
class OpportunityInput:
    role: str
    organization: str | Organization
    stage: str | None = None
    source: str | None = None
    referred_by: str | Person | None = None
    interest: int | str | None = None
    decision_date: str | dt.date | None = None
    offer_deadline: str | dt.date | None = None
    posting_url: str = ""
    notes: str = ""
    job: JobFields | None = None
    """The job itself (place, salary, description, dates, tags); None keeps them."""


def _apply(owner, opp: Opportunity, data: OpportunityInput, today: dt.date) -> Opportunity:
    role = (data.role or "").strip()
    if not role:
        raise InputError("role is required: what is the job called?", "role")
    blank = isinstance(data.organization, str) and not data.organization.strip()
    if not data.organization or blank:
        raise InputError("organization is required: where is this job?", "organization")
    opp.role = role[:200]
    opp.organization = organization_for(owner, data.organization)
    stage = parsing.clean_choice(data.stage, Stage, "stage", default=opp.stage or Stage.LEAD)
    opp.referred_by = (
        resolve_person(owner, data.referred_by, "referred_by") if data.referred_by else None
    )
    default_source = Source.REFERRAL if opp.referred_by else (opp.source or Source.POSTING)
    opp.source = parsing.clean_choice(data.source, Source, "source", default=default_source)
    interest = parsing.clean_positive_int(data.interest, "interest") or opp.interest or 3
    if not validators.INTEREST[0] <= interest <= validators.INTEREST[1]:
        raise InputError("interest must be from 1 (a little) to 5 (very much).", "interest")
    opp.interest = interest
    opp.decision_date = parsing.parse_date(data.decision_date, "decision_date")
    opp.offer_deadline = parsing.parse_date(data.offer_deadline, "offer_deadline")
    opp.posting_url = clean_posting_url(data.posting_url)
    opp.notes = parsing.clean_text(data.notes, "notes")
    tags = apply_job_fields(owner, opp, data.job) if data.job is not None else None
    is_new = opp.pk is None
    changed = is_new or stage != opp.stage
    opp.stage = stage
    if changed:
        opp.stage_changed_on = today
    opp.save()
    if changed:
        StageChange.objects.create(opportunity=opp, stage=stage, on=today)
    if tags is not None:
        opp.tags.set(tags)
    if opp.referred_by:
        OpportunityPerson.objects.get_or_create(
            opportunity=opp, person=opp.referred_by, role=Role.REFERRER
        )
    return opp


@transaction.atomic
def add_opportunity(owner, data: OpportunityInput, today: dt.date) -> Opportunity:
    """Create an opportunity (and its organization if new); ``today`` dates its stage."""
    return _apply(owner, Opportunity(owner=owner), data, today)


@transaction.atomic
def update_opportunity(owner, opp: Opportunity, data: OpportunityInput, today: dt.date):
    assert opp.owner_id == owner.pk
    return _apply(owner, opp, data, today)


@transaction.atomic
def delete_opportunity(owner, opp: Opportunity) -> None:
    assert opp.owner_id == owner.pk
    opp.delete()


@transaction.atomic
def move(
    owner,
    opp: Opportunity,
    stage: str,
    *,
    on: dt.date,
    deadline: dt.date | None = None,
) -> Opportunity:
    """Move ``opp`` to ``stage`` as of ``on``; an offer may carry its ``deadline``."""
    assert opp.owner_id == owner.pk
    stage = parsing.clean_choice(stage, Stage, "stage")
    if deadline is not None:
        if stage != Stage.OFFER:
            raise InputError(
                "deadline: only an offer has a deadline; move it to offer.", "deadline"
            )
        opp.offer_deadline = deadline
    if stage != opp.stage:
        opp.stage = stage
        opp.stage_changed_on = on
        StageChange.objects.create(opportunity=opp, stage=stage, on=on)
    opp.save()
    return opp


def resolve_opportunity(owner, ref: str | int, field: str = "opportunity") -> Opportunity:
    text = str(ref).strip()
    if as_id(text):
        found = (
            Opportunity.objects.filter(owner=owner, pk=as_id(text))
            .select_related("organization")
            .first()
        )
        if found:
            return found
    raise NotFound(
        f"{field}: no opportunity with id {text!r}; `followthrough opp list` shows the ids.", field
    )


def opportunities(owner, *, stage: str = "", active_only: bool = False) -> QuerySet[Opportunity]:
    """The owner's opportunities, with organization and people, for lists and the board."""
    qs = with_applied_on(
        Opportunity.objects.filter(owner=owner)
        .select_related("organization", "referred_by")
        .prefetch_related(
            Prefetch("involved", OpportunityPerson.objects.select_related("person")), "tags"
        )
    )
    if stage:
        qs = qs.filter(stage=stage)
    if active_only:
        qs = qs.filter(stage__in=ACTIVE_STAGES)
    return qs


def board(owner) -> tuple[list[tuple[str, str, list[Opportunity]]], list[Opportunity]]:
    """The pipeline: ``(columns, closed)`` where a column is ``(stage, label, cards)``."""
    columns = {stage: [] for stage in BOARD_STAGES}
    closed = []
    for opp in opportunities(owner):
        columns.get(opp.stage, closed).append(opp)
    return [(s.value, s.label, columns[s]) for s in BOARD_STAGES], closed


@transaction.atomic
def involve(owner, opp: Opportunity, person: Person | str, role: str) -> OpportunityPerson:
    """Record that ``person`` takes part in ``opp`` as ``role`` (idempotent)."""
    assert opp.owner_id == owner.pk
    person = resolve_person(owner, person)
    role = parsing.clean_choice(role, Role, "role", default=Role.OTHER)
    link, _ = OpportunityPerson.objects.get_or_create(opportunity=opp, person=person, role=role)
    return link


@transaction.atomic
def uninvolve(owner, opp: Opportunity, link_id: int) -> None:
    assert opp.owner_id == owner.pk
    OpportunityPerson.objects.filter(opportunity=opp, pk=link_id).delete()


_CONTACT_ORDER = [Role.HIRING_MANAGER, Role.RECRUITER, Role.REFERRER, Role.INTERVIEWER, Role.OTHER]
CONTACT_ORDER = tuple(_CONTACT_ORDER)
"""Whom to write to first, by role (the table sorts its Contact column the same way)."""


def main_contact(opp: Opportunity) -> Person | None:
    """Whom to write to about ``opp``: hiring manager, else recruiter, referrer, interviewer."""
    links = list(opp.involved.all())
    links.sort(key=lambda link: (_CONTACT_ORDER.index(link.role), link.pk))
    return links[0].person if links else None


def people_by_role(opp: Opportunity) -> list[tuple[str, list[OpportunityPerson]]]:
    """The people involved in ``opp``, grouped by role in a fixed order."""
    grouped: dict[str, list[OpportunityPerson]] = {}
    for link in opp.involved.all():
        grouped.setdefault(link.role, []).append(link)
    return [(Role(r).label, grouped[r]) for r in _CONTACT_ORDER if r in grouped]
