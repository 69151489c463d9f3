"""``followthrough import ...``: spreadsheets, LinkedIn, Google, Outlook and vCard files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from . import django_setup
from .output import emit_json, say, warn

import_app = typer.Typer(
    help="Import people (and from a spreadsheet, jobs and interactions) from a file.\n\n"
    "All or nothing: an error leaves your data as it was. People already here are\n"
    "matched by email, LinkedIn URL, then name and organization, so importing the same\n"
    "file twice adds nothing.\n\n"
    "Example: followthrough import linkedin Connections.csv --dry-run",
    no_args_is_help=True,
)

FileArg = Annotated[Path, typer.Argument(metavar="FILE", help="The file to import.")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Show what would happen; write nothing.")]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print the outcome as JSON.")]
MapOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        metavar="FIELD=COLUMN",
        help="Map a field to a column (repeat); FIELD= leaves a guessed field out.",
    ),
]


def run_import(
    kind: str, file: Path, *, dry_run: bool, as_json: bool, mapping: list[str] | None = None
) -> None:
    owner = django_setup.owner()

    from followthrough.imports import reading, spreadsheet
    from followthrough.imports.apply import import_records
    from followthrough.tracker.services.errors import InputError

    if not file.is_file():
        raise InputError(f"FILE: there is no file {str(file)!r}; check the path.", "file")
    columns = None
    if kind == "csv":
        columns = spreadsheet.guess_mapping(spreadsheet.headers(file, file.name))
        columns.update(parse_map(mapping or []))
        columns = {f.key: columns[f.key] for f in spreadsheet.FIELDS if columns.get(f.key)}
    read = reading.read(kind, file, file.name, columns)
    with progress_bar(enabled=not as_json and sys.stdout.isatty()) as progress:
        outcome = import_records(
            owner, read, today=django_setup.today(owner), dry_run=dry_run, progress=progress
        )
    for note in outcome.notes:
        warn(note)
    if as_json:
        emit_json(outcome.to_json())
        return
    if columns is not None:
        say("Columns: " + ", ".join(f"{field}={column}" for field, column in columns.items()))
    say(outcome.headline())
    for line in outcome.skipped_lines():
        say(f"  skipped {line}")


def parse_map(items: list[str]) -> dict[str, str]:
    from followthrough.tracker.services.errors import InputError

    mapping = {}
    for item in items:
        field, sep, column = item.partition("=")
        if not sep or not field.strip():
            raise InputError(
                f"--map: {item!r} is not FIELD=COLUMN, e.g. --map organization=Company.", "map"
            )
        mapping[field.strip()] = column.strip()
    return mapping


class progress_bar:
    """A Rich progress bar on a terminal (a no-op otherwise), as an import ``progress`` callback."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar = None
        self.task = None

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = Progress(
            TextColumn("Importing"), BarColumn(), MofNCompleteColumn(), transient=True
        )
        self.bar.__enter__()
        self.task = self.bar.add_task("import", total=None)
        return self.update

    def update(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


@import_app.command("linkedin")
def import_linkedin(file: FileArg, dry_run: DryRun = False, as_json: JsonFlag = False) -> None:
    """Import LinkedIn's Connections.csv (any layout since 2018).

    "Connected On" becomes the day you met; how you met is "LinkedIn". Rows
    without a name (hidden profiles) are skipped and listed.

    Example: followthrough import linkedin Connections.csv
    """
    run_import("linkedin", file, dry_run=dry_run, as_json=as_json)


@import_app.command("google")
def import_google(file: FileArg, dry_run: DryRun = False, as_json: JsonFlag = False) -> None:
    """Import a Google Contacts CSV export (the current or the older layout).

    Example: followthrough import google contacts.csv
    """
    run_import("google", file, dry_run=dry_run, as_json=as_json)


@import_app.command("outlook")
def import_outlook(file: FileArg, dry_run: DryRun = False, as_json: JsonFlag = False) -> None:
    """Import an Outlook contacts CSV export.

    Example: followthrough import outlook contacts.csv
    """
    run_import("outlook", file, dry_run=dry_run, as_json=as_json)


@import_app.command("vcard")
def import_vcard(file: FileArg, dry_run: DryRun = False, as_json: JsonFlag = False) -> None:
    """Import a vCard file (.vcf) with one contact or many (vCard 3.0 or 4.0; 2.1 where it can).

    Example: followthrough import vcard contacts.vcf
    """
    run_import("vcard", file, dry_run=dry_run, as_json=as_json)


@import_app.command("csv")
def import_csv(
    file: FileArg,
    map_: MapOpt = None,
    dry_run: DryRun = False,
    as_json: JsonFlag = False,
) -> None:
    """Import your own spreadsheet, CSV or .xlsx, with any columns.

    The columns are matched to fields from their headers; --map changes that.
    Fields: name, first_name, last_name, emails, phones, linkedin_url, title,
    situation, how_met, met_on, birthday, tags, notes, cadence_days,
    organization, website, role, stage, source, interest, applied_on,
    decision_date, offer_deadline, posting_url, opportunity_notes, kind,
    occurred_on, direction, summary. Try --dry-run first to see the mapping's effect.

    Example: followthrough import csv search.xlsx --map role=Position --dry-run
    """
    run_import("csv", file, dry_run=dry_run, as_json=as_json, mapping=map_)


# `import mbox|eml|ics` live with the mail commands; loading them here keeps them in
# this group now that each command's module is loaded only when it runs (cli.app).
from . import mail as _mail  # noqa: E402, F401  (registers its commands on import_app)
