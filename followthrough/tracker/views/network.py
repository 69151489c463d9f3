"""The network mix (rule 8) and the weekly summary for the search buddy (rule 12)."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render
from django.urls import reverse

from followthrough.engine import network_for

from ..services import etiquette
from ..services.days import check_day
from ..services.errors import InputError
from ..services.owners import today_for
from ..services.parsing import parse_date

RECENT_LIMIT = 15


def network(request):
    """How the network splits by situation, and whom the seeker talked with lately."""
    owner = request.user
    on = today_for(owner)
    mix = network_for(owner, on)
    return render(
        request,
        "tracker/network.html",
        {
            "on": on,
            "mix": mix,
            "recent_people": etiquette.recent_contacts(owner, on, RECENT_LIMIT),
            "since": on - dt.timedelta(days=etiquette.RECENT_CONTACT_DAYS),
        },
    )


def summary(request):
    """The week's progress (``?on=YYYY-MM-DD`` picks the week), with a text to share."""
    owner = request.user
    today = today_for(owner)
    error = ""
    try:
        on = check_day(parse_date(request.GET.get("on"), "on"), "on") or today
    except InputError as bad:
        error, on = str(bad), today
    start = etiquette.week_start(on)
    result = etiquette.week_summary(owner, start, today)
    previous = start - dt.timedelta(days=7)
    following = start + dt.timedelta(days=7)
    url = reverse("summary")
    return render(
        request,
        "tracker/summary.html",
        {
            "summary": result,
            "week": etiquette.week_text(result),
            "lines": etiquette.summary_lines(result),
            "text": etiquette.summary_text(result),
            "error": error,
            "this_week": start == etiquette.week_start(today),
            "previous_url": f"{url}?on={previous.isoformat()}",
            "next_url": f"{url}?on={following.isoformat()}" if following <= today else "",
            "current_url": url,
        },
        status=400 if error else 200,
    )
