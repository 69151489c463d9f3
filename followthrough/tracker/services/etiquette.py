"""What the pages and commands show of the etiquette engine, beyond the agenda.

Each function takes the day as an argument (no clock inside) and reads the
owner's data in a constant number of queries. The engine's own helpers
(``followthrough.engine``) load the owner's whole set of facts; these answer
one question each, cheaply enough for the Today page and the person page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef

from followthrough.engine import (
    WeeklySummary,
    asks_and_gives,
    forecast_for,
    load_facts,
    outreach_streak,
    weekly_summary,
)
from followthrough.engine.facts import (
    REACH_OUT_SITUATIONS,
    RECENT_CONTACT_DAYS,
    WINDOW_DAYS,
    not_awaited,
    owned_by,
)
from followthrough.engine.rules.give_first import ASKS

from ..models import Direction, Interaction, Kind, Person
from .owners import workspace_for

CONTACT_KINDS = [kind for kind in Kind.values if kind != Kind.NOTE]
"""Something that happened between two people; a note to self is not."""


def streak_on(owner, on: dt.date):
    """The daily outreach streak as of ``on`` (``engine.Streak``), in one query.

    The same count as ``engine.streak_for``: outbound interactions (notes aside)
    in the engine's window, through its pure ``outreach_streak``.
    """
    start = on - dt.timedelta(days=WINDOW_DAYS)
    # Counted by day in the database: a day a row, not an outreach a row.
    per_day = (
        Interaction.objects.filter(
            owner=owner,
            direction=Direction.OUTBOUND,
            occurred_on__gte=start,
            occurred_on__lte=on,
            kind__in=CONTACT_KINDS,
        )
        .order_by()
        .values_list("occurred_on")
        .annotate(n=Count("id"))
    )
    days = [day for day, n in per_day for _ in range(n)]
    return outreach_streak(days, on, workspace_for(owner).daily_outreach_goal)


def streak_text(streak) -> str:
    """ "3-day streak · no outreach yet today (goal: 1 a day)", and its variants."""
    head = f"{streak.days}-day streak" if streak.days else "No streak yet"
    if streak.met_today:
        return f"{head} · {streak.today} outreach today, goal met"
    today = (
        "no outreach yet today"
        if not streak.today
        else f"{streak.today} of {streak.goal} outreach today"
    )
    return f"{head} · {today} (goal: {streak.goal} a day)"


@dataclass(frozen=True)
class ComingUp:
    """One line of Today's "Coming up": a stored task, or a forecast rule item.

    A forecast item is what a rule will ask on ``day`` as things stand; it is
    not a task yet (nothing to mark done or snooze) and becomes one that day.
    """

    day: dt.date
    rule: str
    title: str
    person_id: int | None = None
    person: str | None = None
    opportunity_id: int | None = None
    forecast: bool = False
    key: str = ""


def coming_up(owner, on: dt.date, tasks, limit: int) -> tuple[list[ComingUp], int]:
    """The next ``limit`` lines of "Coming up", and how many there are in all.

    ``tasks``: the stored tasks that will show in the next two weeks (soonest
    first); the rules' forecast (``engine.forecast_for``) is merged in by day.
    """
    stored = [
        ComingUp(task.shows_on(), task.rule, task.title, task.person_id,
                 task.person.name if task.person_id else None, task.opportunity_id)
        for task in tasks
    ]
    forecast = [
        ComingUp(item.due, item.rule, item.title, item.person_id, None, item.opportunity_id,
                 forecast=True, key=item.key)
        for item in forecast_for(owner, on)
    ]
    lines = sorted([*stored, *forecast], key=lambda line: (line.day, line.forecast))
    return lines[:limit], len(lines)


def people_to_reach(owner, on: dt.date, limit: int = 3) -> list[Person]:
    """Employed and hiring-side people nobody has talked to lately, best first.

    The same choice as the momentum rule's suggestions (hiring managers, then
    employed, recruiters, self-employed; the people known longest first), so
    the names in a momentum item's reason are the people linked beside it.
    """
    recent = Interaction.people.through.objects.filter(
        person_id=OuterRef("pk"),
        interaction__occurred_on__gte=on - dt.timedelta(days=RECENT_CONTACT_DAYS),
        interaction__occurred_on__lte=on,
    )
    found = list(
        Person.objects.filter(owner=owner, situation__in=REACH_OUT_SITUATIONS)
        .filter(~Exists(recent))
        .filter(not_awaited())
        .select_related("organization")
        .order_by("id")[:12]
    )
    rank = {situation: n for n, situation in enumerate(REACH_OUT_SITUATIONS)}
    found.sort(key=lambda person: (rank[person.situation], person.pk))
    return found[:limit]


def recent_contacts(owner, on: dt.date, limit: int = 15) -> list[Person]:
    """People talked with in the last ``RECENT_CONTACT_DAYS``, the latest first.

    Each person carries ``last_contact`` (a date). Notes to self do not count.
    """
    since = on - dt.timedelta(days=RECENT_CONTACT_DAYS)
    return list(
        Person.objects.filter(
            owner=owner,
            interactions__occurred_on__gte=since,
            interactions__occurred_on__lte=on,
            interactions__kind__in=CONTACT_KINDS,
        )
        .annotate(last_contact=Max("interactions__occurred_on"))
        .select_related("organization")
        .order_by("-last_contact", "name", "id")[:limit]
    )


@dataclass(frozen=True)
class AsksAndGives:
    """What the seeker asked of a person and gave them (rule 9)."""

    asks: int
    gives: int
    asks_since_give: int
    latest_ask: Interaction | None
    latest_give: Interaction | None

    @property
    def takes_only(self) -> bool:
        """Asked at least twice with nothing given since: the give-first rule's test."""
        return self.asks_since_give >= ASKS


