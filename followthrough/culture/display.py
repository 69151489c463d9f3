"""Rows for the culture templates: numbers rounded, gaps signed, highlights marked.

Templates cannot index dictionaries by variable keys, so the views hand them
these ready-made rows instead of the raw ``scoring.Fit``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import chart, scoring
from .framework import DIMENSIONS, TYPES, CultureType, Dimension


@dataclass(frozen=True)
class Cell:
    type: CultureType
    preferred: int | None
    perceived: int | None
    gap: str
    highlighted: bool
    direction: str
    """``more``, ``less`` or ``same``: for the cell's colour."""


@dataclass(frozen=True)
class DimensionRow:
    dimension: Dimension
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class FitView:
    fit: scoring.Fit
    score: int
    sentence: str
    chart: chart.Chart
    types: tuple[Cell, ...]
    dimensions: tuple[DimensionRow, ...]


def _cell(culture_type: CultureType, mine: float, theirs: float, fit: scoring.Fit) -> Cell:
    gap = theirs - mine
    n = scoring.whole(gap)
    return Cell(
        type=culture_type,
        preferred=scoring.whole(mine),
        perceived=scoring.whole(theirs),
        gap=scoring.signed(gap),
        highlighted=fit.is_highlighted(gap),
        direction="more" if n > 0 else "less" if n < 0 else "same",
    )


def fit_view(fit: scoring.Fit, sentence: str) -> FitView:
    return FitView(
        fit=fit,
        score=scoring.whole(fit.score),
        sentence=sentence,
        chart=chart.kite(fit.preferred_scores, fit.perceived_scores),
        types=tuple(
            _cell(t, fit.preferred_scores[t.key], fit.perceived_scores[t.key], fit) for t in TYPES
        ),
        dimensions=tuple(
            DimensionRow(
                d,
                tuple(
                    _cell(t, fit.preferred[d.key][t.key], fit.perceived[d.key][t.key], fit)
                    for t in TYPES
                ),
            )
            for d in DIMENSIONS
        ),
    )


@dataclass(frozen=True)
class ProfileView:
    """One profile on its own: its type scores (when complete) and its cells."""

    complete: bool
    filled: int
    scores: tuple[tuple[CultureType, int], ...]
    rows: tuple[tuple[Dimension, tuple[int | None, ...]], ...]
    chart: chart.Chart | None


def profile_view(points: Mapping, label: str = "preferred") -> ProfileView:
    complete = scoring.is_complete(points)
    scores = scoring.type_scores(points) if complete else None
    return ProfileView(
        complete=complete,
        filled=len(scoring.filled_dimensions(points)),
        scores=tuple((t, scoring.whole(scores[t.key])) for t in TYPES) if scores else (),
        rows=tuple(
            (d, tuple((points.get(d.key) or {}).get(t.key) for t in TYPES)) for d in DIMENSIONS
        ),
        chart=(
            chart.kite(scores, None)
            if scores and label == "preferred"
            else chart.kite(None, scores)
            if scores
            else None
        ),
    )
