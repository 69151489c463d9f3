"""``followthrough export ics``: the calendar feed as a file, or on stdout."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import django_setup
from .output import fail, say


def export_ics_command(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="Write to FILE instead of stdout (replaced if it exists).",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Export your calendar (due items, interviews, decision dates, birthdays) as iCalendar.

    The same events as the calendar feed on the Calendar page, to import into any
    calendar program. Links in it point to FOLLOWTHROUGH_BASE_URL.

    Example: followthrough export ics --out followthrough.ics
    """
    owner = django_setup.owner()

    from django.conf import settings

    from followthrough.calendar_feed.services import build_feed

    cal = build_feed(owner, django_setup.today(owner), base_url=settings.FOLLOWTHROUGH_BASE_URL)
    data = cal.to_ical()
    if out is None:
        typer.echo(data.decode(), nl=False)
        return
    try:
        out.write_bytes(data)
    except OSError as error:
        fail(f"--out: cannot write {out} ({error.strerror}); choose another file.")
    say(f"Wrote {len(cal.walk('VEVENT'))} events to {out}.")
