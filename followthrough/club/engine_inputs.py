"""What the etiquette rules read of the club, through two small functions.

The rules stay functions of their inputs: ``buddy`` passes the buddy's person id
(``Facts.buddy_id``), ``landed`` the accepted opportunity's id, and each gets back
plain values. Both ids belong to the owner whose facts are read, so nothing of
another member leaks beyond the names the club already shows that owner.

The agenda is synced again when these answers change, because every club change
they depend on also saves a person in the owner's workspace (``services.people``),
which the tracker's change triggers count. No club table needs a trigger.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class ClubBuddy:
    name: str
    group: str
    since: dt.date  # the day they were paired (UTC): no item for a Friday before it


@dataclass(frozen=True)
class ClubHelper:
    person_id: int
    name: str
    why: str


def club_buddy(person_id: int) -> ClubBuddy | None:
    """The group buddy that person ``person_id`` stands for in its owner's workspace."""
    from .models import Membership

    found = (
        Membership.objects.filter(buddy_person_id=person_id, buddy__isnull=False)
        .values_list("buddy__display_name", "group__name", "buddy_since")
        .first()
    )
    if found is None:
        return None
    name, group, since = found
    return ClubBuddy(name, group, since.date() if since else dt.date.min)


def club_helpers(opportunity_id: int) -> list[ClubHelper]:
    """The leader and the buddy of each group the opportunity's owner is in, as people
    in that owner's workspace: everyone who helped, for the landed thanks."""
    from followthrough.tracker.models import Opportunity, Person

    from .models import Membership

    owner_id = Opportunity.objects.filter(pk=opportunity_id).values_list(
        "owner_id", flat=True
    ).first()
    if owner_id is None:
        return []
    rows = Membership.objects.filter(member_id=owner_id).values_list(
        "group__name", "leader_person_id", "buddy_person_id", "buddy_id"
    )
    why: dict[int, str] = {}
    for group, leader, buddy, has_buddy in rows:
        if buddy and has_buddy:
            why.setdefault(buddy, f"your search buddy in {group}")
        if leader:
            why.setdefault(leader, f"leads {group}, your job club")
    names = dict(
        Person.objects.filter(Q(owner_id=owner_id) & Q(pk__in=list(why))).values_list("id", "name")
    )
    return [ClubHelper(p, names[p], w) for p, w in sorted(why.items()) if p in names]
