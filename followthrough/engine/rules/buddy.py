"""Rule 12, ``buddy-summary``: use a search buddy, and the weekly summary itself.

Every Friday an item suggests sending the search buddy the week's summary; it
stays until handled or until the next Friday's replaces it. A week with no
outreach, application or interview makes none (nothing to share yet), and it
rests in landed mode (the search is over). It appears only once the seeker has a
search buddy (seed 000: someone also in transition who agrees to help): a name in
Settings, or a person tagged "buddy"; the draft then goes to that person. A week
that ended before the seeker
started makes none; the week they started in is due on that day at the earliest
(``rules.finish``). ``weekly_summary`` is the summary: pure, from facts.

In a hosted job club (issue 14) the buddy shares their week too: when the
buddy person is a group buddy (``club.engine_inputs.club_buddy``, asked with
``Facts.buddy_id``), the item asks to read the buddy's week and answer, every
Friday from the day they were paired, whether or not the seeker's own week had
anything in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from followthrough.tracker.dates import day as date_text
from followthrough.tracker.models import Kind, Rule, Stage, TaskStatus

from ..dates import FRIDAY, last_weekday, week_of
from ..facts import Facts
from ..items import Item
from . import follow_up, momentum, nudge, thank_you

SUMMARY_WEEKDAY = FRIDAY


@dataclass(frozen=True, slots=True)
class WeeklySummary:
    """The seeker's progress in the week from ``start`` (Monday) to ``end`` (Sunday)."""

    start: dt.date
    end: dt.date
    outreach: int
    applications: int
    interviews: int
    informational_interviews: int
    thank_yous: int
    follow_ups: int
    new_contacts: int
    streak: int

    def as_json(self) -> dict:
        data = asdict(self)
        data["start"] = self.start.isoformat()
        data["end"] = self.end.isoformat()
        return data

    @property
    def headline(self) -> str:
        return (
            f"{_count(self.outreach, 'outreach', 'outreach')}, "
            f"{_count(self.applications, 'application')}, "
            f"{_count(self.interviews + self.informational_interviews, 'interview')}"
        )


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def due(facts: Facts, on: dt.date) -> list[Item]:
    if facts.settings.landed or not has_buddy(facts):
        return []
    friday = last_weekday(on, SUMMARY_WEEKDAY)
    if facts.started_on is not None and week_of(friday)[1] < facts.started_on:
        return []  # a week that ended before the seeker started
    summary = weekly_summary(facts, friday, counts_only=True)
    partner = _club_buddy(facts)
    if partner is not None:  # a buddy in a job club: answer their week, from the pairing on
        return [_answer(facts, friday, summary, partner)] if friday >= partner.since else []
    if not (summary.outreach or summary.applications or summary.interviews):
        return []  # nothing to share yet (a first week, say)
    buddy = buddy_name(facts)
    return [
        Item(
            rule=Rule.BUDDY_SUMMARY,
            key=f"buddy-summary:{friday.isoformat()}",
            due=friday,
            title=f"Send {buddy} the weekly summary",
            reason=(
                f"The week of {date_text(summary.start)}: {summary.headline}; "
                f"share it with {buddy} and ask how their week went."
            ),
            person_id=facts.buddy_id,
        )
    ]


def _club_buddy(facts: Facts):
    """The job-club buddy the buddy person stands for, if any (hosted mode only)."""
    from django.apps import apps

    if facts.buddy_id is None or not apps.is_installed("followthrough.club"):
        return None
    from followthrough.club.engine_inputs import club_buddy

    return club_buddy(facts.buddy_id)


def _answer(facts: Facts, friday: dt.date, summary: WeeklySummary, partner) -> Item:
    return Item(
        rule=Rule.BUDDY_SUMMARY,
        key=f"buddy-summary:{friday.isoformat()}",
        due=friday,
        title=f"Read {partner.name}'s week and answer",
        reason=(
            f"{partner.name} is your search buddy in {partner.group}: read their week "
            f"beside yours ({summary.headline}) and send a word of encouragement."
        ),
        person_id=facts.buddy_id,
    )