def person_asks_and_gives(owner, person: Person) -> AsksAndGives:
    balance = asks_and_gives(owner, person)
    mine = Interaction.objects.filter(owned_by(owner), people=person).order_by(
        "-occurred_on", "-id"
    )
    return AsksAndGives(
        asks=balance.asks,
        gives=balance.gives,
        asks_since_give=len(balance.asks_since_give),
        latest_ask=mine.filter(asked=True).first() if balance.asks else None,
        latest_give=mine.filter(gave=True).first() if balance.gives else None,
    )


# The weekly summary -------------------------------------------------------------


def week_summary(owner, day: dt.date, today: dt.date) -> WeeklySummary:
    """The summary of the week (Monday to Sunday) containing ``day``, as known ``today``.

    Like ``engine.summary_for``, but a week still under way is counted up to
    ``today``, so its streak is today's streak (as of its Sunday, a streak not
    yet extended past today would read as broken).
    """
    sunday = week_start(day) + dt.timedelta(days=6)
    on = min(sunday, max(today, week_start(day)))
    return weekly_summary(load_facts(owner, on, summary=True), day)


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week containing ``day``."""
    return day - dt.timedelta(days=day.weekday())


def day_text(day: dt.date, year: bool = False) -> str:
    """ "23 Feb", or "23 Feb 2026"."""
    text = f"{day.day} {day:%b}"
    return f"{text} {day.year}" if year else text


def week_text(summary: WeeklySummary) -> str:
    """ "16-22 Nov 2026", or "23 Feb - 1 Mar 2026" across months (with en dashes)."""
    start, end = summary.start, summary.end
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\N{EN DASH}{day_text(end, True)}"
    return f"{day_text(start, start.year != end.year)} \N{EN DASH} {day_text(end, True)}"


def summary_lines(summary: WeeklySummary) -> list[tuple[str, int]]:
    """The summary's figures, labelled, in the order the page and the text show them."""
    return [
        ("Outreach", summary.outreach),
        ("Applications", summary.applications),
        ("Interviews", summary.interviews),
        ("Informational interviews", summary.informational_interviews),
        ("Thank-you notes", summary.thank_yous),
        ("Follow-ups", summary.follow_ups),
        ("New contacts", summary.new_contacts),
    ]


def summary_text(summary: WeeklySummary) -> str:
    """The plain text to send a search buddy (no private notes, only counts)."""
    width = max(len(label) for label, _ in summary_lines(summary)) + 1
    lines = [f"My job search, {week_text(summary)}", ""]
    lines += [f"{label + ':':<{width}} {value}" for label, value in summary_lines(summary)]
    streak = f"{summary.streak} day{'' if summary.streak == 1 else 's'}"
    lines += [f"{'Outreach streak:':<{width}} {streak}", "", "How did your week go?"]
    return "\n".join(lines) + "\n"
