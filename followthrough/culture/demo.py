"""The demo's culture fit: a preferred culture and ratings of three organizations.

Without them the culture pages of ``followthrough demo`` are empty, and a newcomer
never sees a fit, a chart or the questions to ask (issue 13). The demo seeker
prefers a people-first place with room for new ideas; the three organizations
they have met differ enough for the fits to tell them apart.
"""

from __future__ import annotations

import datetime as dt

from followthrough.tracker.models import Interaction, Organization

from . import services
from .framework import DIMENSION_KEYS, TYPE_KEYS

# Points per dimension in framework order; columns clan, adhocracy, market, hierarchy.
PREFERRED = [
    (40, 30, 15, 15),
    (45, 25, 15, 15),
    (40, 30, 15, 15),
    (35, 35, 15, 15),
    (35, 35, 20, 10),
    (40, 30, 20, 10),
]

# organization name -> (points rows, what was seen, where it was seen)
RATINGS = {
    "Northwind Analytics": (
        [(35, 35, 15, 15), (30, 40, 20, 10), (40, 30, 10, 20), (30, 40, 20, 10),
         (25, 45, 20, 10), (35, 30, 25, 10)],
        {"characteristics": "Demo days every Friday; people asked each other for help openly."},
        "Onsite panel",
    ),
    "Bluefield Health": (
        [(25, 10, 15, 50), (30, 10, 10, 50), (25, 10, 15, 50), (20, 10, 10, 60),
         (20, 15, 15, 50), (25, 10, 20, 45)],
        {"management": "Every change goes through a review board; decisions take weeks."},
        "Phone screen",
    ),
    "Cedar & Pine Software": (
        [(20, 50, 20, 10), (15, 55, 20, 10), (25, 45, 20, 10), (20, 50, 20, 10),
         (15, 55, 25, 5), (20, 45, 30, 5)],
        {},
        "Coffee with the Director of Product",
    ),
}


def _points(rows) -> dict:
    return {d: dict(zip(TYPE_KEYS, row, strict=True)) for d, row in zip(DIMENSION_KEYS, rows,
                                                                        strict=True)}


def add_culture(owner, today: dt.date) -> int:
    """Add the demo's preferred culture and ratings; return how many ratings were made."""
    services.save_preferred(owner, _points(PREFERRED))
    made = 0
    for name, (rows, evidence, source) in RATINGS.items():
        org = Organization.objects.filter(owner=owner, name=name).first()
        if org is None:
            continue
        met = (
            Interaction.objects.filter(owner=owner, opportunity__organization=org)
            .order_by("-occurred_on")
            .values_list("occurred_on", flat=True)
            .first()
        )
        services.add_rating(
            owner,
            org,
            services.RatingInput(
                points=_points(rows), evidence=evidence, rated_on=met or today, source=source
            ),
            today,
        )
        made += 1
    return made
