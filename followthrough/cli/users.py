"""``followthrough user``: the hosted mode's accounts, managed by the host."""

from __future__ import annotations

from typing import Annotated

import typer

from . import django_setup
from .app import CONTEXT
from .output import emit_json, say

user_app = typer.Typer(
    help="Hosted mode's accounts: add, invite, list, clear ended sessions.\n\n"
    "Example: followthrough user add ada@example.org",
    context_settings=CONTEXT,
    no_args_is_help=True,
)

EMAIL = Annotated[str, typer.Argument(metavar="EMAIL", help="The account's email address.")]
JSON = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def _hosted() -> None:
    """Django ready, or one line saying this is for hosted mode."""
    django_setup.setup()
    django_setup.migrate()
    from django.conf import settings

    from followthrough.config import ConfigError

    if not settings.FOLLOWTHROUGH_HOSTED:
        raise ConfigError(
            "`followthrough user` is for hosted mode (FOLLOWTHROUGH_HOSTED=1); a local"
            " workspace has one owner and no accounts."
        )


@user_app.command("add")
def add_command(email: EMAIL, as_json: JSON = False) -> None:
    """Make an account (the first one, too) and print its one-time set-password link.

    The address counts as verified. Send the link to its owner: it opens the page
    where they choose a password, works once, and expires in 3 days.

    Example: followthrough user add ada@example.org
    """
    _hosted()
    from followthrough.accounts import services

    user = services.add_account(email)
    _say_password_link(
        user, f"Added the account {user.email}. Its one-time link to set a password (3 days):",
        as_json,
    )


@user_app.command("link")
def link_command(email: EMAIL, as_json: JSON = False) -> None:
    """Print a new one-time set-password link for an account (a lost password).

    Example: followthrough user link ada@example.org
    """
    _hosted()
    from followthrough.accounts import services

    user = services.find_account(email)
    _say_password_link(
        user, f"A one-time link for {user.email} to set a password (3 days):", as_json
    )


def _say_password_link(user, heading: str, as_json: bool) -> None:
    """A new one-time set-password link for ``user``: JSON, or ``heading`` then the link."""
    from followthrough.accounts import services

    link = services.password_link(user)
    if as_json:
        emit_json({"email": user.email, "set_password_link": link})
        return
    say(heading)
    say(link)


@user_app.command("invite")
def invite_command(email: EMAIL, as_json: JSON = False) -> None:
    """Print a sign-up link that lets someone onto this instance, in no group yet.

    For the host to let in a person who is not joining a group through its leader (a
    co-leader who will start a group, say). Good for 14 days and one account, with
    this address only. Members of a group are invited by its leader on the group's
    page (the class at a glance, Invite): that link makes the account too.

    Example: followthrough user invite ada@example.org
    """
    _hosted()
    from followthrough.accounts import services

    link = services.invitation_link(email)
    if as_json:
        emit_json({"email": email.strip().lower(), "invitation_link": link})
        return
    say(f"Send this sign-up link to {email.strip().lower()} (14 days, one account, "
        "no group; a group's leader invites its members from the group's page):")
    say(link)


@user_app.command("list")
def list_command(as_json: JSON = False) -> None:
    """List the accounts: address, the day it was made, last sign-in, two-factor.

    Example: followthrough user list
    """
    _hosted()
    from followthrough.accounts import services

    found = services.accounts()
    if as_json:
        emit_json([account.as_json() for account in found])
        return
    if not found:
        say("No accounts yet; add the first with `followthrough user add EMAIL`.")
    for account in found:
        from followthrough.tracker.dates import day, day_time

        seen = day_time(account.last_login) if account.last_login else "never signed in"
        factor = ", two-factor" if account.two_factor else ""
        say(f"{account.email}  (since {day(account.joined)}; last sign-in {seen}{factor})")


@user_app.command("clear-sessions")
def clear_sessions_command(as_json: JSON = False) -> None:
    """Delete the sessions that have ended (expired sign-ins); run it daily.

    A session that simply expired stays in the database until cleared. Safe at any
    time and from several machines: members who are signed in stay signed in.

    Example: followthrough user clear-sessions
    """
    _hosted()
    from followthrough.accounts import services

    cleared = services.clear_sessions()
    if as_json:
        emit_json({"cleared": cleared})
        return
    say(f"Cleared {cleared} ended session{'' if cleared == 1 else 's'}.")
