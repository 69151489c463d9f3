"""Rule 8, the network mix: network beyond the unemployed.

How the network splits by situation, whom the seeker has talked with lately,
and, when most recent contacts are fellow seekers, a gentle suggestion to reach
employed and hiring-side people (named). Pure: facts in, a ``NetworkMix`` out;
load the facts with ``load_facts(owner, on, network=True)``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from followthrough.tracker.models import Situation

from .facts import RECENT_CONTACT_DAYS, Facts, PersonFact

GROUPS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("seeking", "Fellow seekers", frozenset({Situation.SEEKING})),
    ("employed", "Employed", frozenset({Situation.EMPLOYED, Situation.SELF_EMPLOYED})),
    ("hiring_manager", "Hiring managers", frozenset({Situation.HIRING_MANAGER})),
    ("recruiter", "Recruiters", frozenset({Situation.RECRUITER})),
    (
        "other",
        "Others",
        frozenset({Situation.STUDENT, Situation.RETIRED, Situation.UNKNOWN}),
    ),
)
MOSTLY = 0.5
"""More than this share of recent contacts being seekers is "mostly fellow seekers"."""
MIN_RECENT = 3
"""Too few recent contacts to say anything about their mix."""
SUGGESTIONS = 5


@dataclass(frozen=True, slots=True)
class Share:
    group: str
    label: str
    count: int
    percent: int


@dataclass(frozen=True, slots=True)
class NetworkMix:
    network: list[Share]
    network_total: int
    recent: list[Share]
    recent_total: int
    mostly_seekers: bool
    suggestions: list[PersonFact]
    advice: str

    def as_json(self) -> dict:
        def shares(items):
            return [{"group": s.group, "label": s.label, "count": s.count, "percent": s.percent}
                    for s in items]

        return {
            "network": shares(self.network),
            "network_total": self.network_total,
            "recent": shares(self.recent),
            "recent_total": self.recent_total,
            "mostly_seekers": self.mostly_seekers,
            "suggestions": [{"id": p.id, "name": p.name, "situation": p.situation}
                            for p in self.suggestions],
            "advice": self.advice,
        }


def group_of(situation: str) -> str:
    for group, _, situations in GROUPS:
        if situation in situations:
            return group
    return "other"


def _shares(counts: dict[str, int]) -> tuple[list[Share], int]:
    total = sum(counts.values())
    shares = []
    for group, label, _ in GROUPS:
        n = counts.get(group, 0)
        shares.append(Share(group, label, n, round(100 * n / total) if total else 0))
    return shares, total


def network_mix(facts: Facts, on: dt.date) -> NetworkMix:
    """The mix of the whole network and of the people talked with in the last 30 days."""
    by_group: dict[str, int] = {}
    for situation, n in (facts.situation_counts or {}).items():
        by_group[group_of(situation)] = by_group.get(group_of(situation), 0) + n
    since = on - dt.timedelta(days=RECENT_CONTACT_DAYS)
    talked = {
        p for i in facts.interactions if since <= i.on <= on and i.is_contact for p in i.people
    }
    recent: dict[str, int] = {}
    for person_id in talked:
        group = group_of(facts.people[person_id].situation)
        recent[group] = recent.get(group, 0) + 1
    network, network_total = _shares(by_group)
    recent_shares, recent_total = _shares(recent)
    seekers = recent.get("seeking", 0)
    mostly = recent_total >= MIN_RECENT and seekers / recent_total > MOSTLY
    suggestions = [facts.people[p] for p in facts.reach_out[:SUGGESTIONS]]
    return NetworkMix(
        network, network_total, recent_shares, recent_total, mostly, suggestions,
        _advice(mostly, seekers, recent_total, suggestions),
    )


def _advice(mostly: bool, seekers: int, total: int, suggestions: list[PersonFact]) -> str:
    if not mostly:
        return ""
    names = ", ".join(p.name for p in suggestions[:3])
    reach = f" such as {names}" if names else ""
    return (
        f"{seekers} of the {total} people you talked with lately are fellow seekers; "
        f"they are good company, and people who are employed or hire{reach} can open more doors."
    )
