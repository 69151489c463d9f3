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
from .output import date_text, emit_json, say, show, table

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
            [(r.address, r.name, r.count, date_text(r.last_on)) for r in rows],
        )
    )


@mail_app.command("add")
def mail_add(
    address: Annotated[str, typer.Argument(metavar="ADDRESS", help="An address from the list.")],
    as_json: JsonFlag = False,
) -> None:
    """Add the person behind an address from `followthrough mail people`.

    Their earlier messages are logged when you import that mail again, or sync
    with `followthrough mail sync --from-start`.

    Example: followthrough mail add ana@example.com
    """
    owner = django_setup.owner()
    from followthrough.mail import unknown

    person = unknown.add_person(owner, address)
    if as_json:
        emit_json({"id": person.pk, "name": person.name, "emails": person.emails})
    else:
        say(f"Added {person.name} ({person.email}), id {person.pk}.")


@mail_app.command("setup")
def mail_setup(
    host: Annotated[str | None, typer.Option("--host", help="The IMAP server.")] = None,
    port: Annotated[
        str | None, typer.Option("--port", metavar="N", help="993 for TLS, 143 otherwise.")
    ] = None,
    user: Annotated[str | None, typer.Option("--user", help="The login name.")] = None,
    security: Annotated[
        str | None,
        typer.Option("--security", metavar="tls|starttls|plain", help="How to connect (tls)."),
    ] = None,
    folder: Annotated[
        list[str] | None,
        typer.Option(
            "--folder",
            metavar="NAME",
            help="A folder to read (repeat); default INBOX and the Sent folder the server marks.",
        ),
    ] = None,
) -> None:
    """Set up the IMAP account that `followthrough mail sync` reads (read-only).

    Asks for what is not given. The password comes from FOLLOWTHROUGH_IMAP_PASSWORD
    or is asked once and kept in the data folder, readable by you only (never in a
    backup). A test login checks it all and finds the Sent folder.

    Example: followthrough mail setup --host imap.example.com --user me@example.com
    """
    owner = django_setup.owner()
    from followthrough.mail import imap, secret
    from followthrough.mail.settings import mail_settings

    current = mail_settings(owner)
    interactive = sys.stdin.isatty()

    def ask(value, label, default):
        if value is not None or not interactive:
            return value if value is not None else default
        return typer.prompt(label, default=default or None, show_default=bool(default))

    host = ask(host, "IMAP server", current.imap_host)
    user = ask(user, "User name", current.imap_user)
    security = ask(security, "Security (tls, starttls or plain)", current.imap_security or "tls")
    port = ask(port, "Port (empty for the usual one)", str(current.imap_port or ""))
    account = imap.clean_account(host, user, security, port, folder or [])
    password = secret.password(owner)
    if not password and interactive:
        where = "encrypted, for this account only" if secret.hosted() else (
            "kept in the data folder, readable by you only")
        password = typer.prompt(f"Password ({where})", hide_input=True)
    settings = imap.setup(owner, account, password)
    say(
        f"Mail: {settings.imap_user} at {settings.imap_host}:{imap.port_of(settings)} "
        f"({settings.imap_security}), folders {', '.join(settings.imap_folders)}. "
        "Run `followthrough mail sync`."
    )


@mail_app.command("sync")
def mail_sync(
    loop: Annotated[
        bool, typer.Option("--loop", help="Keep syncing (every --every minutes) until Ctrl-C.")
    ] = False,
    every: Annotated[
        int, typer.Option("--every", metavar="MINUTES", help="Minutes between passes (5).")
    ] = 5,
    from_start: Annotated[
        bool,
        typer.Option(
            "--from-start",
            help="Read every folder again from the start (after adding people from "
            "`mail people`); nothing is logged twice.",
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Read new mail from the IMAP account: read-only, only what is new since the last pass.

    Example: followthrough mail sync --loop
    """
    owner = django_setup.owner()
    from followthrough.mail import imap
    from followthrough.tracker.services.errors import InputError

    if every < 1:
        raise InputError("--every: give at least 1 minute.", "every")
    if not loop:
        result = imap.sync(owner, from_start=from_start)
        if as_json:
            emit_json(result.to_json())
        else:
            say(result.headline())
        return
    import time

    try:
        while True:
            try:
                say(imap.sync(owner, from_start=from_start).headline())
                from_start = False
            except imap.SyncError as error:
                typer.echo(f"error: {error}", err=True)  # the next pass tries again
            time.sleep(every * 60)
    except KeyboardInterrupt:
        say("Stopped.")
