"""Output helpers: JSON for scripts, Rich tables for people, one-line errors.

User text goes into tables as ``Text``, never as markup, so a name with brackets
prints as typed. Rich leaves out colour when stdout is not a terminal.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, NoReturn

import typer

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON (ids included) for scripts.")]
"""The ``--json`` flag of add, list and show commands."""


def emit_json(data: Any) -> None:
    """Print ``data`` as JSON on stdout, and nothing else."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=_default))


def _default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def say(message: str) -> None:
    """A plain line on stdout (no markup, no wrapping: scripts may read it)."""
    typer.echo(message)


def warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


def fail(message: str) -> NoReturn:
    """Stop with ``error: message`` on stderr and exit code 1."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


#: Service field names -> the CLI option that sets them, so errors name what was typed.
#: Only fields that are an option wherever they occur (not "name": an argument of ``add``).
OPTIONS = {
    "met_on": "--met-on",
    "linkedin_url": "--linkedin",
    "email": "--email",
    "introduced_by": "--introduced-by",
    "how_met": "--how-met",
    "cadence": "--cadence",
    "birthday": "--birthday",
    "situation": "--situation",
    "organization": "--org",
    "with": "--with",
    "people": "--with",
    "rapport_note": "--rapport",
    "summary": "--summary",
    "decision_date": "--decision-date",
    "offer_deadline": "--deadline",
    "referred_by": "--referred-by",
    "posting_url": "--url",
    "interest": "--interest",
    "source": "--source",
    "website": "--website",
    "notes": "--notes",
    "due": "--due",
    "awaiting_reply": "--awaiting-reply",
    # The job itself (opp add/edit).
    "location": "--location",
    "remote": "--remote",
    "salary_min": "--salary-min",
    "salary_max": "--salary-max",
    "salary_currency": "--currency",
    "salary_unit": "--salary-per",
    "description": "--description",
    "posted_on": "--posted-on",
    "apply_by": "--apply-by",
    "my_emails": "--my-email",
    "keep_snippet": "--keep-snippet",
}

#: What to add to "add them first" when the CLI cannot find a ``kind`` of thing.
HOW_TO_ADD = {"person": "with `followthrough person add`"}


def input_error_text(error) -> str:
    """An ``InputError`` as ``fail`` prints it: each error on one line, naming the option."""
    lines = []
    for one in error.errors:
        field = one.field or ""
        text = one.worded(OPTIONS[field]) if field in OPTIONS else str(one)
        how = HOW_TO_ADD.get(getattr(one, "kind", ""))
        if how and text.endswith("add them first."):
            text = f"{text[:-1]} {how}."
        lines.append(text)
    return "\nerror: ".join(lines)


def console():
    from rich.console import Console

    return Console(highlight=False)


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]):
    """A Rich table of plain-text cells (``None`` shows as blank)."""
    from rich.table import Table
    from rich.text import Text

    grid = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    for column in columns:
        grid.add_column(column, overflow="fold")
    for row in rows:
        grid.add_row(*(Text("" if cell is None else str(cell)) for cell in row))
    return grid


def show(*renderables: Any) -> None:
    out = console()
    for renderable in renderables:
        out.print(renderable)


def field_lines(pairs: Iterable[tuple[str, Any]]) -> list[str]:
    """``label: value`` lines for the fields that have a value."""
    lines = []
    for label, value in pairs:
        if value in (None, "", [], ()):
            continue
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        lines.append(f"{label}: {value}")
    return lines


def date_text(value: dt.date | None) -> str:
    """A day as a person reads it, in a sentence, a table cell or a ``Label: value``
    line: "Sun 6 Dec 2026" (``tracker.dates.day``; ``--json`` and the exports keep
    ISO 8601)."""
    if value is None:
        return ""
    from followthrough.tracker.dates import day

    return day(value)
