"""Tasks and the agenda: what is due, done, snoozed or dismissed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connections, router, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from .. import agenda_rows, hooks
from ..dates import day
from ..models import Opportunity, Person, Rule, Task, TaskStatus
from . import parsing
from .errors import InputError, NotFound
from .ids import as_id


@dataclass(frozen=True)
class AgendaItem:
    """One line of the agenda, as the Today page and ``today --json`` show it."""

    id: int
    due: dt.date
    rule: str
    title: str
    reason: str
    person: str | None
    person_id: int | None
    opportunity: str | None
    opportunity_id: int | None
    overdue_days: int

    @property
    def is_message(self) -> bool:
        """Whether the item is a message to write, so "Draft" makes sense for it.

        Every rule's item is one; a to-do made by hand is one only when it names
        a person ("Send Ann the references"), not when it is a chore of one's own.
        """
        return self.rule != "manual" or self.person_id is not None

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "due": self.due.isoformat(),
            "rule": self.rule,
            "title": self.title,
            "reason": self.reason,
            "person": self.person,
            "person_id": self.person_id,
            "opportunity": self.opportunity,
            "opportunity_id": self.opportunity_id,
            "overdue_days": self.overdue_days,
        }


# Before the agenda is read, each refresher brings the owner's rule-made tasks up
# to date for that day (the etiquette engine registers itself here; the list
# lives in ``tracker.hooks`` so that registering imports nothing).
AGENDA_REFRESHERS: list[Callable[[object, dt.date], None]] = hooks.AGENDA_REFRESHERS


@transaction.atomic
def add_task(
    owner,
    title: str,
    due: str | dt.date | None,
    *,
    today: dt.date,
    person: str | Person | None = None,
    opportunity: str | int | Opportunity | None = None,
    reason: str = "",
) -> Task:
    """A task made by hand (rule ``manual``), due ``due`` (default ``today``)."""
    from .opportunities import resolve_opportunity
    from .people import resolve_person

    title = (title or "").strip()
    if not title:
        raise InputError("title is required: what is there to do?", "title")
    if isinstance(opportunity, Opportunity) and opportunity.owner_id != owner.pk:
        raise NotFound("opportunity: no such opportunity.", "opportunity")
    if opportunity not in (None, "") and not isinstance(opportunity, Opportunity):
        opportunity = resolve_opportunity(owner, opportunity, "opp")
    return Task.objects.create(
        owner=owner,
        rule=Rule.MANUAL,
        title=title[:300],
        reason=(reason or "").strip()[:500],
        due=parsing.parse_date(due, "due") or today,
        person=resolve_person(owner, person) if person not in (None, "") else None,
        opportunity=opportunity or None,
    )


def resolve_task(owner, ref: str | int) -> Task:
    text = str(ref).strip()
    if as_id(text):
        task = Task.objects.filter(owner=owner, pk=as_id(text)).first()
        if task:
            return task
    raise NotFound(f"task: no task with id {text!r}; `followthrough today` lists them.", "task")


def _close(task: Task, status: str) -> Task:
    task.status = status
    task.completed_at = timezone.now()
    task.save(update_fields=["status", "completed_at", "updated_at"])
    return task


@transaction.atomic
def complete(owner, task: Task) -> Task:
    """Mark ``task`` done; a done task never comes back."""
    assert task.owner_id == owner.pk
    return _close(task, TaskStatus.DONE)


@transaction.atomic
def dismiss(owner, task: Task) -> Task:
    """Dismiss ``task``: it never comes back."""
    assert task.owner_id == owner.pk
    return _close(task, TaskStatus.DISMISSED)


@transaction.atomic
def snooze(owner, task: Task, until: dt.date | str | None, *, today: dt.date) -> Task:
    """Hide ``task`` until ``until`` (default: tomorrow), which must be after ``today``."""
    assert task.owner_id == owner.pk
    until = parsing.parse_date(until, "until") or today + dt.timedelta(days=1)
    if until <= today:
        raise InputError(f"until: snooze to a day after today ({day(today)}).", "until")
    if task.status != TaskStatus.OPEN:
        raise InputError(f"task {task.pk} is already {task.status}; nothing to snooze.", "task")
    task.snoozed_until = until
    task.save(update_fields=["snoozed_until", "updated_at"])
    return task


@transaction.atomic
def reopen(owner, task: Task) -> Task:
    """Undo a mistaken done or dismiss."""
    assert task.owner_id == owner.pk
    task.status = TaskStatus.OPEN
    task.completed_at = None
    task.save(update_fields=["status", "completed_at", "updated_at"])
    return task


def open_tasks(owner) -> QuerySet[Task]:
    return Task.objects.filter(owner=owner, status=TaskStatus.OPEN).select_related(
        "person", "opportunity__organization"
    )


def due_tasks(owner, on: dt.date) -> QuerySet[Task]:
    """Open tasks showing on ``on``: due by then and not snoozed past it."""
    return (
        open_tasks(owner)
        .filter(Q(due__lte=on) | Q(starts_on__lte=on))
        .filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=on))
        .order_by("due", "id")
    )


def upcoming_tasks(owner, on: dt.date, days: int = 14) -> QuerySet[Task]:
    """Open tasks that will show in the ``days`` after ``on``."""
    horizon = on + dt.timedelta(days=days)
    return (
        open_tasks(owner)
        .filter(
            (Q(due__gt=on) & Q(due__lte=horizon))
            | (Q(snoozed_until__gt=on) & Q(snoozed_until__lte=horizon))
        )
        # On Today already (a thank-you from the interview's evening), not coming up.
        .exclude(
            Q(starts_on__lte=on) & (Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=on))
        )
        .order_by("due", "id")
    )


def refresh_agenda(owner, on: dt.date) -> None:
    """Bring the rule-made tasks up to date for ``on`` (the refreshers decide how)."""
    for refresh in AGENDA_REFRESHERS:
        refresh(owner, on)


def agenda(owner, on: dt.date) -> list[AgendaItem]:
    """What is due for ``owner`` on ``on``, oldest first, each with its reason.

    Read as plain rows, not model instances: a busy agenda has hundreds of
    lines, and ``followthrough today`` is read often.
    """
    refresh_agenda(owner, on)
    rows = due_tasks(owner, on).values_list(*_AGENDA_COLUMNS)
    return [_agenda_item(row, on) for row in rows]


def agenda_json(owner, on: dt.date) -> list[dict]:
    """``agenda`` as ``today --json`` prints it (``AgendaItem.as_json`` of each item).

    One SQL query into plain dicts (``tracker.agenda_rows``, shared with the
    command line's path without Django): model rows or items would cost as much
    as the sync itself on an agenda of thousands of lines.
    """
    refresh_agenda(owner, on)
    with connections[router.db_for_read(Task)].cursor() as cursor:
        cursor.execute(agenda_rows.sql("%s"), agenda_rows.params(owner.pk, on))
        return [agenda_rows.item(row, on) for row in cursor.fetchall()]


_AGENDA_COLUMNS = (
    "id", "due", "snoozed_until", "rule", "title", "reason", "person_id", "person__name",
    "opportunity_id", "opportunity__role", "opportunity__organization__name",
)


def _agenda_item(row: tuple, on: dt.date) -> AgendaItem:
    """``item_for`` from a row of ``_AGENDA_COLUMNS`` (the same item)."""
    task_id, due, snoozed, rule, title, reason, person_id, person, opp_id, role, org = row
    shows_on = snoozed if snoozed and snoozed > due else due
    return AgendaItem(
        id=task_id,
        due=due,
        rule=rule,
        title=title,
        reason=reason,
        person=person if person_id else None,
        person_id=person_id,
        opportunity=f"{role} at {org}" if opp_id else None,
        opportunity_id=opp_id,
        overdue_days=max(0, (on - shows_on).days),
    )


def overdue_tasks(owner, on: dt.date) -> QuerySet[Task]:
    """The part of ``due_tasks`` that showed before ``on`` (``overdue_days > 0``)."""
    return due_tasks(owner, on).filter(due__lt=on).exclude(snoozed_until=on)


def due_today_tasks(owner, on: dt.date) -> QuerySet[Task]:
    """The part of ``due_tasks`` that shows first on ``on`` (``overdue_days == 0``).

    A task shown before its due day (``starts_on``) is here until it is due.
    """
    return due_tasks(owner, on).filter(Q(due=on) | Q(snoozed_until=on) | Q(due__gt=on))


def item_for(task: Task, on: dt.date) -> AgendaItem:
    opp = task.opportunity
    return AgendaItem(
        id=task.pk,
        due=task.due,
        rule=task.rule,
        title=task.title,
        reason=task.reason,
        person=task.person.name if task.person else None,
        person_id=task.person_id,
        opportunity=str(opp) if opp else None,
        opportunity_id=task.opportunity_id,
        overdue_days=max(0, (on - task.shows_on()).days),
    )
