"""Each report's numbers, at frozen dates, from hand-made data (see conftest.py)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followthrough.engine import summary_for
from followthrough.reports.data import Period, period_for
from followthrough.reports.figures import longest_streak, report_for
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.etiquette import streak_on

from .conftest import TODAY, day, log, opportunity, person

pytestmark = pytest.mark.django_db

JAN_TO_MAR = Period(day("2026-01-01"), TODAY)
FEB_TO_MAR = Period(day("2026-02-01"), TODAY)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


# The period ----------------------------------------------------------------------


def test_the_period_is_the_last_90_days_by_default(owner):
    period = period_for(owner, TODAY)
    assert (period.since, period.until, period.days) == (day("2025-12-03"), TODAY, 90)


def test_the_period_can_end_on_another_day(owner):
    period = period_for(owner, TODAY, "2026-01-01", "2026-01-31")
    assert (period.since, period.until, period.days) == (day("2026-01-01"), day("2026-01-31"), 31)
    assert period_for(owner, TODAY, None, "2026-01-31").since == day("2025-11-03")


def test_all_starts_at_the_first_interaction_or_stage_change(owner, pipeline):
    period = period_for(owner, TODAY, "all")
    assert (period.since, period.until, period.everything) == (day("2025-11-01"), TODAY, True)


def test_all_of_an_empty_workspace_is_today(owner):
    assert period_for(owner, TODAY, "ALL") == Period(TODAY, TODAY, everything=True)


def test_a_bad_since_is_one_sentence_naming_the_field(owner):
    with pytest.raises(InputError) as bad:
        period_for(owner, TODAY, "last week")
    assert str(bad.value) == (
        "since: 'last week' is not a date; write it as YYYY-MM-DD (e.g. 2026-03-12) or all."
    )
    assert bad.value.field == "since"


def test_a_start_after_the_end_is_refused(owner):
    with pytest.raises(InputError) as bad:
        period_for(owner, TODAY, "2026-03-10", "2026-03-01", names=("--since", "--until"))
    assert str(bad.value) == (
        "--since: 2026-03-10 is after --until (2026-03-01); pick a start on or before the end."
    )


def test_a_bad_until_names_until(owner):
    with pytest.raises(InputError, match=r"^until: '2026-02-30' is not a date"):
        period_for(owner, TODAY, None, "2026-02-30")


# Funnel --------------------------------------------------------------------------


def test_the_funnel_counts_each_opportunity_in_every_stage_up_to_its_furthest(owner, pipeline):
    funnel = report_for(owner, JAN_TO_MAR).funnel
    assert funnel.entered == 4  # Acme, Beta, Cedar, Fox; Delta applied before the period
    assert [(s.stage, s.count, s.percent, s.step_percent) for s in funnel.steps] == [
        ("applied", 4, 100, 100),
        ("screening", 2, 50, 50),  # Acme, and Cedar that skipped applied
        ("interviewing", 1, 25, 50),
        ("offer", 1, 25, 100),
        ("accepted", 0, 0, 0),  # Fox's acceptance comes after the period
    ]
    assert funnel.not_applied == 1  # Echo
    assert funnel.headline == (
        "Of 4 opportunities that reached applied, 1 reached interviews and 1 an offer."
    )


def test_the_funnel_follows_the_period(owner, pipeline):
    funnel = report_for(owner, Period(day("2026-01-01"), day("2026-01-31"))).funnel
    assert [s.count for s in funnel.steps] == [3, 2, 1, 0, 0]  # Acme's offer is in February
    later = report_for(owner, Period(day("2026-02-01"), TODAY)).funnel
    assert (later.entered, later.not_applied) == (1, 1)  # Fox; Echo


def test_the_funnel_is_empty_without_applications(owner):
    funnel = report_for(owner, JAN_TO_MAR).funnel
    assert funnel.entered == 0
    assert [s.count for s in funnel.steps] == [0, 0, 0, 0, 0]
    assert funnel.headline == "No opportunity reached applied in this period."


# Response by source --------------------------------------------------------------


def test_response_rate_and_median_days_by_source(owner, pipeline):
    responses = report_for(owner, JAN_TO_MAR).responses
    assert [s.as_json() for s in responses.sources] == [
        {"source": "referral", "label": "Referral", "opportunities": 1, "responded": 1,
         "rate": 100, "median_days": 3.0},
        {"source": "posting", "label": "Job posting", "opportunities": 2, "responded": 1,
         "rate": 50, "median_days": 15.0},
        {"source": "recruiter", "label": "Recruiter", "opportunities": 1, "responded": 1,
         "rate": 100, "median_days": 0.0},
    ]
    assert responses.headline == "Heard back: referral 100%, job posting 50%, recruiter 100%."


def test_the_median_is_the_middle_of_the_waits(owner):
    for n, wait in enumerate([2, 4, 9]):
        opportunity(owner, f"Role {n}", f"Org {n}", "referral", "2026-02-02",
                    [("screening", (day("2026-02-02") + dt.timedelta(days=wait)).isoformat())],
                    stage="applied")
    opportunity(owner, "Silent", "Quiet", "referral", "2026-02-02", stage="applied")
    [referral] = report_for(owner, FEB_TO_MAR).responses.sources
    assert (referral.opportunities, referral.responded, referral.rate) == (4, 3, 75)
    assert referral.median_days == 4.0


def test_an_answer_after_the_period_does_not_count(owner, pipeline):
    sources = report_for(owner, Period(day("2026-01-01"), day("2026-01-20"))).responses.sources
    posting = next(s for s in sources if s.source == "posting")
    assert (posting.opportunities, posting.responded) == (1, 0)  # Beta's no came Jan 25
    assert posting.median_days is None


# Activity ------------------------------------------------------------------------


def test_activity_per_week_counts_as_the_weekly_summary_does(owner, week):
    activity = report_for(owner, FEB_TO_MAR).activity
    assert [w.start for w in activity.weeks] == [
        day("2026-01-26"), day("2026-02-02"), day("2026-02-09"), day("2026-02-16"),
        day("2026-02-23"), day("2026-03-02"),
    ]
    busy, monday = activity.weeks[-2:]
    assert busy.as_json() == {
        "week": "2026-02-23", "outreach": 5, "interviews": 1, "informational_interviews": 0,
        "thank_yous": 1, "follow_ups": 0,
    }
    assert monday.as_json() == {
        "week": "2026-03-02", "outreach": 1, "interviews": 0, "informational_interviews": 0,
        "thank_yous": 0, "follow_ups": 1,  # the second message to Ben is a nudge
    }
    for w in (busy, monday):
        summary = summary_for(owner, w.start)
        assert (w.outreach, w.interviews, w.thank_yous, w.follow_ups) == (
            summary.outreach, summary.interviews, summary.thank_yous, summary.follow_ups
        )
    assert [w.outreach for w in activity.weeks[:4]] == [0, 0, 0, 0]


def test_the_streak_is_todays_streak_and_the_longest_in_the_period(owner, week):
    activity = report_for(owner, FEB_TO_MAR).activity
    # Mon Feb 23 to Fri Feb 27, the weekend rests, Mon Mar 2: six days.
    assert activity.streak.days == 6 == streak_on(owner, TODAY).days
    assert activity.longest_streak == 6
    assert activity.outreach_days == 6
    assert activity.headline == "6 outreach over 6 weeks; 6-day streak now, longest 6 days."


def test_the_longest_streak_counts_a_run_that_ended_before_today(owner, week):
    activity = report_for(owner, Period(day("2026-02-01"), day("2026-03-06"))).activity
    assert (activity.streak.days, activity.longest_streak) == (0, 6)


def test_a_weekday_without_outreach_ends_a_run_and_a_weekend_does_not():
    from collections import Counter

    days = Counter([day("2026-02-05"), day("2026-02-06"), day("2026-02-09"),  # Thu Fri Mon
                    day("2026-02-11"), day("2026-02-14")])  # Wed, then Sat
    period = Period(day("2026-02-01"), day("2026-02-28"))
    assert longest_streak(days, day("2026-02-01"), period, 1) == 3
    assert longest_streak(days, day("2026-02-01"), period, 2) == 0


def test_activity_is_empty_without_interactions(owner):
    activity = report_for(owner, FEB_TO_MAR).activity
    assert activity.empty
    assert (activity.streak.days, activity.longest_streak, activity.outreach_days) == (0, 0, 0)


# Network mix ---------------------------------------------------------------------


def test_network_mix_per_month_counts_the_people_talked_with(owner, week):
    network = report_for(owner, FEB_TO_MAR).network
    assert [m.as_json() for m in network.months] == [
        {"month": "2026-02", "total": 3, "shares": [
            {"group": "seeking", "label": "Fellow seekers", "count": 1, "percent": 33},
            {"group": "employed", "label": "Employed", "count": 1, "percent": 33},
            {"group": "hiring", "label": "Hiring side", "count": 1, "percent": 33},
            {"group": "other", "label": "Others", "count": 0, "percent": 0},
        ]},  # Dee only had a note to self: not a conversation
        {"month": "2026-03", "total": 1, "shares": [
            {"group": "seeking", "label": "Fellow seekers", "count": 1, "percent": 100},
            {"group": "employed", "label": "Employed", "count": 0, "percent": 0},
            {"group": "hiring", "label": "Hiring side", "count": 0, "percent": 0},
            {"group": "other", "label": "Others", "count": 0, "percent": 0},
        ]},
    ]
    assert network.overall.total == 3
    assert network.headline == (
        "Of 3 people you talked with, 33% are fellow seekers and 67% employed or hiring."
    )


def test_network_mix_leaves_out_months_before_the_period(owner, week):
    network = report_for(owner, Period(day("2026-03-01"), TODAY)).network
    assert [(m.month, m.total) for m in network.months] == [(day("2026-03-01"), 1)]


# Reciprocity ---------------------------------------------------------------------


def test_asks_and_gives_per_month_and_the_people_only_asked(owner, week):
    balance = report_for(owner, FEB_TO_MAR).reciprocity
    assert [m.as_json() for m in balance.months] == [
        {"month": "2026-02", "asks": 3, "gives": 1},
        {"month": "2026-03", "asks": 1, "gives": 0},
    ]
    assert (balance.asks, balance.gives) == (4, 1)
    # Ada was given something in January and Cy in February; Ben only ever asked.
    assert [p.as_json() for p in balance.only_asked] == [
        {"person_id": week["ben"].pk, "name": "Ben Stone", "asks": 2, "last_ask": "2026-03-02"}
    ]
    assert balance.headline == "4 asks and 1 give; 1 person you only ask."


def test_people_only_asked_are_sorted_by_asks_then_latest(owner):
    a, b, c = (person(owner, n, "employed") for n in ("Ann", "Bo", "Cat"))
    log(owner, "email", a, "2026-02-03", asked=True)
    log(owner, "email", b, "2026-02-04", asked=True)
    log(owner, "email", b, "2026-02-05", asked=True)
    log(owner, "email", c, "2026-02-06", asked=True)
    names = [p.name for p in report_for(owner, FEB_TO_MAR).reciprocity.only_asked]
    assert names == ["Bo", "Cat", "Ann"]


# Scope and cost ------------------------------------------------------------------


def test_reports_see_only_the_owners_data(owner, outsider, week, pipeline):
    report = report_for(outsider, JAN_TO_MAR)
    assert report.funnel.entered == 0
    assert report.activity.empty
    assert report.network.overall.total == 0
    assert report.reciprocity.asks == 0


def _queries(owner, period) -> int:
    with CaptureQueriesContext(connection) as queries:
        report_for(owner, period)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_data(owner, week, pipeline):
    small = _queries(owner, JAN_TO_MAR)
    for n in range(15):
        p = person(owner, f"Extra {n}", "employed")
        opp = opportunity(owner, f"Role {n}", f"Extra org {n}", "network", "2026-01-20",
                          [("screening", "2026-02-01")], stage="applied")
        log(owner, "interview", p, "2026-02-03", opportunity=opp)
        log(owner, "email", p, "2026-02-04", asked=True, gave=n % 2 == 0)
    assert _queries(owner, JAN_TO_MAR) == small <= 9
    assert _queries(owner, Period(day("2025-01-01"), TODAY)) == small


def test_the_report_as_json_has_every_figure(owner, week, pipeline):
    data = report_for(owner, FEB_TO_MAR).as_json()
    assert list(data) == [
        "period", "funnel", "response_by_source", "activity", "network_mix", "reciprocity",
    ]
    assert data["period"] == {"since": "2026-02-01", "until": "2026-03-02", "days": 30,
                              "all": False}
