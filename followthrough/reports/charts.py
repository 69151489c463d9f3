"""Server-side SVG charts: calm, labelled, readable from a phone to a desktop.

No JavaScript and no chart library. Each chart is one ``<svg width="100%">``
whose text keeps its size at every width: labels and values are placed in
percentages of the width, and the bars are drawn in nested SVGs with a
``viewBox`` stretched to the width (``preserveAspectRatio="none"``), one unit
of height per pixel. So nothing is scaled down to unreadable on a phone, and
the labels sit on their own line above each bar, where they cannot overlap.

Every chart has a ``<title>`` and ``<desc>`` (``role="img"``); the numbers are
also in a table beside it on the page. Bars carry ``data-value`` for tests.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# app.css's palette: the accent, its blues, purples and ambers, and the greys.
COLOURS = {
    "accent": "#2d6a64",
    "blue": "#3f7bd1",
    "purple": "#7b64c8",
    "amber": "#d9a441",
    "green": "#3f9a5a",
    "dark-green": "#1f6b33",
    "grey": "#9aa6ad",
    "track": "#eef1f2",
    "ink": "#1d2327",
    "muted": "#5f6b73",
    "line": "#dde3e6",
}
LIGHT = frozenset({"amber", "grey", "track"})
"""Fills that want dark text on top."""

LABEL_LINE = 20
BAR_HEIGHT = 12
BAR_GAP = 4
STACKED_HEIGHT = 17
ROW_GAP = 14
MIN_VISIBLE = 0.6
"""A bar for a value above zero is never thinner than this (in percent of the width)."""


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar (or one segment of a stacked bar): ``fraction`` of the full width."""

    key: str
    value: float
    fraction: float
    colour: str
    title: str
    text: str = ""  # written inside a stacked segment when it is wide enough


@dataclass(frozen=True, slots=True)
class Row:
    """A label and a value on a line, and below it one or more bars (or one stacked bar)."""

    label: str
    value_text: str
    bars: Sequence[Bar] = field(default_factory=tuple)
    stacked: bool = False


@dataclass(frozen=True, slots=True)
class Panel:
    """One series of the column chart: a value per column."""

    key: str
    label: str
    colour: str
    values: Sequence[int]
    note: str


