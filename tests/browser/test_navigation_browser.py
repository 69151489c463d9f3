"""A Settings sub-page lights up Settings in the navigation, and the breadcrumb leads back
(issue 13, point 13)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .artifacts import keep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("url", ["/digest/", "/calendar/", "/drafts/templates/", "/data/"])
def test_a_settings_sub_page_highlights_settings(page, url):
    page.goto(url)
    nav = page.get_by_role("navigation", name="Main")
    settings = nav.get_by_role("link", name="Settings")
    expect(settings).to_have_attribute("aria-current", "page")
    lit = settings.evaluate("el => getComputedStyle(el).backgroundColor")
    plain = nav.get_by_role("link", name="People").evaluate(
        "el => getComputedStyle(el).backgroundColor")
    assert lit != plain
    keep(page, "settings-sub-page-" + url.strip("/").replace("/", "-"), full_page=False)
    page.locator("main .breadcrumb").get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
