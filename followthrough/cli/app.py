"""The ``followthrough`` command: the root group, its error handling, its sub-commands."""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
from typer.core import TyperGroup

from .coercion import use_light_coercion
from .helpformat import use_classic_help
from .output import fail

use_classic_help()  # `--json`, not `--json <bool>` (see helpformat)
use_light_coercion()  # text options without pydantic (see coercion)

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
            from followthrough.dberrors import describe

            return describe(exc)
    return None


class RootGroup(TyperGroup):
    """Turns every expected failure into ``error: <one sentence>`` and exit code 1.

    Its commands are ``LazyCommands``: a command's module is imported when it runs.
    """

    def __init__(self, *args, commands=None, **kwargs) -> None:
        super().__init__(*args, commands=commands, **kwargs)
        self.commands = LazyCommands(dict(self.commands or {}))

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

# The sub-commands, in the order ``--help`` lists them: (name, module, attribute).
# A module is imported only when its command runs (or ``--help`` lists them all),
# so ``followthrough today`` loads neither the web stack nor Rich nor the
# importers. An attribute that is a ``typer.Typer`` is a group of commands.
COMMANDS: list[tuple[str, str, str]] = [
    ("log", "log", "log_command"),
    ("today", "tasks", "today_command"),
    ("sync", "tasks", "sync_command"),
    ("search", "search", "search_command"),
    ("serve", "serve", "serve_command"),
    ("demo", "serve", "demo_command"),
    ("settings", "settings", "settings_command"),
    ("mode", "settings", "mode_command"),
    ("summary", "summary", "summary_command"),
    ("report", "report", "report_command"),
    ("draft", "drafts", "draft_command"),
    ("withdraw", "drafts", "withdraw_command"),
    ("digest", "digest", "digest_command"),
    ("restore", "backup", "restore_command"),
    # Groups of commands (``typer.Typer``), listed after the commands.
    ("person", "people", "person_app"),
    ("org", "organizations", "org_app"),
    ("opp", "opportunities", "opp_app"),
    ("task", "tasks", "task_app"),
    ("doc", "documents", "doc_app"),
    ("culture", "culture", "culture_app"),
    ("export", "export", "export_app"),
    ("import", "imports", "import_app"),
    ("mail", "mail", "mail_app"),
    ("user", "users", "user_app"),
    ("club", "club", "club_app"),
]


def _load(name: str, module: str, attribute: str):
    """The Click command for one entry of ``COMMANDS``, built as ``app.command`` /
    ``app.add_typer`` would build it."""
    from typer import main as typer_main

    target = getattr(importlib.import_module(f"{__package__}.{module}"), attribute)
    holder = typer.Typer()
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name)
        return typer_main.get_group_from_info(
            holder.registered_groups[0],
            pretty_exceptions_short=app.pretty_exceptions_short,
            suggest_commands=app.suggest_commands,
            rich_markup_mode=app.rich_markup_mode,
        )
    holder.command(name)(target)
    return typer_main.get_command_from_info(
        holder.registered_commands[0],
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
    )


class LazyCommands(MutableMapping):
    """The root group's commands: every name of ``COMMANDS`` (loaded on first use),
    then any command registered on ``app`` directly."""

    def __init__(self, eager: dict) -> None:
        self._loaded = dict(eager)
        self._lazy = {name: (module, attr) for name, module, attr in COMMANDS}

    def __getitem__(self, name: str):
        if name not in self._loaded:
            module, attribute = self._lazy[name]  # KeyError for an unknown name
            self._loaded[name] = _load(name, module, attribute)
        return self._loaded[name]

    def __setitem__(self, name: str, command) -> None:
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self._loaded.pop(name, None)
        self._lazy.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        yield from self._lazy
        yield from (name for name in self._loaded if name not in self._lazy)

    def __len__(self) -> int:
        return len(self._lazy.keys() | self._loaded.keys())

    def __contains__(self, name: object) -> bool:
        return name in self._lazy or name in self._loaded


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
    user: str | None = typer.Option(
        None,
        "--user",
        metavar="EMAIL",
        help="Hosted mode: act on this account's workspace (required there; refused in"
        " local mode, which has one owner).",
    ),
) -> None:
    """Followthrough: whom to follow up with today, when to wait, when to stop.

    Data lives in FOLLOWTHROUGH_HOME (or DATABASE_URL). Add --json to add,
    list and show commands for scripts. Hosted: followthrough --user EMAIL today.

    Example: followthrough today
    """
    from . import django_setup

    django_setup.select_account(user)
