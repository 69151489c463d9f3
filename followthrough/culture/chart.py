"""The four-quadrant (kite) chart's geometry, drawn as inline SVG by ``_chart.html``.

As in the Competing Values Framework, each type has a corner: clan top-left,
adhocracy top-right, market bottom-right, hierarchy bottom-left. A type's score
is a point on the diagonal towards its corner, further out for a higher score;
joining the four points draws a kite. A ring of equal scores is then an upright
square, so the rings are squares. Coordinates are in a 400 by 400 view box.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .framework import TYPES
from .scoring import whole

SIZE = 400
CENTER = 200
HALF = 140
"""Half the side of the outermost ring, in view-box units."""

DIRECTIONS = {"clan": (-1, -1), "adhocracy": (1, -1), "market": (1, 1), "hierarchy": (-1, 1)}


@dataclass(frozen=True)
class Vertex:
    type: str
    label: str
    value: int
    x: float
    y: float


@dataclass(frozen=True)
class Polygon:
    key: str
    label: str
    vertices: tuple[Vertex, ...]

    @property
    def points(self) -> str:
        return " ".join(f"{v.x:.1f},{v.y:.1f}" for v in self.vertices)

    @property
    def description(self) -> str:
        return ", ".join(f"{v.label} {v.value}" for v in self.vertices)


@dataclass(frozen=True)
class Ring:
    value: int
    start: float
    side: float
    label_y: float


@dataclass(frozen=True)
class Corner:
    label: str
    gist: str
    x: float
    anchor: str
    label_y: float
    gist_y: float


@dataclass(frozen=True)
class Chart:
    scale: int
    rings: tuple[Ring, ...]
    polygons: tuple[Polygon, ...]
    corners: tuple[Corner, ...]
    size: int = SIZE
    center: int = CENTER
    half: int = HALF

    @property
    def outer(self) -> tuple[int, int]:
        """The outermost ring's start and side (it is also the plot's frame)."""
        return CENTER - HALF, 2 * HALF

    @property
    def diagonal_ends(self) -> tuple[int, int]:
        return CENTER - HALF, CENTER + HALF


def scale_for(values: list[float]) -> int:
    """The outer ring's score: 50, or the next multiple of 10 above the highest score."""
    top = max(values, default=0)
    return min(100, max(50, math.ceil(top / 10.0) * 10))


def polygon(key: str, label: str, scores: Mapping[str, float], scale: int) -> Polygon:
    vertices = []
    for culture_type in TYPES:
        value = scores[culture_type.key]
        reach = HALF * min(value, scale) / scale
        dx, dy = DIRECTIONS[culture_type.key]
        vertices.append(
            Vertex(
                culture_type.key,
                culture_type.label,
                whole(value),
                CENTER + dx * reach,
                CENTER + dy * reach,
            )
        )
    return Polygon(key, label, tuple(vertices))


def kite(preferred: Mapping[str, float] | None, perceived: Mapping[str, float] | None) -> Chart:
    """The chart of the preferred and perceived type scores (either may be missing)."""
    shown = [p for p in (preferred, perceived) if p]
    scale = scale_for([v for scores in shown for v in scores.values()])
    polygons = []
    if preferred:
        polygons.append(polygon("preferred", "You prefer", preferred, scale))
    if perceived:
        polygons.append(polygon("perceived", "As you saw it", perceived, scale))
    rings = tuple(
        Ring(
            value=v,
            start=CENTER - HALF * v / scale,
            side=2 * HALF * v / scale,
            label_y=CENTER - HALF * v / scale + 11,
        )
        for v in range(10, scale + 1, 10)
    )
    return Chart(scale=scale, rings=rings, polygons=tuple(polygons), corners=_corners())


def _corners() -> tuple[Corner, ...]:
    corners = []
    for culture_type in TYPES:
        dx, dy = DIRECTIONS[culture_type.key]
        x, anchor = (10, "start") if dx < 0 else (SIZE - 10, "end")
        label_y, gist_y = (26, 44) if dy < 0 else (SIZE - 26, SIZE - 9)
        corners.append(Corner(culture_type.label, culture_type.gist, x, anchor, label_y, gist_y))
    return tuple(corners)
