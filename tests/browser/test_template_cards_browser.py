"""Message template cards (issue 13, point 9): inner padding, subjects as a draft reads
them (never raw template code), and no "Rule N" jargon."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .artifacts import DESKTOP, PHONE, keep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_template_cards_are_padded_and_read_as_messages(page, viewport):
    page.set_viewport_size(viewport)
    page.goto("/drafts/templates/")
    cards = page.locator(".template-card")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 10
    first = cards.first
    padding = first.evaluate("el => parseFloat(getComputedStyle(el).paddingLeft)")
    assert padding >= 12
    expect(first).to_contain_text("Subject, for example: Thank you for the conversation on")
    text = page.locator(".template-list").inner_text()
    assert "{{" not in text and "{%" not in text
    assert not re.search(r"\bRule \d", page.locator("main").inner_text())
    keep(page, f"templates-{viewport['width']}")
