"""What the reports read: an owner's data over a period, in a constant number of queries.

``load(owner, period)`` reads plain rows (never model instances) into a
``ReportData``; the figures (``reports.figures``) are computed from it without
touching the database. The number of queries does not depend on how many
people, opportunities or interactions there are (a test pins it).

The weekly activity counts thank-you notes and follow-ups as the weekly summary
does, through the engine's ``weekly_summary``; so the interactions are read from
``WINDOW_DAYS`` before the period's first Monday, enough for an interview or a
message awaiting a reply logged before the period to be known.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Min, Q

from followthrough.engine.facts import (
    WINDOW_DAYS,
    ClosedTask,
    InteractionFact,
    OpportunityFact,
    Settings,
)
from followthrough.tracker.models import (
    Direction,
    Interaction,
    Opportunity,
    OpportunityPerson,
    Role,
    Rule,
    Situation,
    StageChange,
    Task,
    TaskStatus,
)
from followthrough.tracker.services.days import DAY_MIN, check_day
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import owner_zone, workspace_for
from followthrough.tracker.services.parsing import parse_date

DEFAULT_DAYS = 90
"""The period the reports show unless told otherwise: the last 90 days."""
QUICK_DAYS = (30, 90)
"""The quick periods offered beside "all"."""
ALL = "all"

_Through = Interaction.people.through
_CONTACT_ORDER = {
    Role.HIRING_MANAGER: 0,
    Role.RECRUITER: 1,
    Role.REFERRER: 2,
    Role.INTERVIEWER: 3,
    Role.OTHER: 4,
}


@dataclass(frozen=True, slots=True)
class Period:
    """The days the reports cover, ``since`` to ``until`` inclusive."""

    since: dt.date
    until: dt.date
    everything: bool = False

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    @property
    def first_monday(self) -> dt.date:
        return self.since - dt.timedelta(days=self.since.weekday())

    def __contains__(self, day: dt.date) -> bool:
        return self.since <= day <= self.until

    def as_json(self) -> dict:
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "days": self.days,
            "all": self.everything,
        }


def period_for(owner, today: dt.date, since=None, until=None, *, names=("since", "until")):
    """The period from what the user typed: dates ``YYYY-MM-DD``, or ``since`` ``all``.

    Without ``since``, the ``DEFAULT_DAYS`` up to ``until`` (default ``today``);
    ``all`` starts at the owner's earliest interaction or stage change. Bad input
    is an ``InputError`` naming the field as ``names`` calls them (the page's
    parameters, or the command's options).
    """
    since_name, until_name = names
    end = check_day(parse_date(until, until_name), until_name) or today
    text = since.strip() if isinstance(since, str) else since
    if isinstance(text, str) and text.lower() == ALL:
        # Rows dated before DAY_MIN (an older version let them in) do not stretch it.
        first = max(min(earliest_day(owner) or end, end), DAY_MIN)
        return Period(first, end, everything=True)
    try:
        start = parse_date(text, since_name)
    except InputError:
        if _is_iso_date(text):  # a real date, refused for its range: say that
            raise
        raise InputError(
            f"{since_name}: {text!r} is not a date; "
            "write it as YYYY-MM-DD (e.g. 2026-03-12) or all.",
            since_name,
        ) from None
    default_start = max(end - dt.timedelta(days=DEFAULT_DAYS - 1), DAY_MIN)
    start = check_day(start, since_name) or default_start
    if start > end:
        raise InputError(
            f"{since_name}: {start.isoformat()} is after {until_name} ({end.isoformat()}); "
            "pick a start on or before the end.",
            since_name,
        )
    return Period(start, end)


def _is_iso_date(text) -> bool:
    try:
        dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return True


def earliest_day(owner) -> dt.date | None:
    """The day of the owner's first interaction or stage change, if any (two queries)."""
    days = [
        Interaction.objects.filter(owner=owner).aggregate(day=Min("occurred_on"))["day"],
        StageChange.objects.filter(opportunity__owner=owner).aggregate(day=Min("on"))["day"],
    ]
    days = [day for day in days if day is not None]
    return min(days) if days else None


@dataclass(frozen=True, slots=True)
class Journey:
    """One opportunity's way through the stages, as of the period's end."""

    id: int
    source: str
    stage: str
    changes: tuple[tuple[dt.date, str], ...]  # oldest first, none after the period
    added_on: dt.date


@dataclass
class ReportData:
    """Everything the figures read, as of ``period.until``."""

    period: Period
    settings: Settings = field(default_factory=Settings)
    journeys: list[Journey] = field(default_factory=list)
    opportunities: dict[int, OpportunityFact] = field(default_factory=dict)
    inbound: dict[int, list[dt.date]] = field(default_factory=dict)  # opportunity -> days
    interactions: list[InteractionFact] = field(default_factory=list)
    people: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (name, situation)
    closed_tasks: list[ClosedTask] = field(default_factory=list)
    given_to: set[int] = field(default_factory=set)

    @property
    def window_start(self) -> dt.date:
        return self.period.first_monday - dt.timedelta(days=WINDOW_DAYS)

    def situation(self, person_id: int) -> str:
        return self.people.get(person_id, ("", Situation.UNKNOWN))[1]


def load(owner, period: Period) -> ReportData:
    """The owner's data for ``period``: eight queries at most, whatever its size."""
    data = ReportData(period, Settings.from_workspace(workspace_for(owner)))
    zone = owner_zone(owner)
    _load_opportunities(data, owner, zone)
    _load_inbound(data, owner)
    _load_interactions(data, owner)
    _load_closed_tasks(data, owner, zone)
    data.given_to = set(
        _Through.objects.filter(
            interaction__owner=owner, interaction__gave=True,
            interaction__occurred_on__lte=period.until,
        )
        .order_by()
        .values_list("person_id", flat=True)
        .distinct()
    )
    return data


def _day(instant: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.date:
    return instant.astimezone(zone).date()


def _load_opportunities(data: ReportData, owner, zone) -> None:
    until = data.period.until
    changes: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    rows = (
        StageChange.objects.filter(opportunity__owner=owner, on__lte=until)
        .order_by("on", "id")
        .values_list("opportunity_id", "on", "stage")
    )
    for opp_id, on, stage in rows:
        changes[opp_id].append((on, stage))
    links: dict[int, list[tuple[int, int, int, str]]] = defaultdict(list)
    for opp_id, link_id, person_id, role in OpportunityPerson.objects.filter(
        opportunity__owner=owner
    ).values_list("opportunity_id", "id", "person_id", "role"):
        links[opp_id].append((_CONTACT_ORDER.get(role, 9), link_id, person_id, role))
    rows = Opportunity.objects.filter(owner=owner).values_list(
        "id", "role", "organization__name", "source", "stage", "stage_changed_on",
        "decision_date", "offer_deadline", "interest", "created_at",
    )
    for opp_id, role, org, source, stage, changed, decision, deadline, interest, created in rows:
        added = _day(created, zone)
        history = changes.get(opp_id) or (
            [(changed or added, stage)] if (changed or added) <= until else []
        )
        if history:
            added = min(added, history[0][0])
        data.journeys.append(Journey(opp_id, source, stage, tuple(history), added))
        involved = tuple((p, r) for _, _, p, r in sorted(links.get(opp_id, ())))
        data.opportunities[opp_id] = OpportunityFact(
            opp_id, role, org, stage, changed, decision, deadline, interest, added, involved
        )


def _load_inbound(data: ReportData, owner) -> None:
    """The days of inbound interactions about each opportunity, up to the period's end."""
    rows = (
        Interaction.objects.filter(
            owner=owner, direction=Direction.INBOUND, opportunity__isnull=False,
            occurred_on__lte=data.period.until,
        )
        .order_by("occurred_on")
        .values_list("opportunity_id", "occurred_on")
    )
    inbound: dict[int, list[dt.date]] = defaultdict(list)
    for opp_id, on in rows:
        inbound[opp_id].append(on)
    data.inbound = dict(inbound)


def _load_interactions(data: ReportData, owner) -> None:
    """Interactions from the window's start to the period's end, one row per person."""
    rows = _Through.objects.filter(
        interaction__owner=owner,
        interaction__occurred_on__gte=data.window_start,
        interaction__occurred_on__lte=data.period.until,
    ).values_list(
        "interaction_id", "interaction__kind", "interaction__occurred_on",
        "interaction__direction", "interaction__opportunity_id",
        "interaction__awaiting_reply", "interaction__asked", "interaction__gave",
        "interaction__clear_no", "interaction__decision_date",
        "person_id", "person__name", "person__situation",
    )
    heads: dict[int, tuple] = {}
    people: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        heads[row[0]] = row[1:10]
        people[row[0]].append(row[10])
        data.people.setdefault(row[10], (row[11], row[12]))
    data.interactions = sorted(
        (
            InteractionFact(
                i, h[0], h[1], h[2], tuple(sorted(people[i])), h[3],
                bool(h[4]), bool(h[5]), bool(h[6]), bool(h[7]), h[8],
            )
            for i, h in heads.items()
        ),
        key=lambda interaction: interaction.order,
    )


def _load_closed_tasks(data: ReportData, owner, zone) -> None:
    """Rule tasks marked done or dismissed: thank-yous and follow-ups done by hand."""
    since = dt.datetime.combine(data.window_start, dt.time(), tzinfo=zone)
    rows = (
        Task.objects.filter(owner=owner, status__in=[TaskStatus.DONE, TaskStatus.DISMISSED])
        .exclude(rule=Rule.MANUAL)
        .filter(Q(rule=Rule.DECISION_FOLLOW_UP) | Q(completed_at__gte=since))
        .values_list("key", "rule", "status", "person_id", "completed_at", "due")
    )
    data.closed_tasks = [
        ClosedTask(key, rule, status, person_id, _day(done, zone) if done else due)
        for key, rule, status, person_id, done, due in rows
    ]
