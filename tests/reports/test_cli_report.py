"""`followthrough report`: the same figures as the page, as tables and as JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from typer.testing import CliRunner

from followthrough.cli.app import app
from followthrough.tracker.services.owners import local_owner

from . import conftest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def seeker(small_ids):
    """The hand-made week, logged by the local owner (the one the command works for)."""
    return conftest.make_week(local_owner())


def plain(text: str) -> str:
    """The output without the spaces Rich pads table cells with at the ends of lines."""
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def run(*args: str):
    return CliRunner().invoke(app, ["report", *args])


def test_it_prints_every_figure_as_a_table(seeker):
    result = run("--since", "2026-02-01")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert plain(result.stdout) == EXPECTED.format(ben=seeker["ben"].pk)


def test_json_has_the_same_figures_as_the_page(seeker):
    result = run("--since", "2026-02-01", "--until", "2026-03-02", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["period"] == {"since": "2026-02-01", "until": "2026-03-02", "days": 30,
                              "all": False}
    assert data["funnel"]["entered"] == 1
    assert [s["count"] for s in data["funnel"]["steps"]] == [1, 1, 1, 0, 0]
    assert data["response_by_source"] == [
        {"source": "posting", "label": "Job posting", "opportunities": 1, "responded": 1,
         "rate": 100, "median_days": 21.0},
    ]
    assert data["activity"]["weeks"][-1] == {
        "week": "2026-03-02", "outreach": 1, "interviews": 0, "informational_interviews": 0,
        "thank_yous": 0, "follow_ups": 1,
    }
    assert (data["activity"]["streak"], data["activity"]["longest_streak"]) == (6, 6)
    assert data["network_mix"]["overall"]["total"] == 3
    assert data["reciprocity"]["only_asked"] == [
        {"person_id": data["reciprocity"]["only_asked"][0]["person_id"], "name": "Ben Stone",
         "asks": 2, "last_ask": "2026-03-02"},
    ]


def test_all_covers_everything(seeker):
    data = json.loads(run("--since", "all", "--json").stdout)
    assert data["period"] == {"since": "2026-01-10", "until": "2026-03-02", "days": 52,
                              "all": True}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "soon"],
         "error: --since: 'soon' is not a date; "
         "write it as YYYY-MM-DD (e.g. 2026-03-12) or all.\n"),
        (["--since", "2026-03-02", "--until", "2026-03-01"],
         "error: --since: 2026-03-02 is after --until (2026-03-01); "
         "pick a start on or before the end.\n"),
        (["--until", "tomorrow"],
         "error: --until: 'tomorrow' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-12.\n"),
    ],
)
def test_a_bad_date_is_one_error_line(seeker, args, message):
    result = run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)


def test_an_empty_workspace_says_so_plainly(db):
    local_owner()
    result = run()
    assert result.exit_code == 0
    assert plain(result.stdout) == EMPTY


EMPTY = """\
Reports, Wed 3 Dec 2025 to Mon 2 Mar 2026: 90 days.

Funnel: No opportunity reached applied in this period.

Who answers, by source: No opportunity reached applied in this period.

Activity per week: 0 outreach over 14 weeks; no streak now, longest 0 days.
Outreach streak: 0 days now, longest 0; outreach on 0 days of the period.

Network mix: Nobody talked with in this period.

Asks and gives: No asks or gives logged in this period.
"""

EXPECTED = """\
Reports, Sun 1 Feb 2026 to Mon 2 Mar 2026: 30 days.

Funnel: Of 1 opportunity that reached applied, 1 reached interviews and 0 an offer.
Stage        ┃ Reached ┃ Of all ┃ Of the step before
━━━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━━━━━━━━
Applied      │ 1       │ 100%   │ 100%
Screening    │ 1       │ 100%   │ 100%
Interviewing │ 1       │ 100%   │ 100%
Offer        │ 0       │ 0%     │ 0%
Accepted     │ 0       │ 0%     │ 0%

Who answers, by source: Heard back: job posting 100%.
Source      ┃ Opportunities ┃ Heard back ┃ Rate ┃ Median days
━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━╇━━━━━━━━━━━━
Job posting │ 1             │ 1          │ 100% │ 21

Activity per week: 6 outreach over 6 weeks; 6-day streak now, longest 6 days.
Week of         ┃ Outreach ┃ Interviews ┃ Informational ┃ Thank-yous ┃ Follow-ups
━━━━━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━
Mon 26 Jan 2026 │ 0        │ 0          │ 0             │ 0          │ 0
Mon 2 Feb 2026  │ 0        │ 0          │ 0             │ 0          │ 0
Mon 9 Feb 2026  │ 0        │ 0          │ 0             │ 0          │ 0
Mon 16 Feb 2026 │ 0        │ 0          │ 0             │ 0          │ 0
Mon 23 Feb 2026 │ 5        │ 1          │ 0             │ 1          │ 0
Mon 2 Mar 2026  │ 1        │ 0          │ 0             │ 0          │ 1
Outreach streak: 6 days now, longest 6; outreach on 6 days of the period.

Network mix: Of 3 people you talked with, 33% are fellow seekers and 67% employed or hiring.
Month        ┃ People ┃ Fellow seekers ┃ Employed ┃ Hiring side ┃ Others
━━━━━━━━━━━━━╇━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━╇━━━━━━━━━━━━━╇━━━━━━━
Feb 2026     │ 3      │ 1 (33%)        │ 1 (33%)  │ 1 (33%)     │ 0 (0%)
Mar 2026     │ 1      │ 1 (100%)       │ 0 (0%)   │ 0 (0%)      │ 0 (0%)
Whole period │ 3      │ 1 (33%)        │ 1 (33%)  │ 1 (33%)     │ 0 (0%)

Asks and gives: 4 asks and 1 give; 1 person you only ask.
Month    ┃ Asks ┃ Gives
━━━━━━━━━╇━━━━━━╇━━━━━━
Feb 2026 │ 3    │ 1
Mar 2026 │ 1    │ 0
People you only ask
ID ┃ Name      ┃ Asks ┃ Last ask
━━━╇━━━━━━━━━━━╇━━━━━━╇━━━━━━━━━━━━━━━
{ben:<2} │ Ben Stone │ 2    │ Mon 2 Mar 2026
"""
