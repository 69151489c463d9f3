"""What the rules know: an owner's facts, loaded in a constant number of queries.

The rules never touch the database. ``load_facts(owner, on)`` reads what they need
as plain, frozen dataclasses, *as of* ``on``: nothing dated after ``on`` is loaded,
so ``today --on`` in the past or the future gives that day's agenda.

The number of queries does not depend on how many people, interactions or
opportunities there are (a test pins it), and the rows read are bounded by time
windows rather than by the size of the network:

* interactions of the last ``WINDOW_DAYS`` (event rules lapse after that), plus
  every interaction about an opportunity that is still active;
* asks and gives of the last ``LEDGER_DAYS``;
* the last contact only for people who have a keep-in-touch cadence;
* birthdays only for the days the birthday rule can still show.
"""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import DateTimeField, Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.lookups import Exact

from followthrough.tracker.models import (
    ACTIVE_STAGES,
    Interaction,
    Kind,
    Mode,
    Opportunity,
    OpportunityPerson,
    Person,
    Role,
    Rule,
    Situation,
    Stage,
    StageChange,
    Task,
    TaskStatus,
    Workspace,
)
from followthrough.tracker.services.owners import owner_zone, workspace_for

from .dates import birthday_in

WINDOW_DAYS = 90
"""Event rules (thank-you, follow-ups, nudges, let-go, landed-thanks) lapse after this."""
LEDGER_DAYS = 90
"""Asks and gives older than this no longer count toward give-first (at most WINDOW_DAYS)."""
RECENT_CONTACT_DAYS = 30
"""Someone talked to within this many days is "contacted recently"."""
BIRTHDAY_GRACE_DAYS = 7
"""A birthday item stays this many days after the day, then lapses."""
HELPERS_SEARCH_DAYS = 365
"""Landed-thanks looks at most this far back for the people who helped."""

REACH_OUT_SITUATIONS = (
    Situation.HIRING_MANAGER,
    Situation.EMPLOYED,
    Situation.RECRUITER,
    Situation.SELF_EMPLOYED,
)
"""Whom momentum and the network mix suggest reaching, in order of preference."""

HIRING_SIDE = (Role.HIRING_MANAGER, Role.INTERVIEWER, Role.RECRUITER)
"""The roles on the employer's side of an opportunity."""


def not_awaited():
    """People who are not on the hiring side of an opportunity the seeker waits on.

    Momentum never suggests reaching them (seed 001: after the one follow-up,
    wait; writing to them again is chasing). A filter for ``Person`` querysets.
    """
    waiting = ACTIVE_STAGES - {Stage.OFFER}
    return ~Exists(
        OpportunityPerson.objects.filter(
            person_id=OuterRef("pk"), role__in=HIRING_SIDE, opportunity__stage__in=waiting
        )
    )


SENT_KINDS = frozenset({Kind.EMAIL, Kind.MESSAGE, Kind.CALL})
"""What counts as "you wrote to them" (a thank-you, a follow-up, telling them)."""

_Through = Interaction.people.through
_MAX_IDS = 900
"""Ids bound in one query at most (SQLite's default limit is 999)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The owner's thresholds (``Workspace``), with the issue's defaults."""

    thank_you_days: int = 1
    nudge_after_days: int = 7
    max_nudges: int = 2
    follow_up_business_days: int = 10
    let_go_after_days: int = 21
    min_active_opportunities: int = 3
    daily_outreach_goal: int = 1
    landed: bool = False
    landed_on: dt.date | None = None
    default_cadence_days: int = 90
    year_end_greeting: bool = False
    buddy: str = ""

    @classmethod
    def from_workspace(cls, workspace) -> Settings:
        return cls(
            thank_you_days=workspace.thank_you_days,
            nudge_after_days=workspace.nudge_after_days,
            max_nudges=workspace.max_nudges,
            follow_up_business_days=workspace.follow_up_business_days,
            let_go_after_days=workspace.let_go_after_days,
            min_active_opportunities=workspace.min_active_opportunities,
            daily_outreach_goal=workspace.daily_outreach_goal,
            landed=workspace.mode == Mode.LANDED,
            landed_on=workspace.landed_on,
            default_cadence_days=workspace.default_cadence_days,
            year_end_greeting=workspace.year_end_greeting,
            buddy=workspace.buddy_name,
        )


