"""Rule 12: a weekly item to send the search buddy the summary, and the summary itself."""

from __future__ import annotations

import pytest

from followthrough.engine import summary_for
from followthrough.tracker.models import Mode, Rule, Task

from .conftest import d


@pytest.fixture(autouse=True)
def buddy(search):
    """Sam has a search buddy (without one there is no buddy item: see tests/advice)."""
    search.workspace(buddy_name="Bea Lund")


def test_every_friday_an_item_suggests_sending_the_buddy_the_summary(search):
    ana = search.person("Ana Ruiz")
    search.log("email", ana, "Mar 2")
    search.opportunity("Analyst", "Beta", stage="applied", on="Mar 3")

    assert search.items("Mar 5", Rule.BUDDY_SUMMARY) == []
    (item,) = search.items("Mar 6", Rule.BUDDY_SUMMARY)
    assert (item.key, item.due) == ("buddy-summary:2026-03-06", d("Mar 6"))
    assert item.title == "Send Bea Lund the weekly summary"
    assert item.reason == (
        "The week of Mon 2 Mar 2026: 1 outreach, 1 application, 0 interviews; share it with "
        "Bea Lund and ask how their week went."
    )


def test_the_item_stays_until_next_friday_replaces_it(search):
    ana = search.person("Ana Ruiz")
    search.log("email", ana, "Mar 2")
    search.log("email", ana, "Mar 9")
    (friday,) = search.agenda("Mar 6", Rule.BUDDY_SUMMARY)
    (sunday,) = search.agenda("Mar 8", Rule.BUDDY_SUMMARY)
    assert sunday.id == friday.id and sunday.overdue_days == 2

    (next_friday,) = search.agenda("Mar 13", Rule.BUDDY_SUMMARY)
    assert next_friday.id != friday.id
    assert not Task.objects.filter(pk=friday.id).exists()


def test_a_week_with_nothing_to_share_makes_no_item(search):
    search.person("Ana Ruiz")

    assert search.items("Mar 6", Rule.BUDDY_SUMMARY) == []


def test_the_buddy_summary_rests_in_landed_mode(search):
    search.log("email", search.person("Ana Ruiz"), "Mar 2")
    search.workspace(mode=Mode.LANDED)

    assert search.items("Mar 6", Rule.BUDDY_SUMMARY) == []


def test_the_weekly_summary_counts_the_weeks_progress(search):
    ana = search.person("Ana Ruiz")
    pia = search.person("Pia Lund")
    search.person("Old Friend", on="Feb 2")
    zoe = search.person("Zoe Kim", on="Mar 3")
    search.person("Yan Li", on="Jan 2", met_on="2026-03-04")
    search.log("email", pia, "Feb 20", awaiting_reply=True)
    search.opportunity("Analyst", "Beta", stage="applied", on="Mar 3")
    lead = search.opportunity("Engineer", "Gamma", on="Feb 2")
    search.move(lead, "applied", "Mar 4")
    search.log("interview", ana, "Mar 2")
    search.log("email", ana, "Mar 3", summary="Thank you")
    search.log("email", pia, "Mar 4", summary="A gentle nudge")
    search.log("informational", zoe, "Mar 5")
    search.log("message", zoe, "Mar 6")
    search.log("email", ana, "Mar 9", summary="Next week: not counted")

    summary = summary_for(search.owner, d("Mar 4"))

    assert (summary.start, summary.end) == (d("Mar 2"), d("Mar 8"))
    assert summary.as_json() == {
        "start": "2026-03-02",
        "end": "2026-03-08",
        "outreach": 5,
        "applications": 2,
        "interviews": 1,
        "informational_interviews": 1,
        "thank_yous": 2,
        "follow_ups": 1,
        "new_contacts": 2,
        "streak": 5,
    }