def has_buddy(facts: Facts) -> bool:
    return bool(facts.settings.buddy.strip() or facts.buddy_id)


def buddy_name(facts: Facts) -> str:
    """The buddy's name, or "your search buddy"."""
    name = facts.name(facts.buddy_id) if facts.buddy_id else facts.settings.buddy.strip()
    return name or "your search buddy"


def weekly_summary(facts: Facts, week_containing: dt.date, *, counts_only: bool = False):
    """Outreach, applications, interviews, thank-yous, follow-ups, new contacts, streak.

    Counts what the facts know up to ``facts.on``; load them as of the week's end
    (``engine.summary_for`` does). ``counts_only`` skips thank-yous and
    follow-ups, which need a pass over every person (the buddy item's headline
    does not show them).
    """
    start, end = week_of(week_containing)
    until = min(end, facts.on)
    week = [i for i in facts.interactions if start <= i.on <= until]
    applied = {
        opp for opp, stage, on in facts.stage_changes
        if stage == Stage.APPLIED and start <= on <= until
    }
    thank_yous = follow_ups = 0
    if not counts_only:
        thank_yous = _thank_yous(facts, start, until)
        follow_ups = _follow_ups(facts, start, until)
    streak = momentum.streak(facts, until)
    return WeeklySummary(
        start=start,
        end=end,
        outreach=sum(1 for i in week if i.outbound),
        applications=len(applied),
        interviews=sum(1 for i in week if i.kind == Kind.INTERVIEW),
        informational_interviews=sum(1 for i in week if i.kind == Kind.INFORMATIONAL),
        thank_yous=thank_yous,
        follow_ups=follow_ups,
        new_contacts=sum(
            1 for days in facts.added_people.values()
            if any(start <= day <= until for day in days)
        ),
        streak=streak.days,
    )


def _thank_yous(facts: Facts, start: dt.date, until: dt.date) -> int:
    """Thank-you notes sent in the week: logged, or marked done on the Today page."""
    thanked: set[int] = set()
    lapse = dt.timedelta(days=facts.settings.thank_you_days + thank_you.LAPSE_DAYS)
    for person_id, interactions in facts.by_person.items():
        interview = None
        for i in interactions:
            if i.on > until:
                break
            if i.is_interview:
                interview = i
            elif interview and thank_you.is_note(i, interview) and i.on <= interview.on + lapse:
                if start <= i.on:
                    thanked.add(person_id)
                interview = None
    return len(thanked) + _marked_done(facts, Rule.THANK_YOU, start, until, thanked)


def _follow_ups(facts: Facts, start: dt.date, until: dt.date) -> int:
    """Decision follow-ups and nudges sent in the week."""
    people: set[int] = set()
    count = 0
    for opp_id in facts.by_opportunity:
        opp = facts.opportunities.get(opp_id)
        state = follow_up.state(facts, opp, until) if opp else None
        if state and state.done_on and start <= state.done_on <= until:
            count += 1
            if opp.main_contact:
                people.add(opp.main_contact)
    for person_id, interactions in facts.by_person.items():
        sent: list = []
        nudge.follow(facts, person_id, interactions, until, sent)
        in_week = [i for i in sent if start <= i.on]
        if in_week:
            count += len(in_week)
            people.add(person_id)
    for rule in (Rule.NUDGE, Rule.DECISION_FOLLOW_UP):
        count += _marked_done(facts, rule, start, until, people)
    return count


def _marked_done(facts: Facts, rule: str, start, until, counted: set[int]) -> int:
    """Tasks of ``rule`` marked done in the week for people not counted already."""
    return sum(
        1
        for task in facts.closed_tasks
        if task.rule == rule
        and task.status == TaskStatus.DONE
        and start <= task.closed_on <= until
        and task.person_id not in counted
    )