@dataclass(frozen=True, slots=True)
class PersonFact:
    id: int
    name: str
    situation: str = Situation.UNKNOWN


@dataclass(frozen=True, slots=True)
class InteractionFact:
    id: int
    kind: str
    on: dt.date
    direction: str
    people: tuple[int, ...]
    opportunity_id: int | None = None
    awaiting_reply: bool = False
    asked: bool = False
    gave: bool = False
    clear_no: bool = False
    decision_date: dt.date | None = None

    @property
    def outbound(self) -> bool:
        return self.direction == "out" and self.kind != Kind.NOTE

    @property
    def inbound(self) -> bool:
        return self.direction == "in"

    @property
    def sent(self) -> bool:
        """A message you sent them (an email, a message, a call): you wrote to them.

        Interviews are logged as outbound too, as are meetings and coffees; they
        are conversations, not a note from you, so they never count as one.
        """
        return self.direction == "out" and self.kind in SENT_KINDS

    @property
    def is_interview(self) -> bool:
        return self.kind in (Kind.INTERVIEW, Kind.INFORMATIONAL)

    @property
    def is_contact(self) -> bool:
        """Something that happened between two people (a note to self is not)."""
        return self.kind != Kind.NOTE

    @property
    def order(self) -> tuple[dt.date, int]:
        return (self.on, self.id)


@dataclass(frozen=True, slots=True)
class OpportunityFact:
    id: int
    role: str
    organization: str
    stage: str
    stage_changed_on: dt.date | None = None
    decision_date: dt.date | None = None
    offer_deadline: dt.date | None = None
    interest: int = 3
    added_on: dt.date | None = None
    # (person_id, role), main contact first: hiring manager, recruiter, referrer, interviewer.
    involved: tuple[tuple[int, str], ...] = ()
    organization_id: int | None = None
    apply_by: dt.date | None = None  # the posting's deadline (rule apply-by)

    @property
    def label(self) -> str:
        return f"{self.role} at {self.organization}"

    @property
    def active(self) -> bool:
        return self.stage in ACTIVE_STAGES

    @property
    def main_contact(self) -> int | None:
        return self.involved[0][0] if self.involved else None


@dataclass(frozen=True, slots=True)
class CadenceFact:
    person_id: int
    cadence_days: int
    last_contact: dt.date | None
    met_on: dt.date | None
    added_on: dt.date
    default: bool = False  # the workspace's default cadence, not one the seeker set


