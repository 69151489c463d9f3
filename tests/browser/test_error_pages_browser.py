"""The 404 and 500 pages as a person sees them (issue 13, point 11)."""

from __future__ import annotations

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from .artifacts import DESKTOP, PHONE, keep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_404_page_has_the_layout_and_a_way_back(page, viewport):
    page.set_viewport_size(viewport)
    response = page.goto("/people/999999/")
    assert response.status == 404
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("There is no page here")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    keep(page, f"404-{viewport['width']}")
    page.get_by_role("link", name="Back to Today").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")


@override_settings(ROOT_URLCONF="tests.error_urls")
def test_the_500_page_has_the_layout_and_a_way_back(page):
    response = page.goto("/boom/")
    assert response.status == 500
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("link", name="Try this page again")).to_have_attribute("href", "/boom/")
    keep(page, "500-1280")
    page.get_by_role("link", name="Back to Today").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
