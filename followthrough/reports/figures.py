"""The pictures of a search, as numbers: each report from the owner's data over a period.

``report_for(owner, period)`` reads the data once (``reports.data.load``, a
constant number of queries) and computes every figure from it; each figure is a
plain dataclass with ``as_json()``, shown by the Reports page, ``followthrough
report`` and its ``--json`` alike.

* **Funnel**: the opportunities that entered the pipeline in the period (first
  reached applied or a later stage), by the furthest stage each reached by the
  period's end. A stage implies the earlier ones: an opportunity at offer
  counts as applied, screening and interviewing too.
* **Response by source**: of those, per source, how many heard back (an inbound
  interaction about it, a move past applied, or a rejection) and the median days
  from entering the pipeline to the first answer.
* **Activity**: outreach, interviews, thank-you notes and follow-ups per week
  (Monday to Sunday; the weeks that overlap the period), counted as the weekly
  summary counts them, and the daily outreach streak.
* **Network mix** (rule 8): per month, whom the seeker talked with: fellow
  seekers, employed people, the hiring side, others (by their situation today).
* **Reciprocity** (rule 9): asks and gives per month, and the people asked in
  the period who were never given anything.
"""

from __future__ import annotations

import datetime as dt
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass

from followthrough.engine import Facts, Streak, outreach_streak, weekly_summary
from followthrough.engine.facts import WINDOW_DAYS
from followthrough.tracker.models import Kind, Situation, Source, Stage

from .data import Period, ReportData, load

FUNNEL_STAGES = (Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER, Stage.ACCEPTED)
_RANK = {stage: n for n, stage in enumerate(FUNNEL_STAGES)}
SOURCES = (Source.REFERRAL, Source.POSTING, Source.RECRUITER, Source.NETWORK, Source.OTHER)
NETWORK_GROUPS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("seeking", "Fellow seekers", frozenset({Situation.SEEKING})),
    ("employed", "Employed", frozenset({Situation.EMPLOYED, Situation.SELF_EMPLOYED})),
    ("hiring", "Hiring side", frozenset({Situation.HIRING_MANAGER, Situation.RECRUITER})),
    ("other", "Others", frozenset({Situation.STUDENT, Situation.RETIRED, Situation.UNKNOWN})),
)


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months_in(period: Period) -> list[dt.date]:
    months, month = [], month_of(period.since)
    while month <= period.until:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


# Funnel ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FunnelStep:
    stage: str
    label: str
    count: int
    percent: int  # of the opportunities that entered the funnel
    step_percent: int  # of the previous step

    def as_json(self) -> dict:
        return {
            "stage": self.stage, "label": self.label, "count": self.count,
            "percent": self.percent, "step_percent": self.step_percent,
        }


@dataclass(frozen=True, slots=True)
class Funnel:
    steps: list[FunnelStep]
    entered: int
    not_applied: int  # added in the period, never past lead

    @property
    def headline(self) -> str:
        if not self.entered:
            return "No opportunity reached applied in this period."
        counts = {s.stage: s.count for s in self.steps}
        return (
            f"Of {self.entered} opportunit{'y' if self.entered == 1 else 'ies'} "
            f"that reached applied, {counts[Stage.INTERVIEWING]} reached interviews "
            f"and {counts[Stage.OFFER]} an offer."
        )

    def as_json(self) -> dict:
        return {
            "entered": self.entered,
            "not_applied": self.not_applied,
            "steps": [s.as_json() for s in self.steps],
        }


def entered_on(journey) -> dt.date | None:
    """The day the opportunity first reached applied or a later funnel stage."""
    return next((on for on, stage in journey.changes if stage in _RANK), None)


def furthest_rank(journey) -> int:
    return max((_RANK[stage] for _, stage in journey.changes if stage in _RANK), default=-1)


def in_funnel(data: ReportData) -> list:
    return [j for j in data.journeys if (entered_on(j) or dt.date.min) in data.period]


