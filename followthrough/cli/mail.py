"""Mail and calendar from the command line (issue 11).

``followthrough import mbox|eml|ics`` (added to the import group) and
``followthrough mail setup|sync|people|add``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from . import django_setup
from .imports import DryRun, JsonFlag, import_app, progress_bar
from .output import emit_json, say, show, table

mail_app = typer.Typer(
    help="Read your mailbox over IMAP: read-only, new mail only, headers first.\n\n"
    "Set it up once with `followthrough mail setup`, then `followthrough mail sync`\n"
    "(add --loop to keep syncing). Files: `followthrough import mbox|eml|ics`.\n\n"
    "Example: followthrough mail sync",
    no_args_is_help=True,
)


def _counting(raws, progress, total: int):
    done = 0
    for raw in raws:
        done += len(raw) + 40  # the From line the reader dropped, roughly
        if progress is not None:
            progress(min(done, total), total)
        yield raw


def _report(outcome, as_json: bool) -> None:
    if as_json:
        emit_json(outcome.to_json())
        return
    say(outcome.headline())
    if outcome.new_addresses:
        say(
            f"{outcome.new_addresses} new addresses you wrote with are not here yet: "
            "see `followthrough mail people`."
        )


@import_app.command("mbox")
def import_mbox(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The mbox file.")],
    dry_run: DryRun = False,
    as_json: JsonFlag = False,
) -> None:
    """Import a mailbox file (mbox, as Gmail Takeout and Thunderbird write it).

    Each message with a known person becomes an email interaction with them;
    the Message-ID makes a second import add nothing. Set your own addresses
    first (`followthrough settings --my-email you@example.com`).

    Example: followthrough import mbox "All mail Including Spam and Trash.mbox"
    """
    owner = django_setup.owner()
    from followthrough.mail import files, service

    files.check_file(file)
    total = max(file.stat().st_size, 1)
    with (
        file.open("rb") as stream,
        progress_bar(enabled=not as_json and sys.stdout.isatty()) as progress,
    ):
        raws = _counting(files.mbox_messages(stream, file.name), progress, total)
        outcome = service.import_messages(owner, raws, dry_run=dry_run)
    _report(outcome, as_json)


@import_app.command("eml")
def import_eml(
    files_: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="One or more .eml files.")
    ],
    dry_run: DryRun = False,
    as_json: JsonFlag = False,
) -> None:
    """Import single messages saved as .eml files.

    Example: followthrough import eml reply.eml invitation.eml
    """
    owner = django_setup.owner()
    from followthrough.mail import files, service

    raws = files.read_emls(files_)
    outcome = service.import_messages(owner, raws, dry_run=dry_run)
    _report(outcome, as_json)


@import_app.command("ics")
def import_ics(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The .ics calendar file.")],
    dry_run: DryRun = False,
    as_json: JsonFlag = False,
) -> None:
    """Import a calendar file (.ics from Google Calendar, Outlook, Apple Calendar).

    Each event with a known person as organizer or attendee becomes a meeting
    (an interview when its title says so) on its day; the event's UID makes a
    re-import or a moved event update rather than duplicate.

    Example: followthrough import ics calendar.ics
    """
    owner = django_setup.owner()
    from followthrough.mail import files, ics

    files.check_file(file)
    outcome = ics.import_ics(owner, file.read_bytes(), file.name, dry_run=dry_run)
    if as_json:
        emit_json(outcome.to_json())
    else:
        say(outcome.headline())


@mail_app.command("people")
def mail_people(
    as_json: JsonFlag = False,
    limit: Annotated[int, typer.Option("--limit", metavar="N", help="Show at most N.")] = 50,
) -> None:
    """List the people you wrote with who are not here yet (address, name, count, last date).

    Add one with `followthrough mail add ADDRESS`.

    Example: followthrough mail people --limit 20
    """
    owner = django_setup.owner()
    from followthrough.mail import ingest

    ingest.forget_known(owner)
    rows = list(ingest.unknown_list(owner)[: max(limit, 0)])
    if as_json:
        emit_json(
            [
                {"address": r.address, "name": r.name, "count": r.count, "last": r.last_on}
                for r in rows
            ]
        )
        return
    if not rows:
        say("Everyone you wrote with is here.")
        return
    show(
        table(
            "People you wrote with who are not here yet",
            ["Address", "Name", "Messages", "Last"],
            [(r.address, r.name, r.count, r.last_on.isoformat()) for r in rows],
        )
    )


@mail_app.command("add")
def mail_add(
    address: Annotated[str, typer.Argument(metavar="ADDRESS", help="An address from the list.")],
    as_json: JsonFlag = False,
) -> None:
    """Add the person behind an address from `followthrough mail people`.

    Their past messages are logged at the next import or sync of that mail.

    Example: followthrough mail add ana@example.com
    """
    owner = django_setup.owner()
    from followthrough.mail import unknown

    person = unknown.add_person(owner, address)
    if as_json:
        emit_json({"id": person.pk, "name": person.name, "emails": person.emails})
    else:
        say(f"Added {person.name} ({person.email}), id {person.pk}.")
