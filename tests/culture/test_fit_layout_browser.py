"""The culture fit table at 1280 and 390 px (issue 13, point 6): nothing breaks inside a
number or a word, and on a narrow box the chart and the table stack instead of squeezing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from followthrough.culture import services
from followthrough.tracker.services.owners import local_owner, today_for
from tests.browser.artifacts import DESKTOP, PHONE, keep

from .conftest import NUMBERS_FIRST, PEOPLE_FIRST, organization, profile

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each of these is one line: a broken one has more than one box (client rect).
UNBROKEN = ".fit-table .gap, .fit-table .type-name, .fit-table td.num"


def _acme():
    owner = local_owner()
    services.save_preferred(owner, profile(PEOPLE_FIRST))
    acme = organization(owner, "Adhocracy Analytics International")
    services.add_rating(owner, acme, services.RatingInput(points=profile(NUMBERS_FIRST)),
                        today_for(owner))
    return acme


def _assert_unbroken(page, scope):
    broken = page.evaluate(
        """([scope, sel]) => [...document.querySelectorAll(scope + ' ' + sel)]
             .filter(el => {
               const lines = new Set();
               const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
               for (let node = walk.nextNode(); node; node = walk.nextNode()) {
                 if (node.parentElement.closest('.visually-hidden')) continue;
                 const range = document.createRange();
                 range.selectNodeContents(node);
                 for (const r of range.getClientRects()) {
                   if (r.width > 0) lines.add(Math.round(r.bottom));
                 }
               }
               return lines.size > 1;
             })
             .map(el => el.textContent.trim())""",
        [scope, UNBROKEN],
    )
    assert broken == []
    # Headers wrap between words at most, never letter by letter: no header is taller
    # than two lines, and none is narrower than its longest word.
    for th in page.locator(f"{scope} .fit-table th").all():
        assert th.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
        assert th.bounding_box()["height"] < 70


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_fit_card_on_the_organization_page(page, viewport):
    acme = _acme()
    page.set_viewport_size(viewport)
    page.goto(f"/organizations/{acme.pk}/")
    card = page.locator("#culture")
    expect(card.locator(".fit-table")).to_be_visible()
    _assert_unbroken(page, "#culture")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    chart = card.locator("svg.kite-svg").bounding_box()
    table = card.locator(".fit-table").bounding_box()
    # The card is narrow at both widths: the table sits under the chart, full width.
    assert table["y"] >= chart["y"] + chart["height"]
    keep(page, f"culture-fit-card-{viewport['width']}")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_culture_page_of_an_organization(page, viewport):
    acme = _acme()
    page.set_viewport_size(viewport)
    page.goto(f"/culture/organizations/{acme.pk}/")
    expect(page.locator(".fit-table")).to_be_visible()
    _assert_unbroken(page, ".fit")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    chart = page.locator(".fit svg.kite-svg").bounding_box()
    table = page.locator(".fit .fit-table").bounding_box()
    if viewport is DESKTOP:
        assert table["x"] >= chart["x"] + chart["width"]  # side by side: room for both
    else:
        assert table["y"] >= chart["y"] + chart["height"]  # stacked, never squeezed
    keep(page, f"culture-organization-{viewport['width']}")
