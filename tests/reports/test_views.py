"""The Reports page: every chart and its table, the period, errors, scope and query count."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import log, opportunity, person

pytestmark = pytest.mark.django_db
URL = reverse("reports")
DASH = "\N{EN DASH}"
CHARTS = ["funnel-chart", "response-chart", "activity-chart", "network-chart",
          "reciprocity-chart"]


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


def bars(html: str, chart_id: str, key: str) -> list[str]:
    """The ``data-value`` of the bars of ``key`` in the chart ``chart_id``."""
    svg = re.search(rf'<svg class="chart[^"]*" id="{chart_id}".*?</svg>(?=\s*</div>)', html, re.S)
    assert svg, f"no chart {chart_id}"
    return re.findall(rf'class="bar bar-{key}" data-value="([\d.]+)"', svg.group(0))


def test_the_page_draws_every_chart_with_its_table(owner_client, week, pipeline):
    response = owner_client.get(URL, {"since": "2026-01-01"})
    assert response.status_code == 200
    html = response.content.decode()
    for chart in CHARTS:
        assert f'id="{chart}"' in html
    assert html.count("<details class=\"numbers\">") == 5
    assert bars(html, "funnel-chart", "applied") == ["5"]  # Gamma applied in February too
    assert bars(html, "funnel-chart", "offer") == ["1"]
    assert bars(html, "response-chart", "rate") == ["100", "67", "100"]  # Gamma: interviewed
    assert bars(html, "activity-chart", "outreach")[-2:] == ["5", "1"]
    assert bars(html, "network-chart", "seeking") == ["1", "1"]  # February, March
    assert bars(html, "reciprocity-chart", "asks") == ["0", "3", "1"]  # Jan, Feb, Mar
    assert "<td>Job posting</td>" in html
    assert "Ben Stone</a>" in html  # asked twice, never given anything
    assert f"Thu 1 Jan 2026 {DASH} Mon 2 Mar 2026 · 61 days" in html


def test_the_default_period_is_the_last_90_days_with_quick_links(owner_client, week):
    html = owner_client.get(URL).content.decode()
    assert f"Wed 3 Dec 2025 {DASH} Mon 2 Mar 2026 · 90 days" in html
    assert f'href="{URL}?since=2026-02-01">30 days</a>' in html
    assert f'href="{URL}?since=2025-12-03" aria-current="page">90 days</a>' in html
    assert f'href="{URL}?since=all">All</a>' in html


def test_the_period_filters_every_figure(owner_client, week, pipeline):
    html = owner_client.get(URL, {"since": "2026-03-01", "until": "2026-03-02"}).content.decode()
    assert f"Sun 1 Mar 2026 {DASH} Mon 2 Mar 2026 · 2 days" in html
    assert bars(html, "network-chart", "seeking") == ["1"]
    assert bars(html, "reciprocity-chart", "asks") == ["1"]
    assert "No opportunity reached applied in this period." in html
    assert 'id="funnel-chart"' not in html


def test_all_marks_its_quick_link(owner_client, pipeline):
    html = owner_client.get(URL, {"since": "all"}).content.decode()
    assert f"Sat 1 Nov 2025 {DASH} Mon 2 Mar 2026 · 122 days (all of it)" in html
    assert 'aria-current="page">All</a>' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "yesterday"},
         "From: &#x27;yesterday&#x27; is not a date; "
         "write it as YYYY-MM-DD (e.g. 2026-03-12) or all."),
        ({"since": "2026-03-02", "until": "2026-02-01"},
         "From: 2026-03-02 is after To (2026-02-01); pick a start on or before the end."),
        ({"until": "2026-13-01"},
         "To: &#x27;2026-13-01&#x27; is not a date; write it as YYYY-MM-DD, e.g. 2026-03-12."),
    ],
)
def test_a_bad_period_is_a_400_with_one_sentence(owner_client, week, params, message):
    response = owner_client.get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<div class="form-errors" role="alert" id="period-error"><p>{message} ' in html
    # the default period, still shown
    assert f"Wed 3 Dec 2025 {DASH} Mon 2 Mar 2026 · 90 days" in html


def test_a_bad_end_marks_the_to_field_not_the_from_field(owner_client, week):
    html = owner_client.get(URL, {"until": "2026-13-01"}).content.decode()

    assert 'name="until" type="date" value="2026-03-02" aria-invalid="true"' in html
    assert 'name="since" type="date" value="2025-12-03">' in html


def test_an_empty_workspace_gets_a_calm_empty_state(owner_client):
    html = owner_client.get(URL).content.decode()
    assert "Nothing to picture yet" in html
    assert "<svg" not in html


def test_each_chart_has_its_own_empty_state(owner_client, owner):
    ada = person(owner, "Ada Hart", "hiring_manager")
    log(owner, "note", ada, "2026-02-20")
    opportunity(owner, "PM", "Acme", "posting", "2026-02-01")  # a lead, never applied
    html = owner_client.get(URL).content.decode()
    assert "No opportunity reached applied in this period. 1 lead added" in html
    assert "No outreach, interviews, thank-you notes or follow-ups in this period." in html
    assert "Nobody talked with in this period." in html
    assert "No asks or gives logged in this period." in html


def test_an_outsider_sees_none_of_the_owners_data(outsider_client, week, pipeline):
    html = outsider_client.get(URL, {"since": "all"}).content.decode()
    assert "Nothing to picture yet" in html
    assert "Ben Stone" not in html and "Acme" not in html


def test_the_main_nav_marks_reports(owner_client, week):
    html = owner_client.get(URL).content.decode()
    assert f'<a href="{URL}" aria-current="page">Reports</a>' in html


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"since": "all"}).status_code == 200
    return len(queries)


def test_the_page_query_count_does_not_grow_with_the_data(owner_client, owner, week, pipeline):
    small = _queries(owner_client)
    for n in range(20):
        p = person(owner, f"Extra {n}", ["employed", "seeking", "recruiter"][n % 3])
        opp = opportunity(owner, f"Role {n}", f"Extra org {n}", "network", "2025-12-20",
                          [("screening", "2026-01-05")], stage="applied")
        log(owner, "interview", p, "2026-01-07", opportunity=opp)
        log(owner, "email", p, "2026-01-08", asked=True, gave=n % 2 == 0)
        log(owner, "email", p, "2026-02-08", direction="in", opportunity=opp)
    assert _queries(owner_client) == small