def _pct(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "%"


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _text(x: str, y: float, text: str, *, anchor: str = "start", size: int = 13,
          colour: str = "ink", weight: int = 400, css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    bold = f' font-weight="{weight}"' if weight != 400 else ""
    return (
        f'<text{cls} x="{x}" y="{_num(y)}" text-anchor="{anchor}" font-size="{size}"'
        f'{bold} fill="{COLOURS[colour]}">{escape(text)}</text>'
    )


def _svg(chart_id: str, title: str, desc: str, height: float, body: list[str],
         css: str) -> SafeString:
    return mark_safe(
        f'<svg class="chart {css}" id="{chart_id}" width="100%" height="{_num(height)}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'xmlns="http://www.w3.org/2000/svg" overflow="visible">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _rect(bar: Bar, x: float, y: float, width: float, height: float) -> str:
    return (
        f'<rect class="bar bar-{escape(bar.key)}" data-value="{_num(bar.value)}" '
        f'x="{_num(x)}" y="{_num(y)}" width="{_num(width)}" height="{_num(height)}" '
        f'fill="{COLOURS[bar.colour]}"><title>{escape(bar.title)}</title></rect>'
    )


def _width(fraction: float, value: float) -> float:
    width = max(0.0, min(1.0, fraction)) * 100
    return max(width, MIN_VISIBLE) if value > 0 else width


def _row(row: Row, y: float) -> tuple[list[str], float]:
    """A row's markup from ``y`` down, and the height it takes."""
    parts = [
        _text("0", y + 14, row.label, css="row-label"),
        _text("100%", y + 14, row.value_text, anchor="end", colour="muted", size=12,
              css="row-value"),
    ]
    lanes = max(len(row.bars), 1)
    height = STACKED_HEIGHT if row.stacked else lanes * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    top = y + LABEL_LINE
    inner = [f'<rect class="track" x="0" y="0" width="100" height="{height}" '
             f'fill="{COLOURS["track"]}"/>']
    above: list[str] = []  # segment labels, drawn over the bars
    left = 0.0
    for lane, bar in enumerate(row.bars):
        width = _width(bar.fraction, bar.value)
        if row.stacked:
            inner.append(_rect(bar, left, 0, width, STACKED_HEIGHT))
            if bar.text and width >= 12:
                above.append(_text(
                    _pct(left + width / 2), top + STACKED_HEIGHT - 4, bar.text, anchor="middle",
                    size=11, weight=600, colour="ink" if bar.colour in LIGHT else "track",
                    css="segment-label",
                ))
            left += width
        else:
            inner.append(_rect(bar, 0, lane * (BAR_HEIGHT + BAR_GAP), width, BAR_HEIGHT))
    parts.append(
        f'<svg x="0" y="{_num(top)}" width="100%" height="{height}" '
        f'viewBox="0 0 100 {height}" preserveAspectRatio="none">{"".join(inner)}</svg>'
    )
    return parts + above, LABEL_LINE + height + ROW_GAP


def rows_chart(chart_id: str, title: str, desc: str, rows: Sequence[Row],
               css: str = "") -> SafeString:
    """Horizontal bars, a row each: label and value on a line, the bar(s) below."""
    body: list[str] = []
    y = 0.0
    for row in rows:
        parts, height = _row(row, y)
        body += parts
        y += height
    return _svg(chart_id, title, desc, max(y - ROW_GAP + 2, 1), body, f"rows-chart {css}")


PANEL_TITLE = 20
PANEL_PAD = 16  # room for the values above the bars
PANEL_PLOT = 56
PANEL_GAP = 14
AXIS = 22
VALUE_LABELS_UP_TO = 16
"""Above this many columns the values are left to the table (they would crowd)."""
MAX_AXIS_LABELS = 6
"""Week labels under the columns at most: they fit side by side at 320 pixels."""


def axis_ticks(count: int, limit: int = MAX_AXIS_LABELS) -> list[int]:
    """Which columns get a label: evenly spread, the first always, at most ``limit``."""
    if count <= 0:
        return []
    step = max(1, math.ceil(count / limit))
    return list(range(0, count, step))


def _panel(panel: Panel, y: float, count: int, peak: int) -> list[str]:
    slot = 100 / count
    parts = [
        f'<rect x="0" y="{_num(y + 4)}" width="11" height="11" rx="2" '
        f'fill="{COLOURS[panel.colour]}"/>',
        _text("17", y + 14, panel.label, weight=600, css="panel-label"),
        _text("100%", y + 14, panel.note, anchor="end", size=12, colour="muted",
              css="panel-note"),
    ]
    top = y + PANEL_TITLE + PANEL_PAD
    bars = []
    for i, value in enumerate(panel.values):
        height = PANEL_PLOT * value / peak if peak else 0
        bar = Bar(panel.key, value, 0, panel.colour, f"{panel.label}: {value}")
        bars.append(_rect(bar, i * 10 + 1.5, PANEL_PLOT - height, 7, height))
        if value and count <= VALUE_LABELS_UP_TO:
            parts.append(_text(_pct((i + 0.5) * slot), top + PANEL_PLOT - height - 4,
                               str(value), anchor="middle", size=11, colour="muted",
                               css="column-value"))
    parts.append(
        f'<svg x="0" y="{_num(top)}" width="100%" height="{PANEL_PLOT}" '
        f'viewBox="0 0 {count * 10} {PANEL_PLOT}" preserveAspectRatio="none">'
        f'{"".join(bars)}</svg>'
        f'<line x1="0" x2="100%" y1="{_num(top + PANEL_PLOT + 0.5)}" '
        f'y2="{_num(top + PANEL_PLOT + 0.5)}" stroke="{COLOURS["line"]}"/>'
    )
    return parts


def columns_chart(chart_id: str, title: str, desc: str, panels: Sequence[Panel],
                  labels: Sequence[str], axis_title: str, css: str = "") -> SafeString:
    """Small multiples: a column per period for each series, each on its own scale.

    Each series gets its own panel (outreach would dwarf interviews on a shared
    scale); the columns line up across panels, labelled once at the bottom.
    """
    count = max(len(labels), 1)
    body: list[str] = []
    y = 0.0
    for panel in panels:
        body += _panel(panel, y, count, max(panel.values, default=0))
        y += PANEL_TITLE + PANEL_PAD + PANEL_PLOT + PANEL_GAP
    y -= PANEL_GAP - 4
    slot = 100 / count
    for i in axis_ticks(len(labels)):
        anchor, x = "middle", (i + 0.5) * slot
        if i == 0:
            anchor, x = "start", i * slot + slot * 0.15
        elif i == len(labels) - 1:
            anchor, x = "end", (i + 1) * slot - slot * 0.15
        body.append(_text(_pct(x), y + 12, labels[i], anchor=anchor, size=11,
                          colour="muted", css="axis-label"))
    body.append(_text("0", y + AXIS + 8, axis_title, size=11, colour="muted", css="axis-title"))
    return _svg(chart_id, title, desc, y + AXIS + 12, body, f"columns-chart {css}")
