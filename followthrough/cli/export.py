"""``followthrough export ...``: your data out of Followthrough, one format per command.

Each format registers itself here as a sub-command (``ics`` from ``calendar``;
``json``, ``csv`` and ``vcard`` from ``backup``).
"""

from __future__ import annotations

import typer

from . import backup, calendar
from .documents import export_documents_command

export_app = typer.Typer(
    help="Export your data to a file or stdout.\n\n"
    "Example: followthrough export ics --out followthrough.ics",
    no_args_is_help=True,
)

export_app.command("ics")(calendar.export_ics_command)
export_app.command("json")(backup.export_json_command)
export_app.command("csv")(backup.export_csv_command)
export_app.command("vcard")(backup.export_vcard_command)
export_app.command("documents")(export_documents_command)
