"""``followthrough task ...`` and ``followthrough today``: what to do, and when."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from . import django_setup
from .output import console, date_text, emit_json, say, show, table

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
        say(f"Added task {task.pk}: {task.title}, due {date_text(task.due)}.")


def _finish(task_id: str, action: str, as_json: bool, until: str | None = None) -> None:
    owner = django_setup.owner()

    from followthrough.tracker.serializers import task_json
    from followthrough.tracker.services import parsing
    from followthrough.tracker.services import tasks as svc

    task = svc.resolve_task(owner, task_id)
    if action == "snooze":
        today = django_setup.today(owner)
        task = svc.snooze(owner, task, parsing.parse_date(until, "--until"), today=today)
        message = f"Snoozed until {date_text(task.snoozed_until)}"
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
    from followthrough.tracker.services.days import check_day
    from followthrough.tracker.services.tasks import agenda

    day = check_day(parsing.parse_date(on, "--on"), "--on") or django_setup.today(owner)
    if as_json:  # the same bytes as the path without Typer (cli.fast)
        from followthrough.tracker import agenda_rows
        from followthrough.tracker.services.tasks import agenda_json

        typer.echo(agenda_rows.text(agenda_json(owner, day)))
        return
    items = agenda(owner, day)
    if not items:
        say(
            f"Nothing is due on {date_text(day)}. "
            "A good day to reach out to someone just to connect."
        )
        return
    overdue = [i for i in items if i.overdue_days > 0]
    due_now = [i for i in items if i.overdue_days == 0]
    groups = [
        (f"Overdue ({len(overdue)})", overdue),
        (f"Due {date_text(day)} ({len(due_now)})", due_now),
    ]
    groups = [(title, group) for title, group in groups if group]
    width = console().width
    if width < WIDE or len(items) > TABLE_MAX:
        for line in agenda_lines(groups, width):
            say(line)
    else:
        columns = ["ID", "Due", "Rule", "Task", "Person", "Why"]
        for title, group in groups:
            rows = [
                (i.id, date_text(i.due), i.rule, i.title, i.person, i.reason) for i in group
            ]
            show(table(title, columns, rows))
    say("")
    say(AGENDA_HINT)


WIDE = 120
"""From this many columns on, ``today`` is a table; a narrower terminal gets a list."""
TABLE_MAX = 300
"""More items than this are a list at any width: Rich lays a table out cell by cell,
and a networker's backlog of 17,000 took ten seconds to draw (the list, one)."""
AGENDA_HINT = "followthrough task done ID · task snooze ID --until DATE · draft ID"
_MIN_TEXT = 30


def agenda_lines(groups, width: int) -> list[str]:
    """The agenda as a list that reads at any width: per item, the id, the rule and
    the task on one line, then why (and since when, if late), wrapped under the task.
    A day ("Sun 20 Dec 2026") is never broken across lines.
    """
    import textwrap

    from followthrough.tracker.models import Rule

    items = [item for _, group in groups for item in group]
    labels = {item.id: Rule(item.rule).label if item.rule in Rule.values else item.rule
              for item in items}
    id_width = max(len(str(item.id)) for item in items)
    rule_width = max(len(label) for label in labels.values())
    indent = " " * (2 + id_width + 2 + rule_width + 2)
    if width - len(indent) < _MIN_TEXT:
        indent = " " * 6
    lines: list[str] = []
    for title, group in groups:
        lines.append(title)
        for item in group:
            head = f"  {item.id:>{id_width}}  {labels[item.id]:<{rule_width}}  "
            lines.extend(_wrap(item.title, width, head, indent, textwrap))
            details = _details(item)
            if details:
                lines.extend(_wrap(details, width, indent, indent, textwrap))
    return lines


_DAY = re.compile(r"\b[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}(?: \d{4})?\b")
"""A day as ``tracker.dates.day`` writes it ("Sun 20 Dec 2026"), kept on one line."""
_GLUE = "\N{NO-BREAK SPACE}"


def _wrap(text: str, width: int, first: str, rest: str, textwrap) -> list[str]:
    if len(first) + _MIN_TEXT > width:  # a very long first column: the text goes below
        return [first.rstrip(), *_wrap(text, width, rest, rest, textwrap)]
    glued = _DAY.sub(lambda m: m.group().replace(" ", _GLUE), text)
    lines = textwrap.wrap(
        glued, width=max(width, len(first) + _MIN_TEXT), initial_indent=first,
        subsequent_indent=rest, break_long_words=False, break_on_hyphens=False,
    ) or [first.rstrip()]
    return [line.replace(_GLUE, " ") for line in lines]


def _details(item) -> str:
    """Why the item is there, with when it was due if late, and whom it is about."""
    parts = []
    if item.overdue_days > 0:
        days = item.overdue_days
        parts.append(f"Due {date_text(item.due)}, {days} day{'' if days == 1 else 's'} late")
    if item.person and item.person not in item.title:
        parts.append(item.person)
    if item.reason:
        parts.append(item.reason)
    return " · ".join(parts)


def sync_command(
    on: Annotated[
        str | None,
        typer.Option(
            "--on", metavar="DATE", help="Sync the agenda of this day, YYYY-MM-DD. Default: today."
        ),
    ] = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Rebuild from scratch: every person's kept facts and every rule, not only "
            "what changed.",
        ),
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print what the sync did as JSON.")
    ] = False,
) -> None:
    """Bring the rule-made tasks up to date now (the agenda does it by itself).

    Example: followthrough sync --full
    """
    owner = django_setup.owner()

    from followthrough.tracker import sync_state
    from followthrough.tracker.services import parsing
    from followthrough.tracker.services.days import check_day

    day = check_day(parsing.parse_date(on, "--on"), "--on") or django_setup.today(owner)
    done = sync_state.rebuild(owner, day) if full else sync_state.refresh(owner, day)
    state = sync_state.last_sync(owner)
    if as_json:
        emit_json({"synced": done, "day": day.isoformat(), **state})
        return
    if not done:
        say(f"Nothing changed since the last sync for {day}.")
        return
    how = "incrementally" if state["incremental"] else "in full"
    say(
        f"Synced {how} for {day}: {state['created']} new, {state['updated']} updated, "
        f"{state['removed']} removed."
    )
