"""Drafts: the owner's templates, a draft for every agenda item, sending, withdrawing.

Every function takes the owner and works on the owner's rows only; the day is an
argument (``today``), never read from a clock, except ``render_draft``'s
default for callers that have no day at hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from django.db import transaction

from followthrough.tracker.models import (
    ACTIVE_STAGES,
    Direction,
    Interaction,
    Kind,
    Opportunity,
    Person,
    Role,
    Stage,
    Task,
    TaskStatus,
)
from followthrough.tracker.services import etiquette
from followthrough.tracker.services import interactions as log_service
from followthrough.tracker.services import opportunities as opportunity_service
from followthrough.tracker.services import tasks as task_service
from followthrough.tracker.services.errors import InputError, NotFound
from followthrough.tracker.services.owners import today_for, workspace_for

from . import context as contexts
from . import mail, rendering
from .defaults import RULE_TEMPLATES, TEMPLATES, Default
from .models import DraftSettings, MessageTemplate


@dataclass(frozen=True)
class Draft:
    """A message ready to send: ``to`` is the recipient's first email (or "")."""

    subject: str
    body: str
    to: str
    template: str = ""
    person_id: int | None = None
    person_name: str = ""
    opportunity_id: int | None = None
    awaits_reply: bool = False
    asked: bool = False
    gave: bool = False
    error: str = ""

    @property
    def mailto(self) -> str:
        return mail.mailto_url(self.to, self.subject, self.body)

    @property
    def text(self) -> str:
        """Subject and body, as ``followthrough draft`` prints them."""
        return f"Subject: {self.subject}\n\n{self.body}"

    def eml(self, when: dt.datetime) -> bytes:
        return mail.eml(
            to=self.to, to_name=self.person_name, subject=self.subject, body=self.body, when=when
        )

    def edited(self, subject: str | None = None, body: str | None = None) -> Draft:
        """This draft with the seeker's wording (``None`` keeps that part as drafted).

        The subject becomes one line (a header cannot hold a line break); the
        body keeps its lines, with ``\n`` line ends.
        """
        changes = {}
        if subject is not None:
            changes["subject"] = " ".join(subject.split())
        if body is not None:
            changes["body"] = _normalise(body)
        return replace(self, **changes) if changes else self

    def as_json(self) -> dict:
        return {
            "template": self.template,
            "to": self.to,
            "person": self.person_name or None,
            "person_id": self.person_id,
            "opportunity_id": self.opportunity_id,
            "subject": self.subject,
            "body": self.body,
            "mailto": self.mailto,
            "awaits_reply": self.awaits_reply,
            "error": self.error or None,
        }


# Templates ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateText:
    """A template as the owner sees it: their edit, or the default."""

    default: Default
    subject: str
    body: str
    customised: bool

    @property
    def name(self) -> str:
        return self.default.name


def default_for(name: str) -> Default:
    try:
        return TEMPLATES[name]
    except KeyError:
        known = ", ".join(TEMPLATES)
        raise NotFound(f"template: no template named {name!r}; choose one of {known}.",
                       "template") from None


def template_text(owner, name: str) -> TemplateText:
    default = default_for(name)
    row = MessageTemplate.objects.filter(owner=owner, name=name).first()
    if row is None:
        return TemplateText(default, default.subject, default.body, False)
    return TemplateText(default, row.subject, row.body, True)


def templates(owner) -> list[TemplateText]:
    """Every template, in the defaults' order, with the owner's edits (one query)."""
    rows = {row.name: row for row in MessageTemplate.objects.filter(owner=owner)}
    found = []
    for name, default in TEMPLATES.items():
        row = rows.get(name)
        if row is None:
            found.append(TemplateText(default, default.subject, default.body, False))
        else:
            found.append(TemplateText(default, row.subject, row.body, True))
    return found


def _normalise(text: str) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def check_template(name: str, subject: str, body: str) -> None:
    """Raise unless ``name`` is a template and the wording parses and renders.

    On sample data and with every value missing: the forms, the CLI and restore
    all call this, so no stored template can break a draft.
    """
    default_for(name)
    rendering.check(subject, body, contexts.SAMPLE)
    rendering.render(subject, body, {})


@transaction.atomic
def save_template(owner, name: str, subject: str, body: str) -> TemplateText:
    """Save the owner's wording; a template that does not render is not saved.

    It must parse, and render both on sample data and with every value missing.
    """
    default = default_for(name)
    subject, body = _normalise(subject).strip(), _normalise(body)
    check_template(name, subject, body)
    if subject == default.subject and body == default.body:
        MessageTemplate.objects.filter(owner=owner, name=name).delete()
    else:
        MessageTemplate.objects.update_or_create(
            owner=owner, name=name, defaults={"subject": subject, "body": body}
        )
    return template_text(owner, name)


@transaction.atomic
def reset_template(owner, name: str) -> TemplateText:
    default_for(name)
    MessageTemplate.objects.filter(owner=owner, name=name).delete()
    return template_text(owner, name)


def sign_as(owner) -> str:
    return DraftSettings.objects.filter(owner=owner).values_list("sign_as", flat=True).first() or ""


