"""``followthrough club``: a job club's groups, and the leader's weekly class summary.

Hosted mode only, acting as one account (``followthrough --user EMAIL club ...``),
through the same services as the club's pages: a member sees their groups, a leader
the class summary in totals (no names; no totals from fewer than three members sharing).
"""

from __future__ import annotations

from typing import Annotated

import typer

from . import django_setup
from .app import CONTEXT
from .output import emit_json, say

club_app = typer.Typer(
    help="Hosted job club: your groups, and a leader's weekly class summary.\n\n"
    "Example: followthrough club list",
    context_settings=CONTEXT,
    no_args_is_help=True,
)

JSON = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def _member():
    """The account acting (``--user``), in hosted mode; one line otherwise."""
    owner = django_setup.owner()
    from followthrough.club.services import hosted
    from followthrough.config import ConfigError

    if not hosted():
        raise ConfigError(
            "`followthrough club` is for hosted mode (FOLLOWTHROUGH_HOSTED=1): a local "
            "workspace has one owner and no groups."
        )
    return owner


@club_app.command("list")
def list_command(as_json: JSON = False) -> None:
    """List your groups: id, name, whether you lead it, members, your buddy.

    Example: followthrough club list
    """
    member = _member()
    from django.db.models import Count

    from followthrough.club.services import groups

    rows = []
    for m in groups.memberships_of(member).annotate(size=Count("group__memberships")):
        group = m.group
        rows.append({
            "id": group.pk, "name": group.name, "leader": group.leader_id == member.pk,
            "members": m.size, "your_name": m.display_name,
            "buddy": m.buddy.display_name if m.buddy else None,
            "starts_on": group.starts_on.isoformat() if group.starts_on else None,
            "weeks": group.weeks,
        })
    if as_json:
        emit_json(rows)
        return
    if not rows:
        say("You are in no group yet: a leader's invitation link brings you in.")
    for row in rows:
        role = "you lead it" if row["leader"] else "member"
        buddy = f"; buddy {row['buddy']}" if row["buddy"] else ""
        say(f"{row['id']}  {row['name']}  ({role}, {row['members']} members{buddy})")


@club_app.command("summary")
def summary_command(
    group: Annotated[str, typer.Argument(metavar="GROUP",
                                         help="The group you lead: its id or its name.")],
    as_json: JSON = False,
) -> None:
    """This week's class summary of a group you lead: totals only, never names.

    Totals come from what members share with you, and only from three members
    sharing on; the text is the draft the Summary page offers to send the class.

    Example: followthrough club summary 1 --json
    """
    member = _member()
    from followthrough.club.services import classroom

    led = _led(member, group)
    summary = classroom.summary(member, led, django_setup.today(member))
    if as_json:
        emit_json(_as_json(summary))
    else:
        say(classroom.summary_text(summary))


def _led(member, wanted: str):
    from followthrough.club.models import Group
    from followthrough.tracker.services.errors import InputError

    led = Group.objects.filter(leader=member)
    wanted = wanted.strip()
    found = (led.filter(pk=int(wanted)) if wanted.isdecimal() and len(wanted) < 19
             else led.filter(name__iexact=wanted))
    if len(found) != 1:
        raise InputError(f"GROUP: you lead no group {wanted!r}; `followthrough club list` "
                         "shows yours (the ones you lead say so).")
    return found[0]


def _as_json(s) -> dict:
    from followthrough.club.services.classroom import summary_text

    totals = s.totals_shown  # fewer than three sharing: no totals (they would give one away)
    return {
        "group": {"id": s.group.pk, "name": s.group.name},
        "start": s.start.isoformat(), "end": s.end.isoformat(),
        "week_number": s.week_number, "members": s.members, "sharing": s.sharing,
        "totals_shown": totals,
        **{key: (getattr(s, key) if totals else None)
           for key in ("outreach", "applications", "interviews", "new_contacts")},
        "landed_this_week": s.landed_this_week, "landed_in_all": s.landed_in_all,
        "text": summary_text(s),
    }
