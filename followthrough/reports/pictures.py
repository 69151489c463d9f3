"""Each figure as its chart: the choices of colour, label and scale for the Reports page."""

from __future__ import annotations

import datetime as dt

from django.utils.safestring import SafeString

from followthrough.tracker.services.etiquette import day_text

from .charts import Bar, Panel, Row, columns_chart, rows_chart
from .figures import SERIES, Activity, Funnel, NetworkMix, Reciprocity, Responses

STAGE_COLOURS = {
    "applied": "blue",
    "screening": "purple",
    "interviewing": "amber",
    "offer": "green",
    "accepted": "dark-green",
}
GROUP_COLOURS = {"seeking": "amber", "employed": "accent", "hiring": "blue", "other": "grey"}
SERIES_COLOURS = {
    "outreach": "accent",
    "all_interviews": "amber",
    "thank_yous": "green",
    "follow_ups": "blue",
}


def _plural(n: int | float, one: str, many: str | None = None) -> str:
    return f"{n:g} {one if n == 1 else (many or one + 's')}"


def month_text(month: dt.date) -> str:
    return f"{month:%b %Y}"


def week_label(monday: dt.date, long_period: bool) -> str:
    """ "2 Mar", or "Mar '25" when the period is longer than a year."""
    return f"{monday:%b} \N{RIGHT SINGLE QUOTATION MARK}{monday:%y}" if long_period else (
        day_text(monday)
    )


def funnel_chart(funnel: Funnel) -> SafeString:
    rows = []
    for step in funnel.steps:
        rows.append(Row(
            step.label,
            f"{step.count} \N{MIDDLE DOT} {step.percent}%",
            [Bar(step.stage, step.count, step.count / funnel.entered if funnel.entered else 0,
                 STAGE_COLOURS[step.stage],
                 f"{step.label}: {step.count} of {funnel.entered} ({step.percent}%)")],
        ))
    return rows_chart(
        "funnel-chart", "Funnel: opportunities by the furthest stage reached",
        funnel.headline, rows, "funnel",
    )


def response_chart(responses: Responses) -> SafeString:
    longest = max((s.median_days or 0 for s in responses.sources), default=0)
    rows = []
    for s in responses.sources:
        days = "no answer yet" if s.median_days is None else (
            f"median {_plural(s.median_days, 'day')}"
        )
        rows.append(Row(
            s.label,
            f"{s.responded} of {s.opportunities} \N{MIDDLE DOT} {s.rate}% \N{MIDDLE DOT} {days}",
            [
                Bar("rate", s.rate, s.rate / 100, "accent",
                    f"{s.label}: heard back from {s.responded} of {s.opportunities}"),
                Bar("days", s.median_days or 0,
                    (s.median_days or 0) / longest if longest else 0, "blue",
                    f"{s.label}: {days} to the first answer"),
            ],
        ))
    return rows_chart(
        "response-chart", "Response rate and time to first answer by source",
        responses.headline, rows, "responses",
    )


def activity_chart(activity: Activity, long_period: bool) -> SafeString:
    count = len(activity.weeks)
    panels = []
    for series, label in SERIES:
        values = [getattr(week, series) for week in activity.weeks]
        peak = max(values, default=0)
        note = f"{sum(values)} in total"
        if count > 16 and peak:
            note += f" \N{MIDDLE DOT} up to {peak} a week"
        panels.append(Panel(series, label, SERIES_COLOURS[series], values, note))
    labels = [week_label(week.start, long_period) for week in activity.weeks]
    return columns_chart(
        "activity-chart", "Activity per week", activity.headline, panels, labels,
        "Weeks, Monday to Sunday", "activity",
    )


def network_chart(network: NetworkMix) -> SafeString:
    rows = []
    for month in network.months:
        bars = [
            Bar(s.group, s.count, s.count / month.total if month.total else 0,
                GROUP_COLOURS[s.group], f"{month_text(month.month)}, {s.label}: {s.count}",
                f"{s.percent}%")
            for s in month.shares
            if s.count
        ]
        rows.append(Row(month_text(month.month), _plural(month.total, "person", "people"),
                        bars, stacked=True))
    return rows_chart(
        "network-chart", "Network mix per month: whom you talked with", network.headline,
        rows, "network",
    )


def reciprocity_chart(reciprocity: Reciprocity) -> SafeString:
    peak = max([m.asks for m in reciprocity.months] + [m.gives for m in reciprocity.months]
               + [1])
    rows = [
        Row(
            month_text(m.month),
            f"{_plural(m.asks, 'ask')} \N{MIDDLE DOT} {_plural(m.gives, 'give')}",
            [
                Bar("asks", m.asks, m.asks / peak, "amber",
                    f"{month_text(m.month)}: {_plural(m.asks, 'ask')}"),
                Bar("gives", m.gives, m.gives / peak, "accent",
                    f"{month_text(m.month)}: {_plural(m.gives, 'give')}"),
            ],
        )
        for m in reciprocity.months
    ]
    return rows_chart(
        "reciprocity-chart", "Asks and gives per month", reciprocity.headline, rows,
        "reciprocity",
    )