@transaction.atomic
def set_sign_as(owner, text: str) -> str:
    text = " ".join((text or "").split())
    if len(text) > 120:
        raise InputError("sign_as: keep your signature under 120 characters.", "sign_as")
    DraftSettings.objects.update_or_create(owner=owner, defaults={"sign_as": text})
    return text


# Drafts ------------------------------------------------------------------------------


KEY_TEMPLATES: dict[str, str] = {
    "let-go:withdraw:": "withdrawal",
    "keep-in-touch:year-end:": "year-end",
}
"""Items of a rule whose message is not the rule's usual one, by key prefix."""


def template_for_task(task: Task) -> str:
    for prefix, name in KEY_TEMPLATES.items():
        if task.key.startswith(prefix):
            return name
    return RULE_TEMPLATES.get(task.rule, "note")


def forecast_task(owner, key: str, today: dt.date) -> Task:
    """The task for the forecast item ``key`` (made now, as its rule would on its day).

    ``NotFound`` when no such item is coming up for the owner.
    """
    from followthrough.engine import forecast_for

    existing = Task.objects.filter(owner=owner, key=key[:200]).first() if key else None
    if existing is not None:
        return existing
    item = next((i for i in forecast_for(owner, today) if i.key == key), None)
    if item is None:
        raise NotFound("key: nothing like that is coming up; it may be handled already.", "key")
    task, _ = Task.objects.get_or_create(
        owner=owner,
        key=item.key[:200],
        defaults={
            "rule": item.rule,
            "title": item.title[:300],
            "reason": item.reason[:500],
            "due": item.due,
            "starts_on": item.starts,
            "person_id": item.person_id,
            "opportunity_id": item.opportunity_id,
        },
    )
    return task


def recipient(owner, task: Task, today: dt.date, person: Person | None = None) -> Person | None:
    """Whom the draft for ``task`` goes to: ``person``, else the task's, else a suggestion.

    A momentum item names no one: its draft goes to the first person the rule
    suggests reaching (see ``etiquette.people_to_reach``).
    """
    if person is not None:
        if person.owner_id != owner.pk:
            raise NotFound("person: no such person.", "person")
        return person
    if task.person_id:
        return task.person
    if task.rule == "momentum":
        suggested = etiquette.people_to_reach(owner, today, limit=1)
        return suggested[0] if suggested else None
    return None


def render_draft(
    owner,
    task: Task,
    *,
    today: dt.date | None = None,
    person: Person | None = None,
    template: str | None = None,
) -> Draft:
    """The draft for ``task`` (the rule's template unless ``template`` is named).

    Never fails on a broken template: the default wording is used instead and
    ``Draft.error`` says what is wrong, so the Today page and the digest always
    have words to offer.
    """
    if task.owner_id != owner.pk:
        raise NotFound("task: no such task.", "task")
    today = today or today_for(owner)
    to = recipient(owner, task, today, person)
    context = contexts.for_task(owner, task, today, to)
    return _draft(owner, template or template_for_task(task), context, to, task.opportunity_id)


def person_draft(
    owner, person: Person, template: str, *, today: dt.date, opportunity: Opportunity | None = None
) -> Draft:
    """A message to ``person`` with no task behind it (congratulations, a request, ...)."""
    if person.owner_id != owner.pk:
        raise NotFound("person: no such person.", "person")
    context = contexts.for_person(owner, person, today, opportunity)
    return _draft(owner, template, context, person, opportunity.pk if opportunity else None)


def _draft(owner, name: str, context: dict, to: Person | None, opportunity_id) -> Draft:
    text = template_text(owner, name)
    error = ""
    try:
        rendered = rendering.render(text.subject, text.body, context)
    except rendering.TemplateProblem as problem:
        error = (
            f"Your “{text.default.label}” template does not work ({problem}); "
            "this draft uses the default wording."
        )
        rendered = rendering.render(text.default.subject, text.default.body, context)
    return Draft(
        subject=rendered.subject,
        body=rendered.body,
        to=mail.usable_address(to.email) if to else "",
        template=name,
        person_id=to.pk if to else None,
        person_name=to.name if to else "",
        opportunity_id=opportunity_id,
        awaits_reply=text.default.awaits_reply,
        asked=text.default.asked,
        gave=text.default.gave,
        error=error,
    )


def preview(
    owner,
    name: str,
    subject: str,
    body: str,
    *,
    today: dt.date,
    task: Task | None = None,
    person: Person | None = None,
) -> Draft:
    """``subject`` and ``body`` (unsaved) rendered on a real task or person of the owner.

    Raises ``TemplateProblem`` for a broken template (a preview shows the error).
    """
    default = default_for(name)
    if task is not None:
        if task.owner_id != owner.pk:
            raise NotFound("task: no such task.", "task")
        to = recipient(owner, task, today, person)
        context = contexts.for_task(owner, task, today, to)
        opportunity_id = task.opportunity_id
    else:
        if person is not None and person.owner_id != owner.pk:
            raise NotFound("person: no such person.", "person")
        to, opportunity_id = person, None
        context = contexts.for_person(owner, person, today)
    rendered = rendering.render(_normalise(subject), _normalise(body), context)
    return Draft(
        subject=rendered.subject,
        body=rendered.body,
        to=mail.usable_address(to.email) if to else "",
        template=default.name,
        person_id=to.pk if to else None,
        person_name=to.name if to else "",
        opportunity_id=opportunity_id,
        awaits_reply=default.awaits_reply,
    )


