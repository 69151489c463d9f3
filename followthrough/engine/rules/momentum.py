"""Rule 4, ``momentum``: keep several irons in the fire, and the daily outreach streak.

With fewer active opportunities than ``min_active_opportunities``, one item a
week (keyed by ISO week, so done means done until next week) suggests
informational interviews and networking, naming a few employed or hiring-side
people nobody has talked to lately. It waits until the seeker has recorded
someone or some opportunity: an empty workspace gets the Today page's welcome.

The streak counts the days in a row on which the seeker reached out (outbound
interactions) at least ``daily_outreach_goal`` times. Today counts once met; until
then the streak still stands from yesterday. Weekends never break a streak (a
seeker may rest), but outreach on a weekend counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from followthrough.tracker.models import ACTIVE_STAGES, Rule

from ..dates import iso_week
from ..facts import WINDOW_DAYS, Facts
from ..items import Item

SUGGESTED = 3


def due(facts: Facts, on: dt.date) -> list[Item]:
    settings = facts.settings
    if settings.landed or not facts.recorded:
        return []  # landed, or nothing recorded yet (Today's welcome says where to start)
    active = sum(1 for o in facts.opportunities.values() if o.stage in ACTIVE_STAGES)
    if active >= settings.min_active_opportunities:
        return []
    names = [facts.name(p) for p in facts.reach_out[:SUGGESTED]]
    have = "no active opportunities" if active == 0 else (
        "one active opportunity" if active == 1 else f"{active} active opportunities"
    )
    return [
        Item(
            rule=Rule.MOMENTUM,
            key=f"momentum:{iso_week(on)}",
            due=on,
            title="Keep several irons in the fire",
            reason=(
                f"You have {have} (aim for {settings.min_active_opportunities}); "
                f"an informational interview or two would help{_suggest(names)}."
            ),
        )
    ]


def _suggest(names: list[str]) -> str:
    if not names:
        return ": reach someone employed in your field"
    if len(names) == 1:
        return f": perhaps {names[0]}"
    return f": perhaps {', '.join(names[:-1])} or {names[-1]}"


@dataclass(frozen=True, slots=True)
class Streak:
    """The daily outreach streak as of ``on``."""

    days: int
    today: int
    goal: int
    met_today: bool

    def as_json(self) -> dict:
        return {
            "days": self.days,
            "today": self.today,
            "goal": self.goal,
            "met_today": self.met_today,
        }


def outreach_streak(outreach_days: Iterable[dt.date], on: dt.date, goal: int = 1) -> Streak:
    """The streak from the days of each outreach (one date per outbound interaction).

    Pure: counts back from ``on`` (or from yesterday, while today's goal is not
    met yet); a weekday short of the goal ends it, a quiet weekend day does not.
    """
    goal = max(goal, 1)
    per_day = Counter(day for day in outreach_days if day <= on)
    met_today = per_day[on] >= goal
    day = on if met_today else on - dt.timedelta(days=1)
    days = 0
    while True:
        if per_day[day] >= goal:
            days += 1
        elif day.weekday() < 5:
            break
        day -= dt.timedelta(days=1)
        if (on - day).days > 10 * 366:
            break
    return Streak(days=days, today=per_day[on], goal=goal, met_today=met_today)


def streak(facts: Facts, on: dt.date) -> Streak:
    """The streak from the loaded facts (which reach back ``WINDOW_DAYS``)."""
    start = on - dt.timedelta(days=WINDOW_DAYS)
    days = [i.on for i in facts.interactions if i.outbound and start <= i.on <= on]
    return outreach_streak(days, on, facts.settings.daily_outreach_goal)
