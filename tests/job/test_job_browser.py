"""The job itself in real Chromium (issue 13, points 1, 3, 4 and 5), at 1280 and 390 px,
with screenshots kept in test-artifacts/ for a person to look at."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from followthrough.tracker.models import Document, Opportunity
from followthrough.tracker.services.owners import local_owner

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "postings" / "pages"
ARTIFACTS = ROOT / "test-artifacts"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [1280, 390])
def test_a_saved_page_becomes_an_opportunity_with_its_documents(page, transactional_db, tmp_path,
                                                                settings, width):  # fmt: skip
    settings.HOME = tmp_path
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/opportunities/")
    page.get_by_text("Add from a posting").click()
    page.get_by_label("Saved page").set_input_files(str(PAGES / "microdata.html"))
    fits(page, width)
    shot(page, f"posting-box-{width}")
    page.get_by_role("button", name="Add from the posting").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Data Analyst")
    expect(page.locator(".messages")).to_contain_text("Added “Data Analyst at Contoso”")
    details = page.locator(".opp-details")
    expect(details).to_contain_text("Montréal, QC, CA")
    expect(details).to_contain_text("65,000 to 72,000 CAD per year")
    expect(details).to_contain_text("Fri 15 Jan 2027")
    expect(details).to_contain_text("Turn sales data into decisions.")

    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"%PDF-1.4 resume")
    documents = page.locator("#documents")
    documents.get_by_label("File").set_input_files(str(cv))
    documents.get_by_label("Kind").select_option("resume")
    documents.get_by_role("button", name="Add document").click()
    expect(page.locator("#documents .document-list")).to_contain_text("cv")
    expect(page.locator("#documents .document-list")).to_contain_text("Résumé · sent")
    fits(page, width)
    shot(page, f"opportunity-job-{width}")
    assert Document.objects.get().sendings.get().opportunity == Opportunity.objects.get()


def test_a_page_without_a_posting_says_why_and_adds_nothing(page, transactional_db):
    page.goto("/opportunities/")
    page.get_by_text("Add from a posting").click()
    page.get_by_label("Saved page").set_input_files(str(PAGES / "no_posting.html"))
    page.get_by_role("button", name="Add from the posting").click()
    expect(page.locator("#posting-error")).to_have_text(
        "Saved page: no job posting found on this page (it has no schema.org JobPosting);"
        " add the opportunity by hand with its link instead."
    )
    expect(page.locator(".posting-box")).to_have_attribute("open", "")
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_tables_sort_by_a_click_on_a_header(page, transactional_db, width):
    from followthrough.tracker.services import opportunities as opps
    from followthrough.tracker.services.jobfields import JobFields

    owner = local_owner()
    for role, low in [("Analyst", 60000), ("Engineer", 90000), ("Designer", 70000)]:
        opps.add_opportunity(
            owner,
            opps.OpportunityInput(role, f"{role} Co", job=JobFields(salary_min=low)),
            dt.date(2026, 12, 1),
        )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/opportunities/list/?stage=active")
    if width == 1280:
        page.get_by_role("link", name="Salary", exact=True).click()
        expect(page).to_have_url(re.compile(r"stage=active&sort=-salary$"))
        roles = page.locator("td[data-label=Role] > a").all_inner_texts()
        assert roles == ["Engineer", "Designer", "Analyst"]
        expect(page.locator("th[aria-sort=descending]")).to_contain_text("Salary")
        page.get_by_role("link", name="Salary").click()
        roles = page.locator("td[data-label=Role] > a").all_inner_texts()
        assert roles == ["Analyst", "Designer", "Engineer"]
    else:
        page.goto("/opportunities/list/?stage=active&sort=-salary")
        roles = page.locator("td[data-label=Role] > a").all_inner_texts()
        assert roles == ["Engineer", "Designer", "Analyst"]
    fits(page, width)
    shot(page, f"opportunity-table-{width}")
