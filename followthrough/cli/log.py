"""``followthrough log KIND --with PERSON``: the action a seeker takes most."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from . import django_setup
from .output import date_text, emit_json, say, warn

KINDS = "email, call, meeting, coffee, informational, interview, message or note"


def parse_time(text: str | None, field: str) -> dt.time | None:
    """``HH:MM`` to a time; anything else is an ``InputError`` naming ``field``."""
    from followthrough.tracker.services.errors import InputError

    if text is None or not text.strip():
        return None
    try:
        return dt.time.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"{field}: {text!r} is not a time; write it as HH:MM, e.g. 14:30.", field
        ) from None


def log_command(
    kind: Annotated[str, typer.Argument(help=f"What it was: {KINDS}.")],
    with_: Annotated[
        list[str],
        typer.Option(
            "--with", "-w", metavar="PERSON", help="Who it was with (name or id); repeat for more."
        ),
    ],
    opp: Annotated[
        str | None,
        typer.Option("--opp", metavar="OPP_ID", help="The opportunity it was about (id)."),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DATE", help="The day, YYYY-MM-DD. Default: today."),
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", metavar="HH:MM", help="The time, HH:MM.")
    ] = None,
    summary: Annotated[str, typer.Option("--summary", "-m", help="What happened.")] = "",
    rapport: Annotated[
        list[str] | None,
        typer.Option(
            "--rapport",
            metavar="[NAME=]NOTE",
            help="What you connected on with one person, for their thank-you: NAME=NOTE"
            " (repeat, one per person met); a bare NOTE when you met one person.",
        ),
    ] = None,
    direction: Annotated[
        bool | None,
        typer.Option(
            "--in/--out",
            help="They reached out (--in) or you did (--out). Default: out (a note: neither).",
            show_default=False,
        ),
    ] = None,
    awaiting_reply: Annotated[
        bool, typer.Option("--awaiting-reply", help="You sent it and wait for an answer.")
    ] = False,
    decision_date: Annotated[
        str | None,
        typer.Option(
            "--decision-date", metavar="DATE", help="When they said they would decide, YYYY-MM-DD."
        ),
    ] = None,
    ask: Annotated[bool, typer.Option("--ask", help="You asked them for something.")] = False,
    give: Annotated[bool, typer.Option("--give", help="You gave them something.")] = False,
    clear_no: Annotated[bool, typer.Option("--clear-no", help="They said no, clearly.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the interaction as JSON (warnings on stderr).")
    ] = False,
) -> None:
    """Log an interaction: what happened, with whom, when.

    Warnings (say, a follow-up before the stated decision date) go to stderr;
    the interaction is saved all the same.

    Example: followthrough log coffee --with Ada --rapport "both row"

    Example: followthrough log interview -w Ada -w 7 --opp 4 --at 14:30

    Example: followthrough log interview -w Lena -w Max --rapport "Lena=We both ran Berlin"
    --rapport "Max=His team ships on Fridays"
    """
    owner = django_setup.owner()

    from followthrough.tracker.serializers import interaction_json
    from followthrough.tracker.services import parsing
    from followthrough.tracker.services.interactions import LogInput, log_interaction

    data = LogInput(
        kind=kind,
        people=list(with_),
        on=parsing.parse_date(on, "--on"),
        at=parse_time(at, "--at"),
        direction=None if direction is None else ("in" if direction else "out"),
        summary=summary,
        rapport_notes=list(rapport or []),
        awaiting_reply=awaiting_reply,
        asked=ask,
        gave=give,
        clear_no=clear_no,
        opportunity=opp,
        decision_date=parsing.parse_date(decision_date, "--decision-date"),
    )
    result = log_interaction(owner, data, django_setup.today(owner))
    interaction = result.interaction
    if as_json:
        emit_json(interaction_json(interaction))
    else:
        names = ", ".join(p.name for p in interaction.people.all())
        about = f" about {interaction.opportunity}" if interaction.opportunity_id else ""
        say(
            f"Logged {interaction.get_kind_display().lower()} with {names}{about}"
            f" on {date_text(interaction.occurred_on)} (id {interaction.pk})."
        )
        if result.moved:
            say(result.moved)
    for message in result.warnings:
        warn(message)
