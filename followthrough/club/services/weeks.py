"""A member's week in numbers and their landing, read from their own workspace.

Only ``sharing.views_of`` calls these for someone else, once consent allows. Each
reads any number of members in a constant number of queries (a class of twenty
costs what a class of five does); the one-member forms are the same code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max

from followthrough.engine.weekly import summaries_for
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


def weeks_of(members, on: dt.date) -> dict[int, Week]:
    """Each member's week containing ``on``, counted up to ``on`` (the engine's weekly
    summary, as the Summary page counts a week under way), by member id."""
    return {
        member_id: Week(
            start=summary.start, end=summary.end, outreach=summary.outreach,
            applications=summary.applications,
            interviews=summary.interviews + summary.informational_interviews,
            new_contacts=summary.new_contacts, streak=summary.streak,
        )
        for member_id, summary in summaries_for(members, on, on).items()
    }


def week_of(member, on: dt.date) -> Week:
    return weeks_of([member], on)[member.pk]


def landings_of(members) -> dict[int, Landing]:
    """Each member's latest accepted opportunity (the new role), by member id; members
    who have not landed are left out. One query."""
    rows = (
        Opportunity.objects.filter(owner__in=list(members), stage=Stage.ACCEPTED)
        .order_by("owner_id", "-stage_changed_on", "-id")
        .values_list("owner_id", "role", "organization__name", "stage_changed_on")
    )
    found: dict[int, Landing] = {}
    for owner_id, role, organization, on in rows:
        found.setdefault(owner_id, Landing(role, organization, on))
    return found


def landing_of(member) -> Landing | None:
    return landings_of([member]).get(member.pk)


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
