"""``followthrough task ...`` and ``followthrough today``: what to do, and when."""

from __future__ import annotations

from typing import Annotated

import typer

from . import django_setup
from .output import emit_json, say, show, table

task_app = typer.Typer(
    help="Add tasks by hand; mark any task done, snooze it or dismiss it.\n\n"
    "Example: followthrough task done 12",
    no_args_is_help=True,
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the task as JSON.")]
TaskId = Annotated[str, typer.Argument(help="The task's id (see `followthrough today`).")]


@task_app.command("add")
def task_add(
    title: Annotated[str, typer.Argument(help="What to do.")],
    due: Annotated[
        str | None,
        typer.Option(
            "--due", metavar="DATE", help="The day it is due, YYYY-MM-DD. Default: today."
        ),
    ] = None,
    person: Annotated[
        str | None,
        typer.Option("--person", metavar="PERSON", help="Whom it is about (name or id)."),
    ] = None,
    opp: Annotated[
        str | None, typer.Option("--opp", metavar="OPP_ID", help="The opportunity (id).")
    ] = None,
    reason: Annotated[str, typer.Option("--reason", help="Why, in one line.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """Add a task by hand.

    Example: followthrough task add "Send Ada the article" --person Ada
    """
    owner = django_setup.owner()

    from followthrough.tracker.serializers import task_json
    from followthrough.tracker.services import parsing
    from followthrough.tracker.services.tasks import add_task

    task = add_task(
        owner,
        title,
        parsing.parse_date(due, "--due"),
        today=django_setup.today(owner),
        person=person,
        opportunity=opp,
        reason=reason,
    )
    if as_json:
        emit_json(task_json(task))
    else:
        say(f"Added task {task.pk}: {task.title}, due {task.due}.")


def _finish(task_id: str, action: str, as_json: bool, until: str | None = None) -> None:
    owner = django_setup.owner()

    from followthrough.tracker.serializers import task_json
    from followthrough.tracker.services import parsing
    from followthrough.tracker.services import tasks as svc

    task = svc.resolve_task(owner, task_id)
    if action == "snooze":
        today = django_setup.today(owner)
        task = svc.snooze(owner, task, parsing.parse_date(until, "--until"), today=today)
        message = f"Snoozed until {task.snoozed_until}"
    elif action == "done":
        task = svc.complete(owner, task)
        message = "Done"
    elif action == "dismiss":
        task = svc.dismiss(owner, task)
        message = "Dismissed"
    else:
        task = svc.reopen(owner, task)
        message = "Reopened"
    if as_json:
        emit_json(task_json(task))
    else:
        say(f"{message}: task {task.pk} ({task.title}).")


@task_app.command("done")
def task_done(task_id: TaskId, as_json: JsonFlag = False) -> None:
    """Mark a task done; it never comes back.

    Example: followthrough task done 12
    """
    _finish(task_id, "done", as_json)


@task_app.command("snooze")
def task_snooze(
    task_id: TaskId,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="DATE", help="The day it shows again, YYYY-MM-DD. Default: tomorrow."
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Hide a task until a later day.

    Example: followthrough task snooze 12 --until 2026-03-09
    """
    _finish(task_id, "snooze", as_json, until)


@task_app.command("dismiss")
def task_dismiss(task_id: TaskId, as_json: JsonFlag = False) -> None:
    """Dismiss a task; it never comes back.

    Example: followthrough task dismiss 12
    """
    _finish(task_id, "dismiss", as_json)


@task_app.command("reopen")
def task_reopen(task_id: TaskId, as_json: JsonFlag = False) -> None:
    """Reopen a task marked done or dismissed by mistake.

    Example: followthrough task reopen 12
    """
    _finish(task_id, "reopen", as_json)


def today_command(
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="Show the agenda as of this day, YYYY-MM-DD. Default: today.",
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print a JSON list: id, due, rule, title, reason, person, person_id,"
            " opportunity, opportunity_id, overdue_days.",
        ),
    ] = False,
) -> None:
    """What is due today: overdue first, each with its reason.

    Example: followthrough today --on 2026-03-12 --json
    """
    owner = django_setup.owner()

    from followthrough.tracker.services import parsing
    from followthrough.tracker.services.tasks import agenda

    day = parsing.parse_date(on, "--on") or django_setup.today(owner)
    items = agenda(owner, day)
    if as_json:
        emit_json([item.as_json() for item in items])
        return
    if not items:
        say(f"Nothing is due on {day}. A good day to reach out to someone just to connect.")
        return
    overdue = [i for i in items if i.overdue_days > 0]
    due_now = [i for i in items if i.overdue_days == 0]
    columns = ["ID", "Due", "Rule", "Task", "Person", "Why"]
    if overdue:
        rows = [(i.id, i.due, i.rule, i.title, i.person, i.reason) for i in overdue]
        show(table(f"Overdue ({len(overdue)})", columns, rows))
    if due_now:
        rows = [(i.id, i.due, i.rule, i.title, i.person, i.reason) for i in due_now]
        show(table(f"Due {day} ({len(due_now)})", columns, rows))
