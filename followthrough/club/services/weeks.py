"""A member's week in numbers and their landing, read from their own workspace.

Only ``sharing.view_of`` calls these for someone else, once consent allows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max

from followthrough.engine import summary_for
from followthrough.tracker.models import Direction, Interaction, Kind, Opportunity, Stage


@dataclass(frozen=True)
class Week:
    """The weekly numbers the issue names: outreach, applications, interviews, new contacts,
    streak, for the week (Monday to Sunday) containing ``start``."""

    start: dt.date
    end: dt.date
    outreach: int
    applications: int
    interviews: int
    new_contacts: int
    streak: int

    def as_json(self) -> dict:
        return {
            "start": self.start.isoformat(), "end": self.end.isoformat(),
            "outreach": self.outreach, "applications": self.applications,
            "interviews": self.interviews, "new_contacts": self.new_contacts,
            "streak": self.streak,
        }


@dataclass(frozen=True)
class Landing:
    role: str
    organization: str
    on: dt.date | None

    @property
    def label(self) -> str:
        return f"{self.role} at {self.organization}"


def week_of(member, on: dt.date) -> Week:
    summary = summary_for(member, on)
    return Week(
        start=summary.start, end=summary.end, outreach=summary.outreach,
        applications=summary.applications,
        interviews=summary.interviews + summary.informational_interviews,
        new_contacts=summary.new_contacts, streak=summary.streak,
    )


def landing_of(member) -> Landing | None:
    """The member's latest accepted opportunity: the new role."""
    opp = (
        Opportunity.objects.filter(owner=member, stage=Stage.ACCEPTED)
        .select_related("organization")
        .order_by("-stage_changed_on", "-id")
        .first()
    )
    if opp is None:
        return None
    return Landing(opp.role, opp.organization.name, opp.stage_changed_on)


def last_outreach(members: list) -> dict[int, dt.date]:
    """Each member's latest day of outreach (one query for them all)."""
    rows = (
        Interaction.objects.filter(owner__in=members, direction=Direction.OUTBOUND)
        .exclude(kind=Kind.NOTE)
        .values("owner_id")
        .annotate(last=Max("occurred_on"))
        .values_list("owner_id", "last")
    )
    return dict(rows)
