"""``followthrough export ...``: your data out of Followthrough, one format per command.

Each format registers itself here as a sub-command (``ics`` from ``calendar``).
"""

from __future__ import annotations

import typer

from . import calendar

export_app = typer.Typer(
    help="Export your data to a file or stdout.\n\n"
    "Example: followthrough export ics --out followthrough.ics",
    no_args_is_help=True,
)

export_app.command("ics")(calendar.export_ics_command)
