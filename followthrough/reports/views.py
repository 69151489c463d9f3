"""The Reports page: the pictures of a search over a period (``?since=&until=``)."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render
from django.urls import reverse

from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import today_for

from . import pictures
from .charts import COLOURS
from .data import ALL, QUICK_DAYS, Period, period_for
from .figures import NETWORK_GROUPS, report_for

#: The period fields' labels on the page, for its error messages.
PAGE_NAMES = ("From", "To")


def reports(request):
    """Every report for the chosen period; a bad date is a 400 with the sentence to fix it."""
    owner = request.user
    today = today_for(owner)
    error = error_field = ""
    try:
        # The error names the fields as the page labels them, not by their parameters.
        period = period_for(
            owner, today, request.GET.get("since"), request.GET.get("until"), names=PAGE_NAMES
        )
    except InputError as bad:
        error, error_field, period = str(bad), bad.field or "", period_for(owner, today)
    report = report_for(owner, period)
    long_period = period.days > 366
    context = {
        "report": report,
        "period": period,
        "error": error,
        "error_field": error_field,
        "quick_links": quick_links(period, today),
        "funnel_chart": pictures.funnel_chart(report.funnel),
        "response_chart": pictures.response_chart(report.responses),
        "activity_chart": pictures.activity_chart(report.activity, long_period),
        "network_chart": pictures.network_chart(report.network),
        "reciprocity_chart": pictures.reciprocity_chart(report.reciprocity),
        "network_legend": [
            (label, COLOURS[pictures.GROUP_COLOURS[group]]) for group, label, _ in NETWORK_GROUPS
        ],
        "colours": COLOURS,
        "has_data": has_data(report),
    }
    return render(request, "reports/reports.html", context, status=400 if error else 200)


def quick_links(period: Period, today: dt.date) -> list[tuple[str, str, bool]]:
    """(label, url, current) for the last 30 days, the last 90 days, and all."""
    url = reverse("reports")
    links = []
    for days in QUICK_DAYS:
        since = today - dt.timedelta(days=days - 1)
        current = not period.everything and (period.since, period.until) == (since, today)
        links.append((f"{days} days", f"{url}?since={since.isoformat()}", current))
    links.append(("All", f"{url}?since={ALL}", period.everything and period.until == today))
    return links


def has_data(report) -> bool:
    return bool(
        report.funnel.entered
        or report.funnel.not_applied
        or not report.activity.empty
        or report.network.overall.total
        or report.reciprocity.asks
        or report.reciprocity.gives
    )
