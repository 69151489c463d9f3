"""The bookmarklet (issue 13, point 2): a job page's HTML, posted to the local app.

The capture view is the app's one CSRF-exempt view: a page on another site cannot
carry our CSRF token, so a per-owner secret in the bookmarklet's address stands in.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import unquote

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from followthrough.tracker.models import CaptureToken, Opportunity
from followthrough.tracker.services.owners import local_owner
from followthrough.tracker.views.postings import token_for

PAGES = Path(__file__).parent / "pages"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"  # kept by the test run


@pytest.fixture
def frozen():
    with time_machine.travel(dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def capture(token: str, html: str, url: str = "https://careers.northwind.example/jobs/4411"):
    """What the bookmarklet posts: a client that enforces CSRF, like a foreign site's form."""
    return Client(enforce_csrf_checks=True).post(
        reverse("posting-bookmarklet", args=[token]), {"html": html, "url": url}
    )


@pytest.mark.django_db
def test_the_token_stands_in_for_csrf_and_picks_the_owner(owner, outsider, frozen):
    token = token_for(outsider).token
    response = capture(token, (PAGES / "graph.html").read_text())
    opp = Opportunity.objects.get()
    assert response.status_code == 303
    assert response["Location"] == reverse("opportunity-detail", args=[opp.pk])
    assert opp.owner == outsider and opp.role == "Senior Platform Engineer"
    assert opp.apply_by == dt.date(2026, 12, 20)


@pytest.mark.django_db
def test_a_wrong_token_adds_nothing(owner, frozen):
    token_for(owner)
    response = capture("not-the-token", (PAGES / "graph.html").read_text())
    assert response.status_code == 404
    assert "This bookmarklet is out of date" in response.content.decode()
    assert not Opportunity.objects.exists()


@pytest.mark.django_db
def test_a_page_without_a_posting_says_so(owner, frozen):
    response = capture(token_for(owner).token, (PAGES / "no_posting.html").read_text())
    assert response.status_code == 400
    assert "This page: no job posting found on this page" in response.content.decode()
    assert not Opportunity.objects.exists()


@pytest.mark.django_db
def test_the_same_posting_twice_opens_the_first(owner, frozen):
    token = token_for(owner).token
    first = capture(token, (PAGES / "graph.html").read_text())
    again = capture(token, (PAGES / "graph.html").read_text())
    assert again.status_code == 303 and again["Location"] == first["Location"]
    assert Opportunity.objects.count() == 1


@pytest.mark.django_db
def test_the_page_url_fills_in_a_posting_without_its_own(owner, frozen):
    html = (PAGES / "graph.html").read_text().replace('"url": ', '"x-url": ')
    canonical = "<link rel=\"canonical\" href=\"https://careers.northwind.example/jobs/4411\">"
    html = html.replace(canonical, "")
    capture(token_for(owner).token, html, url="https://board.example/view/99")
    assert Opportunity.objects.get().posting_url == "https://board.example/view/99"


@pytest.mark.django_db
def test_renewing_the_secret_retires_the_old_bookmarklet(owner_client, owner, frozen):
    old = token_for(owner).token
    page = owner_client.get(reverse("bookmarklet")).content.decode()
    assert f"/opportunities/capture/{old}/" in unquote(page)
    owner_client.post(reverse("bookmarklet-renew"))
    new = CaptureToken.objects.get(owner=owner).token
    assert new != old
    assert capture(old, (PAGES / "graph.html").read_text()).status_code == 404
    assert capture(new, (PAGES / "graph.html").read_text()).status_code == 303


@pytest.mark.django_db
def test_settings_links_to_the_bookmarklet(owner_client):
    assert reverse("bookmarklet") in owner_client.get(reverse("settings")).content.decode()


@pytest.mark.browser
def test_the_bookmarklet_captures_a_job_page_in_chromium(page, transactional_db):
    """Drag-free: the bookmark's code runs on a job site's page, as a click on it would."""
    owner = local_owner()
    page.goto("/settings/bookmarklet/")
    link = page.locator("[data-bookmarklet]")
    expect(link).to_have_text("+ Followthrough")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "bookmarklet-settings.png"), full_page=True)
    href = link.get_attribute("href")
    assert href.startswith("javascript:")
    code = unquote(href[len("javascript:") :])

    # A job site on another origin (served from the saved page, never the network),
    # with scripts of its own that the bookmarklet leaves behind.
    job_page = (PAGES / "graph.html").read_text().replace(
        "</head>", "<script>window.tracking = 1;</script><style>h1{color:red}</style></head>"
    )
    site = "https://careers.northwind.example/jobs/4411"
    page.context.route(
        site, lambda route: route.fulfill(status=200, content_type="text/html", body=job_page)
    )
    page.goto(site)
    with page.context.expect_page() as opened:
        page.evaluate(code)
    answer = opened.value
    answer.wait_for_load_state()
    opp = Opportunity.objects.get(owner=owner)
    assert answer.url.endswith(reverse("opportunity-detail", args=[opp.pk]))
    expect(answer.locator("h1")).to_have_text("Senior Platform Engineer")
    expect(answer.locator(".messages, [role=status]").first).to_contain_text(
        "Added “Senior Platform Engineer at Northwind Labs” from the posting."
    )
    answer.screenshot(path=str(ARTIFACTS / "bookmarklet-captured.png"), full_page=True)
    assert opp.salary_display == "78,000 to 95,000 EUR per year"


@pytest.mark.django_db
def test_a_page_too_large_to_send_says_so(owner, settings, frozen):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200_000
    html = (PAGES / "graph.html").read_text() + "<p>" + "x" * 300_000 + "</p>"
    response = capture(token_for(owner).token, html)
    assert response.status_code == 413
    assert "This page: it is too large to send (over 0.2 MB)" in response.content.decode()
    assert not Opportunity.objects.exists()