@dataclass(frozen=True, slots=True)
class BirthdayFact:
    person_id: int
    month: int
    day: int
    year: int | None = None

    def date_in(self, year: int) -> dt.date:
        return birthday_in(year, self.month, self.day)


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One ask or give with one person."""

    person_id: int
    interaction_id: int
    on: dt.date
    asked: bool
    gave: bool


@dataclass(frozen=True, slots=True)
class ClosedTask:
    """A rule task the seeker marked done or dismissed."""

    key: str
    rule: str
    status: str
    person_id: int | None
    closed_on: dt.date


@dataclass(frozen=True, slots=True)
class PlannedInterview:
    """An interview written down before its day (rule 13, ``prepare``)."""

    id: int
    on: dt.date
    opportunity_id: int | None
    logged_on: dt.date


@dataclass(frozen=True, slots=True)
class Helper:
    """Someone who helped with the search that ended in ``opportunity_id``."""

    person_id: int
    why: str


@dataclass
class Facts:
    """Everything the rules read, as of ``on``."""

    on: dt.date
    settings: Settings = field(default_factory=Settings)
    people: dict[int, PersonFact] = field(default_factory=dict)
    interactions: list[InteractionFact] = field(default_factory=list)
    opportunities: dict[int, OpportunityFact] = field(default_factory=dict)
    cadences: list[CadenceFact] = field(default_factory=list)
    birthdays: list[BirthdayFact] = field(default_factory=list)
    ledger: list[LedgerEntry] = field(default_factory=list)
    closed_tasks: list[ClosedTask] = field(default_factory=list)
    helpers: dict[int, list[Helper]] = field(default_factory=dict)
    reach_out: list[int] = field(default_factory=list)
    stage_changes: list[tuple[int, str, dt.date]] = field(default_factory=list)
    # Each person added or met lately: the day added and the day met (either may count).
    added_people: dict[int, tuple[dt.date, ...]] = field(default_factory=dict)
    # Interviews written down ahead of their day (the prepare rule).
    planned: list[PlannedInterview] = field(default_factory=list)
    # Organization id -> a few people you know there (prepare).
    known_at: dict[int, tuple[int, ...]] = field(default_factory=dict)
    # The search buddy, when one is a person in the network (Settings or a "buddy" tag).
    buddy_id: int | None = None
    situation_counts: dict[str, int] | None = None
    # The owner's first day (they joined, or their oldest record was made: a
    # restored backup is older than the account): no item is due before it.
    started_on: dt.date | None = None
    # Whether the seeker recorded anyone or any opportunity yet (momentum waits).
    recorded: bool = True

    def name(self, person_id: int | None) -> str:
        person = self.people.get(person_id) if person_id is not None else None
        return person.name if person else "them"

    @cached_property
    def by_person(self) -> dict[int, list[InteractionFact]]:
        """Each person's interactions, oldest first."""
        grouped: dict[int, list[InteractionFact]] = defaultdict(list)
        for interaction in self.interactions:
            for person_id in interaction.people:
                grouped[person_id].append(interaction)
        return grouped

    @cached_property
    def by_opportunity(self) -> dict[int, list[InteractionFact]]:
        grouped: dict[int, list[InteractionFact]] = defaultdict(list)
        for interaction in self.interactions:
            if interaction.opportunity_id is not None:
                grouped[interaction.opportunity_id].append(interaction)
        return grouped

    @cached_property
    def closed_keys(self) -> dict[str, ClosedTask]:
        return {task.key: task for task in self.closed_tasks}


# Loading ----------------------------------------------------------------------


def owned_by(owner) -> Exact:
    """``owner_id = <owner>`` as a filter that no index answers.

    For queries that a narrower index must drive (one person's interactions, one
    person's tasks): SQLite keeps no statistics unless asked, so it would take
    the (owner, ...) indexes and walk all of the owner's rows. ``owner_id + 0``
    is SQLite's documented way to keep an index out of a plan; PostgreSQL plans
    by its statistics either way. Use it *with* the narrower filter.
    """
    return Exact(F("owner_id") + 0, owner.pk)


_CONTACT_ORDER = {
    Role.HIRING_MANAGER: 0,
    Role.RECRUITER: 1,
    Role.REFERRER: 2,
    Role.INTERVIEWER: 3,
    Role.OTHER: 4,
}


def load_facts(
    owner,
    on: dt.date,
    *,
    network: bool = False,
    summary: bool = False,
    birthdays_from: dt.date | None = None,
) -> Facts:
    """The owner's facts as of ``on``.

    ``network=True`` adds the situation counts (rule 8); ``summary=True`` the
    people added lately (the weekly summary's new contacts). The agenda needs neither.
    ``birthdays_from`` loads the birthdays from that day on as well (the forecast).
    """
    workspace = workspace_for(owner)
    zone = owner_zone(owner)
    facts = Facts(on=on, settings=Settings.from_workspace(workspace))
    start = on - dt.timedelta(days=WINDOW_DAYS)
    _load_start(facts, owner, workspace, zone)
    _load_opportunities(facts, owner, zone)
    active_ids = [o.id for o in facts.opportunities.values() if o.active]
    _load_interactions(facts, owner, start, active_ids)
    _load_ledger(facts)
    _load_cadences(facts, owner, zone, start)
    _load_birthdays(facts, owner, birthdays_from)
    _load_reach_out(facts, owner)
    _load_closed_tasks(facts, owner, start, zone)
    _load_history(facts, owner, start, zone, summary)
    _load_helpers(facts, owner)
    _load_planned(facts, owner, zone, birthdays_from)
    _load_buddy(facts, owner)
    if network:
        facts.situation_counts = _situation_counts(owner)
    return facts


