"""The leader's view of the class: each member's week as shared, who has been quiet,
who landed, and the weekly class summary. Members are listed by name, never ranked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from followthrough.tracker.dates import day

from ..models import Audience, Consent, Group, Membership, Topic
from . import sharing, weeks

QUIET_DAYS = 7
MIN_FOR_TOTALS = 3
"""Class totals need this many members sharing their numbers: fewer would give one away."""


@dataclass
class Row:
    membership: Membership
    view: sharing.SharedView
    last_outreach: dt.date | None
    quiet: bool


def rows(leader, group: Group, today: dt.date) -> list[Row]:
    """Each member but the leader, by name, with what they share with the leader.

    A constant number of queries for the whole class (``sharing.views_of``).
    """
    members = list(
        group.memberships.exclude(member_id=group.leader_id)
        .select_related("member", "buddy", "group")
    )
    views = sharing.views_of(leader, members, today)
    last = weeks.last_outreach([v.membership.member for v in views if v.week_since])
    found = []
    for membership, view in zip(members, views, strict=True):
        outreach = last.get(membership.member_id) if view.week_since else None
        found.append(Row(membership, view, outreach, _quiet(view, membership, outreach, today)))
    return found


def _quiet(view, membership, last: dt.date | None, today: dt.date) -> bool:
    """No outreach for ``QUIET_DAYS`` (known only from a member sharing their week), and
    not landed: a check-in is kind, a reminder after landing is not."""
    if view.week_since is None or view.landed is not None:
        return False
    since = last or membership.joined_at.date()
    return (today - since).days >= QUIET_DAYS


def pairs(found: list[Row]) -> list[tuple[Membership, Membership]]:
    seen, result = set(), []
    for row in found:
        m = row.membership
        if m.buddy_id and m.pk not in seen:
            seen |= {m.pk, m.buddy_id}
            result.append((m, m.buddy))
    return result


def class_week(group: Group, today: dt.date) -> int | None:
    """Which week of the class ``today`` is in (1-based), or None outside it."""
    if group.starts_on is None or today < group.starts_on:
        return None
    week = (today - group.starts_on).days // 7 + 1
    return week if week <= group.weeks else None


def quiet_members(leader, today: dt.date) -> list[tuple[Group, Membership]]:
    """For the leader's Today page: members of the groups they lead who have been quiet
    (as on the dashboard: they share their week, and no landing they share). Four queries
    for every group and member."""
    shares = Consent.objects.filter(
        membership__group__leader=leader, audience=Audience.LEADER
    ).exclude(membership__member=leader)
    sharing_week = shares.filter(topic=Topic.WEEK).values_list("membership_id", flat=True)
    members = list(
        Membership.objects.filter(pk__in=list(sharing_week))
        .select_related("member", "group").order_by("group__name", "group_id", "display_name")
    )
    last = weeks.last_outreach([m.member for m in members])
    quiet = [m for m in members
             if (today - (last.get(m.member_id) or m.joined_at.date())).days >= QUIET_DAYS]
    landed_shared = set(shares.filter(topic=Topic.LANDED, membership__in=quiet)
                        .values_list("membership_id", flat=True))
    landed = weeks.landings_of([m.member for m in quiet if m.pk in landed_shared])
    return [(m.group, m) for m in quiet
            if not (m.pk in landed_shared and m.member_id in landed)]


@dataclass(frozen=True)
class ClassSummary:
    group: Group
    start: dt.date
    end: dt.date
    members: int
    sharing: int
    outreach: int
    applications: int
    interviews: int
    new_contacts: int
    landed_this_week: int
    landed_in_all: int
    week_number: int | None

    @property
    def totals_shown(self) -> bool:
        return self.sharing >= MIN_FOR_TOTALS


def summary(leader, group: Group, today: dt.date) -> ClassSummary:
    """The class's week in totals, from what members share with the leader: no names
    (they shared with the leader, not the class), and no totals from fewer than three."""
    found = rows(leader, group, today)
    shared_weeks = [r.view.week for r in found if r.view.week is not None]
    landings = [r.view.landed for r in found if r.view.landed is not None]
    start = today - dt.timedelta(days=today.weekday())
    end = start + dt.timedelta(days=6)
    return ClassSummary(
        group=group, start=start, end=end, members=len(found), sharing=len(shared_weeks),
        outreach=sum(w.outreach for w in shared_weeks),
        applications=sum(w.applications for w in shared_weeks),
        interviews=sum(w.interviews for w in shared_weeks),
        new_contacts=sum(w.new_contacts for w in shared_weeks),
        landed_this_week=sum(1 for x in landings if x.on and start <= x.on <= end),
        landed_in_all=len(landings),
        week_number=class_week(group, today),
    )


def summary_text(s: ClassSummary) -> str:
    """The draft the leader copies or mails to the class."""
    week = f", week {s.week_number} of {s.group.weeks}" if s.week_number else ""
    lines = [f"{s.group.name}{week}: the week of {day(s.start)}", ""]
    if s.totals_shown:
        lines += [
            f"Together, the {s.sharing} of us who share our numbers:",
            f"- {s.outreach} outreach messages and calls",
            f"- {s.applications} applications",
            f"- {s.interviews} interviews",
            f"- {s.new_contacts} new contacts",
        ]
    else:
        lines.append("Keep reaching out: one conversation a day keeps a search moving.")
    if s.landed_this_week:
        who = "one of us" if s.landed_this_week == 1 else f"{s.landed_this_week} of us"
        lines += ["", f"Good news: {who} landed this week. Congratulations!"]
    lines += [
        "",
        "This week: thank everyone who helped you, follow up once on the day they said "
        "they would decide, and tell your buddy how it went.",
        "",
        "See you next session.",
    ]
    return "\n".join(lines)