def funnel(data: ReportData) -> Funnel:
    cohort = in_funnel(data)
    reached = Counter(furthest_rank(j) for j in cohort)
    steps, previous = [], len(cohort)
    for rank, stage in enumerate(FUNNEL_STAGES):
        count = sum(n for r, n in reached.items() if r >= rank)
        steps.append(
            FunnelStep(stage, Stage(stage).label, count, percent(count, len(cohort)),
                       percent(count, previous))
        )
        previous = count
    not_applied = sum(
        1 for j in data.journeys
        if j.added_on in data.period and entered_on(j) is None
    )
    return Funnel(steps, len(cohort), not_applied)


# Response by source ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceResponse:
    source: str
    label: str
    opportunities: int
    responded: int
    median_days: float | None

    @property
    def rate(self) -> int:
        return percent(self.responded, self.opportunities)

    def as_json(self) -> dict:
        return {
            "source": self.source, "label": self.label, "opportunities": self.opportunities,
            "responded": self.responded, "rate": self.rate, "median_days": self.median_days,
        }


@dataclass(frozen=True, slots=True)
class Responses:
    sources: list[SourceResponse]

    @property
    def headline(self) -> str:
        if not self.sources:
            return "No opportunity reached applied in this period."
        parts = [f"{s.label.lower()} {s.rate}%" for s in self.sources]
        return "Heard back: " + ", ".join(parts) + "."

    def as_json(self) -> list[dict]:
        return [s.as_json() for s in self.sources]


_ANSWER_STAGES = frozenset(FUNNEL_STAGES[1:]) | {Stage.REJECTED}
"""Moving to one of these means the employer answered."""


def first_response(data: ReportData, journey) -> dt.date | None:
    """The first answer: an inbound interaction about it, a move past applied, a rejection."""
    days = [on for on in data.inbound.get(journey.id, ()) if on >= journey.added_on]
    days += [on for on, stage in journey.changes if stage in _ANSWER_STAGES]
    days = [day for day in days if day <= data.period.until]
    return min(days, default=None)


def responses(data: ReportData) -> Responses:
    by_source: dict[str, list[int | None]] = defaultdict(list)
    for journey in in_funnel(data):
        start = entered_on(journey)
        answered = first_response(data, journey)
        by_source[journey.source].append(
            None if answered is None else max(0, (answered - start).days)
        )
    found = []
    for source in SOURCES:
        waits = by_source.get(source)
        if not waits:
            continue
        heard = [w for w in waits if w is not None]
        median = round(float(statistics.median(heard)), 1) if heard else None
        found.append(SourceResponse(source, Source(source).label, len(waits), len(heard), median))
    return Responses(found)


# Activity --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekActivity:
    start: dt.date
    outreach: int
    interviews: int
    informational_interviews: int
    thank_yous: int
    follow_ups: int

    @property
    def all_interviews(self) -> int:
        return self.interviews + self.informational_interviews

    def as_json(self) -> dict:
        return {
            "week": self.start.isoformat(), "outreach": self.outreach,
            "interviews": self.interviews,
            "informational_interviews": self.informational_interviews,
            "thank_yous": self.thank_yous, "follow_ups": self.follow_ups,
        }


SERIES = (
    ("outreach", "Outreach"),
    ("all_interviews", "Interviews"),
    ("thank_yous", "Thank-you notes"),
    ("follow_ups", "Follow-ups"),
)


@dataclass(frozen=True, slots=True)
class Activity:
    weeks: list[WeekActivity]
    streak: Streak  # as of the period's end
    longest_streak: int
    outreach_days: int  # days in the period with outreach

    def total(self, series: str) -> int:
        return sum(getattr(week, series) for week in self.weeks)

    @property
    def empty(self) -> bool:
        return not any(self.total(series) for series, _ in SERIES)

    @property
    def headline(self) -> str:
        streak = f"{self.streak.days}-day streak" if self.streak.days else "no streak"
        return (
            f"{self.total('outreach')} outreach over {len(self.weeks)} "
            f"week{'' if len(self.weeks) == 1 else 's'}; {streak} now, "
            f"longest {self.longest_streak} day{'' if self.longest_streak == 1 else 's'}."
        )

    def as_json(self) -> dict:
        return {
            "weeks": [w.as_json() for w in self.weeks],
            "streak": self.streak.days,
            "longest_streak": self.longest_streak,
            "outreach_days": self.outreach_days,
        }


