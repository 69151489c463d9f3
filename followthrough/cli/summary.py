"""``followthrough summary --week``: the week's progress, to send a search buddy."""

from __future__ import annotations

from typing import Annotated

import typer

from . import django_setup
from .output import emit_json, say


def summary_command(
    week: Annotated[
        bool,
        typer.Option(
            "--week",
            help="The weekly summary, Monday to Sunday (the default, and for now the only one).",
        ),
    ] = False,
    on: Annotated[
        str | None,
        typer.Option(
            "--on", metavar="DATE", help="A day in the week to sum up, YYYY-MM-DD. Default: today."
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print an object: start, end, outreach, applications, interviews,"
            " informational_interviews, thank_yous, follow_ups, new_contacts, streak.",
        ),
    ] = False,
) -> None:
    """The week's progress, as a plain text to send your search buddy.

    It counts outreach, applications, interviews, thank-yous, follow-ups and new
    contacts, and gives your outreach streak.

    Example: followthrough summary --week --on 2026-03-06
    """
    del week  # the week is the only period so far; the flag keeps scripts explicit
    owner = django_setup.owner()

    from followthrough.tracker.services import etiquette, parsing
    from followthrough.tracker.services.days import check_day

    today = django_setup.today(owner)
    day = check_day(parsing.parse_date(on, "--on"), "--on") or today
    summary = etiquette.week_summary(owner, day, today)
    if as_json:
        emit_json(summary.as_json())
    else:
        say(etiquette.summary_text(summary).rstrip("\n"))
