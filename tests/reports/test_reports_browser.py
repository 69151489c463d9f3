"""The Reports page in real Chromium: each chart is drawn with its bars and its table,
and on a phone nothing overflows and no two labels overlap."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from followthrough.tracker.services import interactions as log_service
from followthrough.tracker.services import opportunities as opp_service
from followthrough.tracker.services import people as people_service
from followthrough.tracker.services.owners import local_owner, today_for

pytestmark = pytest.mark.browser
CHARTS = {
    "funnel": "funnel-chart",
    "responses": "response-chart",
    "activity": "activity-chart",
    "network": "network-chart",
    "reciprocity": "reciprocity-chart",
}


@pytest.fixture
def search(transactional_db):
    """A fortnight of the local owner's search, dated back from the live server's today."""
    owner = local_owner()
    today = today_for(owner)

    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    def log(kind, who, days, **fields):
        data = log_service.LogInput(kind=kind, people=[who], on=ago(days), **fields)
        log_service.log_interaction(owner, data, today)

    ada = people_service.add_person(owner, people_service.PersonInput(
        "Ada Hart", situation="hiring_manager"))
    ben = people_service.add_person(owner, people_service.PersonInput(
        "Ben Stone", situation="seeking"))
    opp = opp_service.add_opportunity(
        owner, opp_service.OpportunityInput("Data PM", "Gamma", source="referral"), ago(20)
    )
    opp_service.move(owner, opp, "applied", on=ago(18))
    opp_service.move(owner, opp, "screening", on=ago(12))
    log("interview", ada, 6, opportunity=opp)
    log("email", ada, 5, summary="Thank you")
    log("message", ben, 4, asked=True)
    log("coffee", ben, 2, gave=True)
    log("email", ben, 1, asked=True)
    return owner


def test_a_person_opens_reports_and_sees_every_chart_with_its_numbers(page, search):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reports").click()
    expect(page.get_by_role("heading", name="Reports", level=1)).to_be_visible()

    for section, chart in CHARTS.items():
        svg = page.locator(f"#{chart}")
        expect(svg).to_be_visible()
        assert svg.bounding_box()["height"] > 40, chart
        expect(page.locator(f"#{section} details.numbers table")).to_be_hidden()

    funnel = page.locator("#funnel-chart rect.bar")
    expect(funnel).to_have_count(5)
    assert [funnel.nth(i).get_attribute("data-value") for i in range(5)] == [
        "1", "1", "1", "0", "0"]  # applied, screening, interviewing (the interview)
    expect(page.locator("#response-chart rect.bar-rate")).to_have_attribute("data-value", "100")
    outreach = page.locator("#activity-chart rect.bar-outreach")
    assert sum(float(outreach.nth(i).get_attribute("data-value"))
               for i in range(outreach.count())) == 5
    expect(page.locator("#network-chart rect.bar-seeking").first).to_be_visible()
    expect(page.locator("#reciprocity-chart rect.bar-asks")).not_to_have_count(0)

    # Each chart's numbers open under it, as a table.
    page.locator("#funnel details.numbers summary").click()
    table = page.locator("#funnel details.numbers table")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr").first).to_contain_text("Applied")
    page.locator("#reciprocity details.numbers summary").click()
    expect(page.locator("#reciprocity details.numbers tbody")).to_contain_text("2")
    expect(page.locator("#reciprocity .only-asked")).to_have_count(0)  # Ben was given a coffee


def test_the_quick_links_change_the_period(page, search):
    page.goto("/reports/")
    page.get_by_role("link", name="30 days").click()
    expect(page.locator("#period-text")).to_contain_text("30 days")
    page.get_by_role("link", name="All").click()
    expect(page.locator("#period-text")).to_contain_text("(all of it)")
    page.fill("#since", "2001-01-01")
    page.fill("#until", "2001-01-31")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Nothing to picture yet")).to_be_visible()


def _overlaps(boxes: list[dict]) -> list[tuple[int, int]]:
    def cross(a, b):
        return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
                and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
            if cross(boxes[i], boxes[j])]


def test_on_a_phone_the_charts_fit_and_no_labels_overlap(page, search):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/reports/?since=all")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    for chart in CHARTS.values():
        svg = page.locator(f"#{chart}")
        box = svg.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, chart
        texts = svg.locator("text")
        boxes = [texts.nth(i).bounding_box() for i in range(texts.count())]
        assert boxes and all(b["width"] > 0 for b in boxes), chart
        assert _overlaps(boxes) == [], chart
        for b in boxes:
            assert b["x"] >= box["x"] - 1 and b["x"] + b["width"] <= box["x"] + box["width"] + 1
