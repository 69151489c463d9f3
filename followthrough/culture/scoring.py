"""The culture fit's arithmetic: pure functions over plain dictionaries.

A profile is ``{dimension: {type: points}}`` (see ``framework``) holding the
dimensions filled in, each summing to 100. A type's score is its mean over the
six dimensions; several ratings of one organization average cell by cell; a gap
is perceived minus preferred, so ``+12`` means "12 points more than you prefer".
The fit is the overlap of the two type profiles: ``sum(min(preferred, perceived))``,
100 when they are identical, 0 when they share nothing.

Nothing here reads the database or the clock.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .framework import (
    DIMENSION_KEYS,
    DIMENSIONS_BY_KEY,
    POINTS_PER_DIMENSION,
    TYPE_KEYS,
    TYPES_BY_KEY,
)

Cells = Mapping[str, float]
Points = Mapping[str, Cells]

MINUS = "\u2212"


def whole(value: float) -> int:
    """``value`` rounded to a whole number, halves away from zero (so ±9.5 show as ±10)."""
    return int(math.copysign(math.floor(abs(value) + 0.5), value))


def signed(value: float) -> str:
    """``+12``, ``\u22127`` (a true minus sign) or ``0``: a gap as people read it."""
    n = whole(value)
    if n > 0:
        return f"+{n}"
    if n < 0:
        return f"{MINUS}{-n}"
    return "0"


def dimension_total(cells: Mapping[str, float | None]) -> float:
    return sum(cells.get(t) or 0 for t in TYPE_KEYS)


def filled_dimensions(points: Points) -> list[str]:
    """The dimensions whose four numbers are there and sum to 100, in framework order."""
    return [
        d
        for d in DIMENSION_KEYS
        if d in points
        and all(points[d].get(t) is not None for t in TYPE_KEYS)
        and dimension_total(points[d]) == POINTS_PER_DIMENSION
    ]


def is_complete(points: Points) -> bool:
    """All six dimensions filled in: only then does a profile count for the fit."""
    return len(filled_dimensions(points)) == len(DIMENSION_KEYS)


def type_scores(points: Points) -> dict[str, float]:
    """Each type's mean over the six dimensions (the four scores sum to 100)."""
    if not is_complete(points):
        raise ValueError("a draft profile has no type scores")
    return {t: sum(points[d][t] for d in DIMENSION_KEYS) / len(DIMENSION_KEYS) for t in TYPE_KEYS}


def average(profiles: Sequence[Points]) -> dict[str, dict[str, float]]:
    """The cell-by-cell mean of the complete ``profiles`` (drafts are left out)."""
    complete = [p for p in profiles if is_complete(p)]
    if not complete:
        raise ValueError("no complete profile to average")
    return {
        d: {t: sum(p[d][t] for p in complete) / len(complete) for t in TYPE_KEYS}
        for d in DIMENSION_KEYS
    }


def type_gaps(preferred: Cells, perceived: Cells) -> dict[str, float]:
    return {t: perceived[t] - preferred[t] for t in TYPE_KEYS}


def dimension_gaps(preferred: Points, perceived: Points) -> dict[str, dict[str, float]]:
    return {d: type_gaps(preferred[d], perceived[d]) for d in DIMENSION_KEYS}


def overlap(preferred: Cells, perceived: Cells) -> float:
    """How much of the two type profiles coincide, 0 to 100."""
    return sum(min(preferred[t], perceived[t]) for t in TYPE_KEYS)


@dataclass(frozen=True)
class Gap:
    """One difference: a type overall (``dimension`` is ``None``) or within a dimension."""

    type: str
    gap: float
    dimension: str | None = None

    @property
    def size(self) -> int:
        return abs(whole(self.gap))


@dataclass(frozen=True)
class Fit:
    """Preferred against perceived: scores, gaps, highlights and the fit, 0 to 100."""

    preferred: dict[str, dict[str, float]]
    perceived: dict[str, dict[str, float]]
    preferred_scores: dict[str, float]
    perceived_scores: dict[str, float]
    type_gaps: dict[str, float]
    dimension_gaps: dict[str, dict[str, float]]
    score: float
    threshold: int
    ratings_used: int
    type_highlights: list[Gap] = field(default_factory=list)
    dimension_highlights: list[Gap] = field(default_factory=list)

    def is_highlighted(self, gap: float) -> bool:
        return abs(whole(gap)) >= self.threshold

    @property
    def widest(self) -> Gap:
        """The largest difference within any dimension (the first, on a tie)."""
        cells = [Gap(t, self.dimension_gaps[d][t], d) for d in DIMENSION_KEYS for t in TYPE_KEYS]
        return max(cells, key=lambda g: abs(g.gap))


