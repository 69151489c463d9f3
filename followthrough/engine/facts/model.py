"""The facts the rules read: plain, frozen dataclasses, and the windows they cover."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from followthrough.tracker.models import ACTIVE_STAGES, Kind, Mode, Role, Situation, Stage

from ..dates import birthday_in

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


SENT_KINDS = frozenset({Kind.EMAIL, Kind.MESSAGE, Kind.CALL})
"""What counts as "you wrote to them" (a thank-you, a follow-up, telling them)."""

OFFER_STAGES = (Stage.OFFER, Stage.ACCEPTED, Stage.DECLINED)
"""An offer, taken or not: what ``offer-timing`` and landing look at across the workspace."""


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
    """Someone to keep in touch with every ``cadence_days``.

    ``added_on`` (the day they were added, in the owner's zone) is there only
    when ``last_contact`` is not: the clock never starts from it otherwise, and
    working it out for tens of thousands of people costs a full sync dearly.
    """

    person_id: int
    cadence_days: int
    last_contact: dt.date | None
    met_on: dt.date | None
    added_on: dt.date | None
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


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose facts to load, for the incremental sync (``engine.incremental``).

    Every interaction with one of ``people`` and every one about one of
    ``opportunities``, the cadences and birthdays of ``people`` only; the facts
    that are workspace-wide and small (the opportunities, the owner's start, whom
    to reach out to, the closed tasks, the planned interviews, the buddy) as in
    a full load. ``since``: also every interaction from that day (the buddy's week).
    """

    people: frozenset[int] = frozenset()
    opportunities: frozenset[int] = frozenset()
    since: dt.date | None = None


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
    def offers(self) -> list[OpportunityFact]:
        """The opportunities at offer, accepted or declined with an offer deadline, in
        order: what each message about another opportunity is checked against."""
        return [
            o for o in self.opportunities.values()
            if o.stage in OFFER_STAGES and o.offer_deadline is not None
        ]  # fmt: skip

    @cached_property
    def closed_keys(self) -> dict[str, ClosedTask]:
        return {task.key: task for task in self.closed_tasks}