# Sending -----------------------------------------------------------------------------


@dataclass
class Sent:
    """What marking a draft sent did: the interaction logged (if anyone to log it with)."""

    interaction: Interaction | None
    task: Task | None = None
    warnings: list[str] = field(default_factory=list)


@transaction.atomic
def log_sent(owner, draft: Draft, *, today: dt.date) -> Sent:
    """Log ``draft`` as an outbound email to its person (nothing to log without one)."""
    if draft.person_id is None:
        return Sent(None)
    person = Person.objects.get(owner=owner, pk=draft.person_id)
    result = log_service.log_interaction(
        owner,
        log_service.LogInput(
            kind=Kind.EMAIL,
            people=[person],
            on=today,
            direction=Direction.OUTBOUND,
            summary=draft.subject,
            body=draft.body,
            awaiting_reply=draft.awaits_reply,
            asked=draft.asked,
            gave=draft.gave,
            opportunity=draft.opportunity_id,
        ),
        today,
    )
    return Sent(result.interaction, warnings=result.warnings)


@transaction.atomic
def mark_sent(
    owner,
    task: Task,
    *,
    today: dt.date,
    person: Person | None = None,
    template: str | None = None,
    subject: str | None = None,
    body: str | None = None,
) -> Sent:
    """The seeker sent the draft for ``task``: log the email, and complete the task.

    ``subject`` and ``body`` are the wording as the seeker edited it (``None``: as
    drafted); the email is logged with the subject that was sent as its summary.
    """
    if task.owner_id != owner.pk:
        raise NotFound("task: no such task.", "task")
    if task.status != TaskStatus.OPEN:
        raise InputError(
            f"task {task.pk} is already {task.status}; reopen it first to send its draft.", "task"
        )
    draft = render_draft(owner, task, today=today, person=person, template=template)
    sent = log_sent(owner, draft.edited(subject, body), today=today)
    sent.task = task_service.complete(owner, task)
    return sent


# Withdrawing (rule 6) ------------------------------------------------------------------


def withdrawal_draft(owner, opp: Opportunity, *, today: dt.date) -> Draft:
    """The graceful withdrawal note, to the opportunity's main contact."""
    if opp.owner_id != owner.pk:
        raise NotFound("opportunity: no such opportunity.", "opportunity")
    contact = opportunity_service.main_contact(opp)
    context = contexts.for_person(owner, contact, today, opp)
    return _draft(owner, "withdrawal", context, contact, opp.pk)


def recruiter_of(opp: Opportunity) -> Person | None:
    """The recruiter involved in ``opp``, else its main contact."""
    links = sorted(opp.involved.all(), key=lambda link: link.pk)
    for link in links:
        if link.role == Role.RECRUITER:
            return link.person
    return opportunity_service.main_contact(opp)


def withdrawal_cadence(owner) -> int | None:
    """The cadence a recruiter gets when the seeker withdraws (rule 6), if they had
    none: the workspace's keep-in-touch default (Settings); ``None`` when it is off."""
    return workspace_for(owner).default_cadence_days or None


@dataclass
class Withdrawn:
    opportunity: Opportunity
    draft: Draft
    interaction: Interaction | None
    recruiter: Person | None
    cadence_set: bool


@transaction.atomic
def withdraw(
    owner,
    opp: Opportunity,
    *,
    today: dt.date,
    sent: bool,
    subject: str | None = None,
    body: str | None = None,
) -> Withdrawn:
    """Withdraw from ``opp`` gracefully: stage withdrawn, the note logged if ``sent``
    (with the seeker's edited ``subject`` and ``body``, if given), and the recruiter
    kept as a contact (the default keep-in-touch cadence if they had none and the
    default is on: ``withdrawal_cadence``).
    """
    if opp.owner_id != owner.pk:
        raise NotFound("opportunity: no such opportunity.", "opportunity")
    if opp.stage not in ACTIVE_STAGES:
        raise InputError(
            f"opportunity: {opp} is already {opp.get_stage_display().lower()}; "
            "only an active opportunity can be withdrawn from.",
            "opportunity",
        )
    draft = withdrawal_draft(owner, opp, today=today).edited(subject, body)
    opportunity_service.move(owner, opp, Stage.WITHDRAWN, on=today)
    interaction = log_sent(owner, draft, today=today).interaction if sent else None
    recruiter = recruiter_of(opp)
    cadence_set = False
    cadence = withdrawal_cadence(owner)
    if recruiter is not None and recruiter.cadence_days is None and cadence:
        cadence_set = bool(
            Person.objects.filter(owner=owner, pk=recruiter.pk, cadence_days__isnull=True)
            .update(cadence_days=cadence)
        )
        if cadence_set:
            recruiter.cadence_days = cadence
    return Withdrawn(opp, draft, interaction, recruiter, cadence_set)