def compare(preferred: Points, ratings: Sequence[Points], threshold: int) -> Fit | None:
    """The fit of the perceived ``ratings`` (averaged) with ``preferred``.

    ``None`` when the preferred profile is a draft or no rating is complete.
    """
    if not is_complete(preferred) or not any(is_complete(r) for r in ratings):
        return None
    mine = {d: {t: float(preferred[d][t]) for t in TYPE_KEYS} for d in DIMENSION_KEYS}
    theirs = average(ratings)
    mine_scores, their_scores = type_scores(mine), type_scores(theirs)
    by_type = type_gaps(mine_scores, their_scores)
    by_dimension = dimension_gaps(mine, theirs)

    def big(gaps: list[Gap]) -> list[Gap]:
        return sorted((g for g in gaps if g.size >= threshold), key=lambda g: -abs(g.gap))

    return Fit(
        preferred=mine,
        perceived=theirs,
        preferred_scores=mine_scores,
        perceived_scores=their_scores,
        type_gaps=by_type,
        dimension_gaps=by_dimension,
        score=overlap(mine_scores, their_scores),
        threshold=threshold,
        ratings_used=sum(1 for r in ratings if is_complete(r)),
        type_highlights=big([Gap(t, by_type[t]) for t in TYPE_KEYS]),
        dimension_highlights=big(
            [Gap(t, by_dimension[d][t], d) for d in DIMENSION_KEYS for t in TYPE_KEYS]
        ),
    )


def sentence(fit: Fit, name: str) -> str:
    """One plain sentence about the biggest differences between ``name`` and the seeker."""
    if fit.type_highlights:
        parts = [
            f"{'more' if g.gap > 0 else 'less'} {TYPES_BY_KEY[g.type].label.lower()} "
            f"({TYPES_BY_KEY[g.type].gist}, {signed(g.gap)})"
            for g in fit.type_highlights
        ]
        lead = f"{name} has {_and(parts)} than you prefer"
    else:
        lead = (
            f"{name} is close to the culture you prefer overall:"
            f" no type differs by {fit.threshold} points or more"
        )
    widest = fit.widest
    if widest.size < fit.threshold or widest.dimension is None:
        return f"{lead}."
    where = DIMENSIONS_BY_KEY[widest.dimension].label.lower()
    direction = "higher" if widest.gap > 0 else "lower"
    return (
        f"{lead}; the widest gap is in {where}, where {TYPES_BY_KEY[widest.type].label.lower()}"
        f" scores {widest.size} points {direction}."
    )


def _and(parts: list[str]) -> str:
    if len(parts) <= 2:
        return " and ".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


# What the seeker knows, and what to ask ---------------------------------------


@dataclass(frozen=True)
class Knowledge:
    """How much the seeker has on one dimension of an organization."""

    dimension: str
    rated: int
    """Ratings with this dimension's points filled in (drafts included)."""
    evidence: int
    """Ratings with a note of evidence for this dimension."""

    @property
    def summary(self) -> str:
        if not self.rated and not self.evidence:
            return "Nothing noted yet."
        if not self.evidence:
            return "Rated, but no evidence noted."
        notes = f"{self.evidence} note{'s' if self.evidence != 1 else ''} of evidence"
        return notes if self.rated else f"{notes}, not rated yet"


def knowledge(ratings: Sequence[tuple[Points, Mapping[str, str]]]) -> list[Knowledge]:
    """Per dimension, in framework order: how many ``(points, evidence)`` ratings cover it."""
    return [
        Knowledge(
            dimension=d,
            rated=sum(1 for points, _ in ratings if d in filled_dimensions(points)),
            evidence=sum(1 for _, notes in ratings if (notes.get(d) or "").strip()),
        )
        for d in DIMENSION_KEYS
    ]


def least_known(
    ratings: Sequence[tuple[Points, Mapping[str, str]]], limit: int = 3
) -> list[Knowledge]:
    """The ``limit`` dimensions the seeker knows least: fewest notes of evidence, then
    fewest ratings, then framework order."""
    known = knowledge(ratings)
    order = {d: i for i, d in enumerate(DIMENSION_KEYS)}
    return sorted(known, key=lambda k: (k.evidence, k.rated, order[k.dimension]))[:limit]
