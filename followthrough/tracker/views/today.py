"""Today: the agenda (overdue, then today), tasks by hand, done, snooze, dismiss, undo."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from followthrough.tracker.dates import day

from ..access import get_owned
from ..forms import SnoozeForm, TaskForm
from ..models import ACTIVE_STAGES, Interaction, Mode, Person, Rule, Stage, Task, TaskStatus
from ..services import etiquette
from ..services import opportunities as opportunity_service
from ..services import tasks as task_service
from ..services.errors import InputError
from ..services.owners import owner_zone, today_for, workspace_for
from . import go, next_url

UPCOMING_LIMIT = 10
# A busy network can have thousands of overdue tasks: the page shows the first
# few of each section and pages through the rest on request (?show=overdue),
# so its cost does not grow with the backlog.
SHOWN = 20
PER_PAGE = 100
HANDLED_LIMIT = 30
SECTIONS = ("overdue", "today")
# Items that suggest whom to reach next: momentum names people; let-go says
# "put the energy elsewhere".
REACH_RULES = frozenset({Rule.MOMENTUM, Rule.LET_GO})


def today(request):
    return render(request, "tracker/today.html", _context(request))


def _context(request, task_form: TaskForm | None = None) -> dict:
    owner = request.user
    on = today_for(owner)
    task_service.refresh_agenda(owner, on)
    show = request.GET.get("show", "")
    overdue = _section(request, show == "overdue", task_service.overdue_tasks(owner, on))
    due_today = _section(request, show == "today", task_service.due_today_tasks(owner, on))
    shown = [task_service.item_for(task, on) for task in (*overdue, *due_today)]
    start_of_day = dt.datetime.combine(on, dt.time.min, tzinfo=owner_zone(owner))
    handled = Task.objects.filter(
        owner=owner,
        status__in=[TaskStatus.DONE, TaskStatus.DISMISSED],
        completed_at__gte=start_of_day,
    ).select_related("person", "opportunity__organization")
    landed = workspace_for(owner).mode == Mode.LANDED
    streak = None if landed else etiquette.streak_on(owner, on)
    wants_reach = any(item.rule in REACH_RULES for item in shown)
    upcoming, upcoming_count = etiquette.coming_up(
        owner, on, task_service.upcoming_tasks(owner, on)[:UPCOMING_LIMIT], UPCOMING_LIMIT
    )
    return {
        "on": on,
        "landed": landed,
        "streak": streak,
        "streak_text": etiquette.streak_text(streak) if streak else "",
        "reach": etiquette.people_to_reach(owner, on) if wants_reach else [],
        "tomorrow": on + dt.timedelta(days=1),
        "overdue": shown[: len(overdue)],
        "overdue_page": overdue,
        "due_today": shown[len(overdue) :],
        "due_today_page": due_today,
        "show": show if show in SECTIONS else "",
        "upcoming": upcoming,
        "upcoming_more": upcoming_count - len(upcoming),
        "upcoming_forecast": any(line.forecast for line in upcoming),
        "handled": [
            {"item": task_service.item_for(task, on), "state": task.status}
            for task in handled.order_by("-completed_at", "-id")[:HANDLED_LIMIT]
        ],
        "is_new": not Person.objects.filter(owner=owner).exists()
        and not Interaction.objects.filter(owner=owner).exists(),
        "task_form": task_form or TaskForm(owner=owner, today=on),
        "here": reverse("today"),
    }


def _section(request, expanded: bool, tasks) -> Page:
    """The tasks of one section the page shows: the first few, or a page of all of them."""
    if not expanded:
        return Paginator(tasks, SHOWN).page(1)
    return Paginator(tasks, PER_PAGE).get_page(request.GET.get("page"))


@require_POST
def task_add(request):
    owner = request.user
    on = today_for(owner)
    form = TaskForm(request.POST, owner=owner, today=on)
    if form.is_valid():
        data = form.cleaned_data
        try:
            task = task_service.add_task(
                owner, data["title"], data["due"], today=on, person=data["person"] or None
            )
        except InputError as error:
            form.show(error)
        else:
            messages.success(request, f"Added: {task.title} (due {day(task.due)}).")
            return redirect(next_url(request, reverse("today")))
    return render(request, "tracker/today.html", _context(request, form))


def _row(request, task: Task, state: str, error: str = ""):
    """The task's row after an action: htmx swaps it in; without JS, back to the page."""
    on = today_for(request.user)
    if request.htmx:
        context = {
            "item": task_service.item_for(task, on),
            "state": state,
            "snoozed_until": task.snoozed_until,
            "tomorrow": on + dt.timedelta(days=1),
            "here": next_url(request, reverse("today")),
            "error": error,
        }
        return render(request, "tracker/tasks/row.html", context)
    if error:
        messages.error(request, error)
    return redirect(next_url(request, reverse("today")))


@require_POST
def task_done(request, pk: int):
    task = task_service.complete(request.user, get_owned(Task, request.user, pk))
    if not request.htmx:
        messages.success(request, f"Done: {task.title}.")
    return _row(request, task, "done")


@require_POST
def task_dismiss(request, pk: int):
    task = task_service.dismiss(request.user, get_owned(Task, request.user, pk))
    if not request.htmx:
        messages.info(request, f"Dismissed: {task.title}. It will not come back.")
    return _row(request, task, "dismissed")


@require_POST
def task_snooze(request, pk: int):
    owner = request.user
    task = get_owned(Task, owner, pk)
    form = SnoozeForm(request.POST)
    form.is_valid()
    try:
        task = task_service.snooze(
            owner, task, form.cleaned_data.get("until") or None, today=today_for(owner)
        )
    except InputError as error:
        return _row(request, task, "open", error=str(error))
    if not request.htmx:
        messages.info(request, f"Snoozed until {day(task.snoozed_until)}: {task.title}.")
    return _row(request, task, "snoozed")


@require_POST
def task_reopen(request, pk: int):
    task = task_service.reopen(request.user, get_owned(Task, request.user, pk))
    if not request.htmx:
        messages.success(request, f"Back on your list: {task.title}.")
    return _row(request, task, "open")


@require_POST
def task_let_go(request, pk: int):
    """A let-go item's first offer: mark its opportunity let go (or ghosted), the item done."""
    owner = request.user
    task = get_owned(
        Task, owner, pk, queryset=Task.objects.select_related("opportunity__organization", "person")
    )
    opp = task.opportunity
    if opp is None:
        messages.error(request, "This item is about no opportunity; there is no lead to let go.")
        return go(request, next_url(request, reverse("today")))
    # The item offers two closings: let go, or ghosted (they stopped answering).
    stage = Stage.GHOSTED if request.POST.get("stage") == Stage.GHOSTED else Stage.LET_GO
    if opp.stage in ACTIVE_STAGES:  # a lead closed meanwhile keeps its stage
        opportunity_service.move(owner, opp, stage, on=today_for(owner))
    task_service.complete(owner, task)
    thanks = f" A short thanks to {task.person.name} keeps the door open." if task.person else ""
    messages.success(request, f"{Stage(stage).label}: {opp}.{thanks}")
    return go(request, next_url(request, reverse("today")))
