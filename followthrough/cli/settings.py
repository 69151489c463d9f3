"""``followthrough settings`` and ``followthrough mode``: the rules' thresholds, the mode."""

from __future__ import annotations

from typing import Annotated

import typer

from . import django_setup
from .output import emit_json, say


def _number(option: str, text: str) -> object:
    return typer.Option(option, metavar="N", help=text, show_default=False)


def settings_command(
    thank_you_days: Annotated[
        str | None, _number("--thank-you-days", "Days after an interview a thank-you is due (1).")
    ] = None,
    nudge_after: Annotated[
        str | None, _number("--nudge-after", "Quiet days before a nudge is due (7).")
    ] = None,
    max_nudges: Annotated[
        str | None, _number("--max-nudges", "Unanswered nudges before letting go (2).")
    ] = None,
    follow_up_after: Annotated[
        str | None,
        _number("--follow-up-after", "Business days to a follow-up with no decision date (10)."),
    ] = None,
    let_go_after: Annotated[
        str | None, _number("--let-go-after", "Quiet days after the last follow-up to let go (21).")
    ] = None,
    min_active: Annotated[
        str | None, _number("--min-active", "Active opportunities to keep in the pipeline (3).")
    ] = None,
    daily_outreach: Annotated[
        str | None, _number("--daily-outreach", "Outreach a day that keeps the streak (1).")
    ] = None,
    default_cadence: Annotated[
        str | None,
        _number(
            "--default-cadence",
            "Keep-in-touch days for those who helped, the hiring side and recruiters"
            " you withdrew from, unless set per person; 0 is off (90).",
        ),
    ] = None,
    year_end: Annotated[
        bool | None,
        typer.Option(
            "--year-end/--no-year-end",
            help="A year-end greeting item for everyone with a cadence (off).",
            show_default=False,
        ),
    ] = None,
    buddy: Annotated[
        str | None,
        typer.Option(
            "--buddy",
            metavar="NAME",
            help='Your search buddy\'s name (someone in your network or not); "" clears it.',
        ),
    ] = None,
    time_zone: Annotated[
        str | None,
        typer.Option("--time-zone", metavar="ZONE", help="Your time zone, e.g. Europe/Paris."),
    ] = None,
    my_email: Annotated[
        list[str] | None,
        typer.Option(
            "--my-email",
            metavar="ADDRESS",
            help="One of your own email addresses (repeat for each; replaces the list; "
            "--my-email '' clears it). Mail from them is outbound.",
        ),
    ] = None,
    keep_snippet: Annotated[
        str | None,
        typer.Option(
            "--keep-snippet",
            metavar="on|off",
            help="Keep the first 300 characters of each imported message (off).",
        ),
    ] = None,
    show: Annotated[
        bool, typer.Option("--show", help="Print every setting (also after a change).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the settings as JSON.")] = False,
) -> None:
    """Show or change the rules' thresholds, your search buddy and your time zone.

    Without options it prints every setting; with some, it saves them (all or
    nothing) and says what changed.

    Example: followthrough settings --nudge-after 5 --time-zone Europe/Paris

    Example: followthrough settings --buddy "Ana Ruiz" --year-end --default-cadence 120
    """
    owner = django_setup.owner()

    from followthrough.tracker.services import workspace as svc

    given = {
        "thank_you_days": thank_you_days,
        "nudge_after_days": nudge_after,
        "max_nudges": max_nudges,
        "follow_up_business_days": follow_up_after,
        "let_go_after_days": let_go_after,
        "min_active_opportunities": min_active,
        "daily_outreach_goal": daily_outreach,
        "default_cadence_days": default_cadence,
        "year_end_greeting": year_end,
        "buddy_name": buddy,
        "time_zone": time_zone,
    }
    changes = {name: value for name, value in given.items() if value is not None}
    options = {t.field: f"--{t.option}" for t in svc.THRESHOLDS} | {
        "time_zone": "--time-zone", "year_end_greeting": "--year-end", "buddy_name": "--buddy",
    }
    from django.db import transaction

    from followthrough.mail import settings as mail_svc

    with transaction.atomic():
        workspace = svc.update_settings(owner, changes, fields=options)
        mail = mail_svc.update(owner, my_emails=my_email, keep_snippet=keep_snippet)
    if as_json:
        emit_json(svc.settings_json(workspace) | mail_svc.settings_json(mail))
        return
    saved = [_line(svc, name, workspace) for name in changes]
    saved += mail_svc.saved_lines(mail, my_emails=my_email, keep_snippet=keep_snippet)
    if saved:
        say("Saved: " + ", ".join(saved) + ".")
    if show or not saved:
        for line in settings_lines(svc, workspace) + mail_svc.settings_lines(mail):
            say(line)


def _line(svc, name: str, workspace) -> str:
    if name == "time_zone":
        return f"time zone {workspace.time_zone}"
    if name == "year_end_greeting":
        return f"year-end greeting {'on' if workspace.year_end_greeting else 'off'}"
    if name == "buddy_name":
        return f"search buddy {workspace.buddy_name}" if workspace.buddy_name else (
            "no search buddy"
        )
    threshold = svc.BY_FIELD[name]
    return f"{threshold.label.lower()} {threshold.amount(getattr(workspace, name))}"


def settings_lines(svc, workspace) -> list[str]:
    lines = [f"Mode: {workspace.mode}", f"Time zone: {workspace.time_zone}"]
    for t in svc.THRESHOLDS:
        lines.append(f"{t.label}: {t.amount(getattr(workspace, t.field))} (--{t.option})")
    lines.append(
        f"Year-end greeting: {'on' if workspace.year_end_greeting else 'off'}"
        " (--year-end/--no-year-end)"
    )
    name, _ = svc.buddy_of(workspace.owner)
    lines.append(
        f"Search buddy: {name} (--buddy)" if name else
        "Search buddy: none yet. Find someone also in transition who agrees to help, and"
        " share a weekly summary (--buddy NAME)."
    )
    return lines


def mode_command(
    mode: Annotated[
        str | None,
        typer.Argument(help="searching or landed; leave it out to see the current mode."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the settings as JSON.")] = False,
) -> None:
    """Switch between searching and landed (or show the mode).

    Landed: the job-search rules (thank-yous, follow-ups, nudges, letting go,
    momentum, offer timing, the buddy summary) rest; keep-in-touch, birthdays,
    give-first and the thanks to those who helped go on. Accepting an offer
    switches to landed by itself; switch back with `followthrough mode searching`.

    Example: followthrough mode searching
    """
    owner = django_setup.owner()

    from followthrough.tracker.services import workspace as svc
    from followthrough.tracker.services.owners import workspace_for

    workspace = svc.set_mode(owner, mode, "MODE") if mode is not None else workspace_for(owner)
    if as_json:
        emit_json(svc.settings_json(workspace))
        return
    say(f"Mode: {workspace.mode}. {svc.MODE_HELP[workspace.mode]}")