def _week_facts(data: ReportData, days: list[dt.date], monday: dt.date) -> Facts:
    """The engine's facts for one week's summary, from the rows already read.

    As ``engine.summary_for`` loads them: as of the week's Sunday (or the
    period's end), with the interactions of the ``WINDOW_DAYS`` before. Slicing
    per week keeps a long period linear in its size, not quadratic.
    """
    on = min(monday + dt.timedelta(days=6), data.period.until)
    start = on - dt.timedelta(days=WINDOW_DAYS)
    interactions = data.interactions[bisect_left(days, start):bisect_right(days, on)]
    return Facts(
        on=on,
        settings=data.settings,
        interactions=interactions,
        opportunities=data.opportunities,
        closed_tasks=data.closed_tasks,
    )


def longest_streak(per_day: Counter, start: dt.date, period: Period, goal: int) -> int:
    """The longest run of days meeting the goal that reaches into the period.

    As in the momentum rule: a weekday short of the goal ends a run, a quiet
    weekend day does not. Runs are followed from ``start`` (before the period),
    so a run that began earlier counts whole.
    """
    best = run = 0
    day = start
    while day <= period.until:
        if per_day[day] >= goal:
            run += 1
            if day >= period.since:
                best = max(best, run)
        elif day.weekday() < 5:
            run = 0
        day += dt.timedelta(days=1)
    return best


def activity(data: ReportData) -> Activity:
    period = data.period
    days = [interaction.on for interaction in data.interactions]
    weeks, monday = [], period.first_monday
    while monday <= period.until:
        summary = weekly_summary(_week_facts(data, days, monday), monday)
        weeks.append(WeekActivity(
            monday, summary.outreach, summary.interviews, summary.informational_interviews,
            summary.thank_yous, summary.follow_ups,
        ))
        monday += dt.timedelta(days=7)
    outreach = [i.on for i in data.interactions if i.outbound]
    goal = data.settings.daily_outreach_goal
    recent = [day for day in outreach if day >= period.until - dt.timedelta(days=WINDOW_DAYS)]
    per_day = Counter(outreach)
    return Activity(
        weeks,
        outreach_streak(recent, period.until, goal),
        longest_streak(per_day, data.window_start, period, max(goal, 1)),
        sum(1 for day in per_day if day in period),
    )


# Network mix -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GroupShare:
    group: str
    label: str
    count: int
    percent: int

    def as_json(self) -> dict:
        return {"group": self.group, "label": self.label, "count": self.count,
                "percent": self.percent}


@dataclass(frozen=True, slots=True)
class MonthMix:
    month: dt.date
    total: int
    shares: list[GroupShare]

    def share(self, group: str) -> GroupShare:
        return next(s for s in self.shares if s.group == group)

    def as_json(self) -> dict:
        return {"month": self.month.strftime("%Y-%m"), "total": self.total,
                "shares": [s.as_json() for s in self.shares]}


@dataclass(frozen=True, slots=True)
class NetworkMix:
    months: list[MonthMix]
    overall: MonthMix  # everyone talked with in the period

    @property
    def headline(self) -> str:
        if not self.overall.total:
            return "Nobody talked with in this period."
        seekers = self.overall.share("seeking")
        hiring = self.overall.share("hiring").count + self.overall.share("employed").count
        return (
            f"Of {self.overall.total} people you talked with, {seekers.percent}% are fellow "
            f"seekers and {percent(hiring, self.overall.total)}% employed or hiring."
        )

    def as_json(self) -> dict:
        overall = self.overall.as_json()
        overall.pop("month")
        return {"months": [m.as_json() for m in self.months], "overall": overall}


def group_of(situation: str) -> str:
    return next((g for g, _, found in NETWORK_GROUPS if situation in found), "other")


