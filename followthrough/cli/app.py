"""The ``followthrough`` command: the root group, its error handling, its sub-commands."""

from __future__ import annotations

import re
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from . import log, opportunities, organizations, people, search, serve, tasks
from . import settings as settings_cli
from . import summary as summary_cli
from .backup import restore_command
from .culture import culture_app
from .digest import digest_command
from .drafts import draft_command, withdraw_command
from .export import export_app
from .helpformat import use_classic_help
from .imports import import_app
from .mail import mail_app  # also adds `import mbox|eml|ics` to import_app
from .output import fail
from .report import report_command

use_classic_help()  # `--json`, not `--json <bool>` (see helpformat)

CONTEXT = {"help_option_names": ["-h", "--help"]}

# ``--birthday --03-04`` (ISO 8601 without a year) looks like an option to the
# parser; glue it to its option first, as ``--birthday=--03-04``.
_YEARLESS = re.compile(r"^--\d")
_TAKES_YEARLESS = {"--birthday"}


def glue_yearless_dates(args: list[str]) -> list[str]:
    """``[..., "--birthday", "--03-04"]`` becomes ``[..., "--birthday=--03-04"]``."""
    glued: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            glued.extend(args[i:])
            break
        if arg in _TAKES_YEARLESS and i + 1 < len(args) and _YEARLESS.match(args[i + 1]):
            glued.append(f"{arg}={args[i + 1]}")
            i += 2
            continue
        glued.append(arg)
        i += 1
    return glued


def expected_failure(exc: BaseException) -> str | None:
    """The one-line message for a failure the user can fix, or ``None`` for a bug."""
    from followthrough.config import ConfigError
    from followthrough.tracker.services.errors import InputError

    if isinstance(exc, InputError):
        from .output import input_error_text

        return input_error_text(exc)
    if isinstance(exc, ConfigError):
        return str(exc)
    if "django.db" in sys.modules:
        from django.db import OperationalError

        if isinstance(exc, OperationalError):
            return f"the database is not usable ({exc}); check FOLLOWTHROUGH_HOME or DATABASE_URL."
    return None


class RootGroup(TyperGroup):
    """Turns every expected failure into ``error: <one sentence>`` and exit code 1."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        return super().parse_args(ctx, glue_yearless_dates(list(args)))

    def invoke(self, ctx) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            message = expected_failure(exc)
            if message is None:
                raise
            fail(message)


app = typer.Typer(
    cls=RootGroup,
    name="followthrough",
    context_settings=CONTEXT,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)

app.add_typer(people.person_app, name="person")
app.add_typer(organizations.org_app, name="org")
app.add_typer(opportunities.opp_app, name="opp")
app.add_typer(tasks.task_app, name="task")
app.add_typer(culture_app, name="culture")
app.command("log")(log.log_command)
app.command("today")(tasks.today_command)
app.command("search")(search.search_command)
app.command("serve")(serve.serve_command)
app.command("demo")(serve.demo_command)
app.command("settings")(settings_cli.settings_command)
app.command("mode")(settings_cli.mode_command)
app.command("summary")(summary_cli.summary_command)
app.command("report")(report_command)
app.command("draft")(draft_command)
app.command("withdraw")(withdraw_command)
app.add_typer(export_app, name="export")
app.command("digest")(digest_command)
app.add_typer(import_app, name="import")
app.add_typer(mail_app, name="mail")
app.command("restore")(restore_command)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"followthrough {version('followthrough')}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Followthrough: whom to follow up with today, when to wait, when to stop.

    Data lives in FOLLOWTHROUGH_HOME (or DATABASE_URL). Add --json to add,
    list and show commands for scripts.

    Example: followthrough today
    """