def _rows(queryset) -> list[tuple]:
    """The rows of a ``values_list`` query, read straight from the cursor.

    For the few queries that read tens of thousands of rows: Django's per-row
    conversions cost more than the query. Both backends hand back dates as
    dates (Django registers SQLite's converters); booleans may come back as 0/1.
    """
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # e.g. ``__in=[]``: nothing to ask
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _day(instant: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.date:
    return instant.astimezone(zone).date()


def _remember(facts: Facts, person_id: int, name: str, situation: str) -> None:
    if person_id not in facts.people:
        facts.people[person_id] = PersonFact(person_id, name, situation)


def _load_start(facts: Facts, owner, workspace, zone) -> None:
    """When the owner started, and whether they recorded anything yet, in one query.

    The start is the day they joined (``date_joined``, in their time zone) or,
    if earlier, the day their oldest person, opportunity or interaction was
    made: a backup restored into a new account keeps its rows' ``created_at``.
    The oldest row is the one with the smallest id (one index lookup each).
    """

    def first(model):
        return Subquery(
            model.objects.filter(owner=owner).order_by("id").values("created_at")[:1],
            output_field=DateTimeField(),
        )

    row = (
        Workspace.objects.filter(pk=workspace.pk)
        .annotate(
            first_person=first(Person),
            first_opportunity=first(Opportunity),
            first_interaction=first(Interaction),
        )
        .values_list("first_person", "first_opportunity", "first_interaction")
        .first()
    ) or (None, None, None)
    person, opportunity, _ = row
    made = [_day(instant, zone) for instant in row if instant is not None]
    joined = getattr(owner, "date_joined", None)
    if joined is not None:
        made.append(_day(joined, zone))
    facts.started_on = min(made, default=None)
    facts.recorded = person is not None or opportunity is not None


def _load_opportunities(facts: Facts, owner, zone) -> None:
    links: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    # The people of closed opportunities matter only to a recent landing's thanks.
    since = facts.on - dt.timedelta(days=HELPERS_SEARCH_DAYS + WINDOW_DAYS)
    wanted = Q(opportunity__stage__in=ACTIVE_STAGES) | Q(opportunity__stage_changed_on__gte=since)
    rows = (
        OpportunityPerson.objects.filter(opportunity__owner=owner)
        .filter(wanted)
        .values_list(
            "opportunity_id", "id", "person_id", "role", "person__name", "person__situation"
        )
    )
    for opp_id, link_id, person_id, role, name, situation in rows:
        links[opp_id].append((_CONTACT_ORDER.get(role, 9), link_id, person_id, role))
        _remember(facts, person_id, name, situation)
    rows = Opportunity.objects.filter(owner=owner).values_list(
        "id", "role", "organization__name", "stage", "stage_changed_on", "decision_date",
        "offer_deadline", "interest", "created_at", "organization_id", "apply_by",
    )
    for row in rows:
        opp_id, role, org, stage, changed, decision, deadline, interest, created, org_id = row[:10]
        involved = tuple((p, r) for _, _, p, r in sorted(links.get(opp_id, ())))
        facts.opportunities[opp_id] = OpportunityFact(
            opp_id, role, org, stage, changed, decision, deadline, interest,
            _day(created, zone), involved, org_id, row[10],
        )


def _load_interactions(facts: Facts, owner, start: dt.date, active_ids: list[int]) -> None:
    # One row per (interaction, person): interactions always have people, and
    # reading the join once saves a second pass over the window. The window and
    # the older history of active opportunities are two queries, not one with an
    # OR, which SQLite would answer by walking every interaction ever logged.
    columns = (
        "interaction_id", "interaction__kind", "interaction__occurred_on",
        "interaction__direction", "interaction__opportunity_id",
        "interaction__awaiting_reply", "interaction__asked", "interaction__gave",
        "interaction__clear_no", "interaction__decision_date",
        "person_id", "person__name", "person__situation",
    )
    recent = _Through.objects.filter(
        interaction__owner=owner,
        interaction__occurred_on__gte=start,
        interaction__occurred_on__lte=facts.on,
    ).values_list(*columns)
    # Only the opportunity index narrows this one; a date condition here would
    # tempt SQLite into the (owner, day) index and a walk through all history.
    # The opportunities are the owner's, so their interactions are too.
    older = _Through.objects.filter(interaction__opportunity_id__in=active_ids).values_list(
        *columns
    )
    older_rows = [row for row in _rows(older) if row[2] < start]
    people: dict[int, list[int]] = defaultdict(list)
    heads: dict[int, tuple] = {}
    for row in itertools.chain(_rows(recent), older_rows):
        heads[row[0]] = row[1:10]
        people[row[0]].append(row[10])
        _remember(facts, row[10], row[11], row[12])
    facts.interactions = sorted(
        (
            InteractionFact(
                i,
                h[0],
                h[1],
                h[2],
                tuple(sorted(people[i])),
                h[3],
                bool(h[4]),
                bool(h[5]),
                bool(h[6]),
                bool(h[7]),
                h[8],
            )
            for i, h in heads.items()
        ),
        key=lambda interaction: interaction.order,
    )


def _load_ledger(facts: Facts) -> None:
    """Asks and gives of the last ``LEDGER_DAYS``, from the interactions already read."""
    since = facts.on - dt.timedelta(days=LEDGER_DAYS)
    facts.ledger = [
        LedgerEntry(person_id, i.id, i.on, i.asked, i.gave)
        for i in facts.interactions
        if (i.asked or i.gave) and i.on >= since
        for person_id in i.people
    ]


def _load_cadences(facts: Facts, owner, zone, start: dt.date) -> None:
    """People with a cadence, and when each was last in contact.

    Most are found in the window already read; only the others cost an
    aggregate over their whole history (a query for the few, not the many).
    """
    wanted = Q(cadence_days__gt=0)
    default = facts.settings.default_cadence_days
    if default:
        wanted |= Q(cadence_days__isnull=True) & _keeps_in_touch_by_default()
    rows = (
        Person.objects.filter(owner=owner)
        .filter(wanted)
        .values_list("id", "name", "situation", "cadence_days", "met_on", "created_at")
    )
    seen: dict[int, dt.date] = {}
    for interaction in facts.interactions:
        if interaction.is_contact and interaction.on >= start:
            for person_id in interaction.people:
                seen[person_id] = interaction.on  # oldest first: the last one wins
    people = list(rows)
    unseen = [row[0] for row in people if row[0] not in seen]
    earlier: dict[int, dt.date] = {}
    if unseen:
        contact = Q(interactions__occurred_on__lt=start) & ~Q(interactions__kind=Kind.NOTE)
        narrowed = (
            Person.objects.filter(pk__in=unseen)
            if len(unseen) <= _MAX_IDS
            else Person.objects.filter(owner=owner).filter(wanted)
        )
        earlier = dict(
            narrowed.annotate(last=Max("interactions__occurred_on", filter=contact))
            .order_by()
            .values_list("id", "last")
        )
    for person_id, name, situation, cadence, met_on, created in people:
        _remember(facts, person_id, name, situation)
        last = seen.get(person_id) or earlier.get(person_id)
        facts.cadences.append(
            CadenceFact(
                person_id, cadence or default, last, met_on, _day(created, zone),
                default=cadence is None,
            )
        )


_MET_KINDS = (Kind.INFORMATIONAL, Kind.COFFEE, Kind.MEETING, Kind.CALL)


def _keeps_in_touch_by_default() -> Q:
    """Who gets the default cadence when the seeker set none (seeds 002 and 004).

    The hiring side of an opportunity no longer waited on (a recruiter one withdrew
    from, a hiring manager who said no, the new employer), and the people who
    helped: referrers, people asked for something, people who introduced you to
    someone, and people met for an informational interview, a coffee, a meeting
    or a call. Someone on the hiring side of an opportunity still waited on is
    left to rules 2 and 3.
    """
    waiting = ACTIVE_STAGES - {Stage.OFFER}
    hiring_side = OpportunityPerson.objects.filter(
        person_id=OuterRef("pk"), role__in=HIRING_SIDE
    ).exclude(opportunity__stage__in=waiting)
    referred = OpportunityPerson.objects.filter(person_id=OuterRef("pk"), role=Role.REFERRER)
    helped = _Through.objects.filter(person_id=OuterRef("pk")).filter(
        Q(interaction__asked=True) | Q(interaction__kind__in=_MET_KINDS)
    )
    introduced = Person.objects.filter(introduced_by_id=OuterRef("pk"))
    return (
        (Exists(hiring_side) & not_awaited())
        | Exists(referred)
        | Exists(helped)
        | Exists(introduced)
    )


def _load_birthdays(facts: Facts, owner, since: dt.date | None = None) -> None:
    first = facts.on - dt.timedelta(days=BIRTHDAY_GRACE_DAYS)
    if since is not None:
        first = min(first, since)
    days = [facts.on - dt.timedelta(days=n) for n in range((facts.on - first).days + 1)]
    wanted = {(day.month, day.day) for day in days}
    for day in days:
        if (day.month, day.day) == (2, 28) and birthday_in(day.year, 2, 29) == day:
            wanted.add((2, 29))
    # By month through the (owner, month, day) index; the days are sorted out here.
    rows = Person.objects.filter(
        owner=owner, birthday_month__in={month for month, _ in wanted}
    ).values_list("id", "name", "situation", "birthday_month", "birthday_day", "birthday_year")
    for person_id, name, situation, month, day, year in rows:
        if (month, day) in wanted:
            _remember(facts, person_id, name, situation)
            facts.birthdays.append(BirthdayFact(person_id, month, day, year))


def _load_reach_out(facts: Facts, owner) -> None:
    """A few employed or hiring-side people nobody has talked to lately.

    Ordered by id (the people known longest) rather than by name, so SQLite
    walks the table and stops after a dozen instead of sorting the network.
    """
    recent = _Through.objects.filter(
        person_id=OuterRef("pk"),
        interaction__occurred_on__gte=facts.on - dt.timedelta(days=RECENT_CONTACT_DAYS),
        interaction__occurred_on__lte=facts.on,
    )
    rows = (
        Person.objects.filter(owner=owner, situation__in=REACH_OUT_SITUATIONS)
        .filter(~Exists(recent))
        .filter(not_awaited())
        .order_by("id")
        .values_list("id", "name", "situation")[:12]
    )
    rank = {situation: n for n, situation in enumerate(REACH_OUT_SITUATIONS)}
    found = sorted(rows, key=lambda row: (rank[row[2]], row[0]))
    for person_id, name, situation in found:
        _remember(facts, person_id, name, situation)
    facts.reach_out = [row[0] for row in found]


def _load_closed_tasks(facts: Facts, owner, start: dt.date, zone) -> None:
    since = dt.datetime.combine(start, dt.time(), tzinfo=zone)
    rows = (
        Task.objects.filter(owner=owner, status__in=[TaskStatus.DONE, TaskStatus.DISMISSED])
        .exclude(rule=Rule.MANUAL)
        .filter(Q(rule=Rule.DECISION_FOLLOW_UP) | Q(completed_at__gte=since))
        .values_list("key", "rule", "status", "person_id", "completed_at", "due")
    )
    facts.closed_tasks = [
        ClosedTask(key, rule, status, person_id, _day(done, zone) if done else due)
        for key, rule, status, person_id, done, due in rows
    ]


def _load_history(facts: Facts, owner, start: dt.date, zone, people: bool) -> None:
    """Stage changes and (with ``people``) people added in the window, for summaries."""
    facts.stage_changes = list(
        StageChange.objects.filter(opportunity__owner=owner, on__gte=start, on__lte=facts.on)
        .order_by("on", "id")
        .values_list("opportunity_id", "stage", "on")
    )
    if not people:
        return
    since = dt.datetime.combine(start, dt.time(), tzinfo=zone)
    rows = (
        Person.objects.filter(owner=owner)
        .filter(Q(met_on__gte=start) | Q(created_at__gte=since))
        .values_list("id", "name", "situation", "met_on", "created_at")
    )
    for person_id, name, situation, met_on, created in rows:
        days = added_days(met_on, created, zone, start, facts.on)
        if days:
            _remember(facts, person_id, name, situation)
            facts.added_people[person_id] = days


def added_days(met_on, created, zone, start: dt.date, on: dt.date) -> tuple[dt.date, ...]:
    """The days a person counts as a new contact: met, or added (in the owner's zone),
    from ``start`` to ``on`` (``engine.weekly`` counts them the same way for many owners)."""
    return tuple(sorted(
        day for day in {met_on, _day(created, zone)} if day is not None and start <= day <= on
    ))


_HELPING_KINDS = {
    Kind.INFORMATIONAL: "an informational interview",
    Kind.COFFEE: "a coffee",
    Kind.MEETING: "a meeting",
    Kind.CALL: "a call",
    Kind.INTERVIEW: "an interview",
}


def _load_helpers(facts: Facts, owner) -> None:
    """Who helped during each search that ended in a recent acceptance (rule 10).

    Seed 004: everyone, however little they helped. So: referrers, anyone who
    introduced you to someone, anyone met (an informational interview, a coffee,
    a meeting, a call, an interview elsewhere), and anyone you asked for something
    (``--ask``), by email as much as over coffee.
    """
    accepted = sorted(
        (o for o in facts.opportunities.values() if _recently_accepted(o, facts.on)),
        key=lambda o: o.stage_changed_on,
    )
    if not accepted:
        return
    earliest = accepted[0].stage_changed_on - dt.timedelta(days=HELPERS_SEARCH_DAYS)
    latest = accepted[-1].stage_changed_on
    rows = (
        _Through.objects.filter(
            interaction__owner=owner,
            interaction__occurred_on__gte=earliest,
            interaction__occurred_on__lte=latest,
        )
        .filter(Q(interaction__kind__in=list(_HELPING_KINDS)) | Q(interaction__asked=True))
        .values_list(
            "person_id", "interaction__kind", "interaction__occurred_on", "interaction__asked",
            "person__name", "person__situation",
        )
        .distinct()
    )
    met = []
    for person_id, kind, on, asked, name, situation in rows:
        _remember(facts, person_id, name, situation)
        met.append((on, kind, bool(asked), person_id))
    introductions = Person.objects.filter(
        owner=owner,
        introduced_by__isnull=False,
        created_at__date__gte=earliest,
        created_at__date__lte=latest,
    ).values_list(
        "introduced_by_id", "introduced_by__name", "introduced_by__situation", "name",
        "created_at", "met_on",
    )
    introduced = []
    for person_id, name, situation, whom, created, met_on in introductions:
        _remember(facts, person_id, name, situation)
        introduced.append((met_on or created.date(), person_id, whom))
    previous: dt.date | None = None
    for opp in accepted:
        facts.helpers[opp.id] = _helpers_for(facts, opp, met, introduced, previous)
        previous = opp.stage_changed_on


def _recently_accepted(opp: OpportunityFact, on: dt.date) -> bool:
    changed = opp.stage_changed_on
    return (
        opp.stage == Stage.ACCEPTED
        and changed is not None
        and changed <= on
        and (on - changed).days <= WINDOW_DAYS
    )


def _helpers_for(facts, opp, met, introduced, previous: dt.date | None) -> list[Helper]:
    """Everyone who helped, each with what they did (the first of these that applies):
    referred you, introduced you to someone, met you, was asked for something.

    The search is the year before the acceptance (or since the previous one).
    The hiring side of the accepted job itself is left out: they already know.
    """
    accepted_on = opp.stage_changed_on
    start = accepted_on - dt.timedelta(days=HELPERS_SEARCH_DAYS)
    if previous is not None:
        start = max(start, previous + dt.timedelta(days=1))
    insiders = {p for p, role in opp.involved if role != Role.REFERRER}
    found: dict[int, str] = {}
    for other in facts.opportunities.values():
        in_search = other.added_on and start <= other.added_on <= accepted_on
        for person_id, role in other.involved:
            if role == Role.REFERRER and (in_search or other.id == opp.id):
                found.setdefault(person_id, f"referred you for {other.label}")
    for on, person_id, whom in sorted(introduced):
        if start <= on <= accepted_on and person_id not in insiders:
            found.setdefault(person_id, f"introduced you to {whom}")
    rank = list(_HELPING_KINDS)
    meetings = sorted(
        (m for m in met if m[1] in _HELPING_KINDS), key=lambda m: (rank.index(m[1]), m[0])
    )
    for on, kind, _, person_id in meetings:
        if start <= on <= accepted_on and person_id not in insiders:
            found.setdefault(person_id, f"{_HELPING_KINDS[kind]} on {on:%b} {on.day}")
    for on, kind, asked, person_id in sorted(met):
        if asked and start <= on <= accepted_on and person_id not in insiders:
            how = "by email" if kind == Kind.EMAIL else f"by {Kind(kind).label.lower()}"
            found.setdefault(person_id, f"you asked for their help {how} on {on:%b} {on.day}")
    return [Helper(p, why) for p, why in sorted(found.items())]


def _load_planned(facts: Facts, owner, zone, since: dt.date | None) -> None:
    """Interviews written down before their day, from ``since`` (or ``on``) to tomorrow,
    and a few people known at each of their organizations (rule 13, ``prepare``)."""
    first = min(since or facts.on, facts.on)
    rows = Interaction.objects.filter(
        owner=owner,
        kind=Kind.INTERVIEW,
        occurred_on__gte=first,
        occurred_on__lte=facts.on + dt.timedelta(days=1),
    ).values_list("id", "occurred_on", "opportunity_id", "created_at")
    facts.planned = [
        PlannedInterview(i, on, opp, _day(created, zone))
        for i, on, opp, created in rows
        if _day(created, zone) < on
    ]
    orgs = {
        o.organization_id for o in facts.opportunities.values()
        if o.stage in ACTIVE_STAGES and o.organization_id
    }
    if not orgs:
        return
    people = (
        Person.objects.filter(owner=owner, organization_id__in=list(orgs)[:_MAX_IDS])
        .order_by("id")
        .values_list("organization_id", "id", "name", "situation")[:2000]
    )
    known: dict[int, list[int]] = defaultdict(list)
    for org_id, person_id, name, situation in people:
        if len(known[org_id]) < 3:
            _remember(facts, person_id, name, situation)
            known[org_id].append(person_id)
    facts.known_at = {org: tuple(ids) for org, ids in known.items()}


def _load_buddy(facts: Facts, owner) -> None:
    """The search buddy as a person: tagged "buddy" (or "search buddy"), or named in Settings."""
    wanted = Q(tags__name__iexact="buddy") | Q(tags__name__iexact="search buddy")
    if facts.settings.buddy:
        wanted |= Q(name__iexact=facts.settings.buddy)
    found = (
        Person.objects.filter(owner=owner).filter(wanted).order_by("id")
        .values_list("id", "name", "situation").first()
    )
    if found:
        _remember(facts, *found)
        facts.buddy_id = found[0]


def _situation_counts(owner) -> dict[str, int]:
    from django.db.models import Count

    rows = (
        Person.objects.filter(owner=owner)
        .order_by()
        .values_list("situation")
        .annotate(n=Count("id"))
    )
    return {situation: n for situation, n in rows}