def _mix(month: dt.date, people: set[int], data: ReportData) -> MonthMix:
    counts = Counter(group_of(data.situation(p)) for p in people)
    shares = [GroupShare(g, label, counts[g], percent(counts[g], len(people)))
              for g, label, _ in NETWORK_GROUPS]
    return MonthMix(month, len(people), shares)


def network_mix(data: ReportData) -> NetworkMix:
    period = data.period
    talked: dict[dt.date, set[int]] = defaultdict(set)
    for interaction in data.interactions:
        if interaction.kind != Kind.NOTE and interaction.on in period:
            talked[month_of(interaction.on)].update(interaction.people)
    months = [_mix(month, talked.get(month, set()), data) for month in months_in(period)]
    everyone = set().union(*talked.values()) if talked else set()
    return NetworkMix(months, _mix(month_of(period.since), everyone, data))


# Reciprocity -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonthBalance:
    month: dt.date
    asks: int
    gives: int

    def as_json(self) -> dict:
        return {"month": self.month.strftime("%Y-%m"), "asks": self.asks, "gives": self.gives}


@dataclass(frozen=True, slots=True)
class OnlyAsked:
    """Someone asked in the period and never given anything."""

    person_id: int
    name: str
    asks: int
    last_ask: dt.date

    def as_json(self) -> dict:
        return {"person_id": self.person_id, "name": self.name, "asks": self.asks,
                "last_ask": self.last_ask.isoformat()}


@dataclass(frozen=True, slots=True)
class Reciprocity:
    months: list[MonthBalance]
    only_asked: list[OnlyAsked]

    @property
    def asks(self) -> int:
        return sum(m.asks for m in self.months)

    @property
    def gives(self) -> int:
        return sum(m.gives for m in self.months)

    @property
    def headline(self) -> str:
        if not (self.asks or self.gives):
            return "No asks or gives logged in this period."
        only = len(self.only_asked)
        tail = (
            f"; {only} {'person' if only == 1 else 'people'} you only ask"
            if only else "; nobody you only ask"
        )
        return (
            f"{self.asks} ask{'' if self.asks == 1 else 's'} and "
            f"{self.gives} give{'' if self.gives == 1 else 's'}{tail}."
        )

    def as_json(self) -> dict:
        return {
            "asks": self.asks, "gives": self.gives,
            "months": [m.as_json() for m in self.months],
            "only_asked": [p.as_json() for p in self.only_asked],
        }


def reciprocity(data: ReportData) -> Reciprocity:
    period = data.period
    asks: Counter = Counter()
    gives: Counter = Counter()
    asked: dict[int, list[dt.date]] = defaultdict(list)
    for interaction in data.interactions:
        if interaction.on not in period:
            continue
        month = month_of(interaction.on)
        asks[month] += interaction.asked
        gives[month] += interaction.gave
        if interaction.asked:
            for person_id in interaction.people:
                asked[person_id].append(interaction.on)
    only = [
        OnlyAsked(p, data.people[p][0], len(days), max(days))
        for p, days in asked.items()
        if p not in data.given_to
    ]
    only.sort(key=lambda o: (-o.asks, -o.last_ask.toordinal(), o.name.lower(), o.person_id))
    months = [MonthBalance(m, asks[m], gives[m]) for m in months_in(period)]
    return Reciprocity(months, only)


# All of it --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Report:
    period: Period
    funnel: Funnel
    responses: Responses
    activity: Activity
    network: NetworkMix
    reciprocity: Reciprocity

    def as_json(self) -> dict:
        return {
            "period": self.period.as_json(),
            "funnel": self.funnel.as_json(),
            "response_by_source": self.responses.as_json(),
            "activity": self.activity.as_json(),
            "network_mix": self.network.as_json(),
            "reciprocity": self.reciprocity.as_json(),
        }


def compute(data: ReportData) -> Report:
    """Every figure from data already loaded (no queries)."""
    return Report(
        data.period, funnel(data), responses(data), activity(data), network_mix(data),
        reciprocity(data),
    )


def report_for(owner, period: Period) -> Report:
    """Every figure for ``owner`` over ``period``, in a constant number of queries."""
    return compute(load(owner, period))

