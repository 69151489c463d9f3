"""The culture pages in real Chromium: the running sum as a person types, and the chart."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from followthrough.culture import services
from followthrough.culture.models import PreferredProfile
from followthrough.tracker.services.owners import local_owner, today_for

from .conftest import NUMBERS_FIRST, PEOPLE_FIRST, organization, profile

pytestmark = pytest.mark.browser


def test_the_running_sum_follows_what_a_person_types_and_a_draft_is_saved(page, transactional_db):
    page.goto("/culture/preferred/")
    leadership = page.locator("#dimension-leadership")
    total = leadership.locator("[data-total]")
    expect(total).to_have_text("Blank: left for later (a draft).")
    leadership.get_by_label("Leadership: Clan points").fill("60")
    leadership.get_by_label("Leadership: Adhocracy points").fill("30")
    expect(total).to_have_text("Total 90 of 100: 10 left to give.")
    expect(total).to_have_attribute("data-state", "off")
    leadership.get_by_label("Leadership: Market points").fill("25")
    expect(total).to_have_text("Total 115 of 100: 15 too many.")
    leadership.get_by_label("Leadership: Market points").fill("10")
    expect(total).to_have_text("Total 100 of 100 ✓")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".message")).to_contain_text("Saved as a draft: 1 of 6 dimensions")
    assert not PreferredProfile.objects.get(owner=local_owner()).is_complete


def test_the_organization_page_draws_both_profiles(page, transactional_db):
    owner = local_owner()
    services.save_preferred(owner, profile(PEOPLE_FIRST))
    acme = organization(owner, "Acme")
    for rows in (NUMBERS_FIRST, [(30, 20, 30, 20)] * 6):
        services.add_rating(
            owner, acme, services.RatingInput(points=profile(rows)), today_for(owner)
        )
    page.goto(f"/organizations/{acme.pk}/")
    card = page.locator("#culture")
    expect(card.locator("[data-polygon=preferred] polygon")).to_be_visible()
    expect(card.locator("[data-polygon=perceived] polygon")).to_be_visible()
    expect(card.locator(".fit-value")).to_have_text("70%")
    box = card.locator("svg.kite-svg").bounding_box()
    assert box["width"] > 250 and abs(box["width"] - box["height"]) < 2
    card.locator(".fit-more > summary").click()
    expect(card.locator("table.fit-dimensions")).to_be_visible()
