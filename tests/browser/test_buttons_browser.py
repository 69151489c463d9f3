"""Buttons (issue 13, point 10): a disabled one looks disabled, and the Network page's
"Log" buttons never wrap inside the word."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from followthrough.tracker.services import people as people_service
from followthrough.tracker.services.owners import local_owner

from .artifacts import DESKTOP, PHONE, keep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STYLE = """el => { const s = getComputedStyle(el);
  return {bg: s.backgroundColor, color: s.color, cursor: s.cursor}; }"""


def test_a_disabled_button_looks_disabled(page):
    page.goto("/")
    page.evaluate("""() => {
      const main = document.querySelector('main');
      for (const [id, cls, off] of [['on', 'primary', false], ['off', 'primary', true],
                                    ['plain-off', '', true]]) {
        const b = document.createElement('button');
        b.id = id; b.className = cls; b.disabled = off; b.textContent = 'Import';
        main.prepend(b);
      }
    }""")
    enabled = page.locator("#on").evaluate(STYLE)
    disabled = page.locator("#off").evaluate(STYLE)
    assert disabled["cursor"] == "not-allowed" and enabled["cursor"] == "pointer"
    assert disabled["bg"] != enabled["bg"] and disabled["color"] != enabled["color"]
    page.locator("#off").hover()
    assert page.locator("#off").evaluate(STYLE) == disabled
    assert page.locator("#plain-off").evaluate(STYLE)["cursor"] == "not-allowed"
    keep(page, "button-disabled", full_page=False)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_log_buttons_on_the_network_page_stay_on_one_line(page, viewport):
    owner = local_owner()
    for name in ("Carmen Thorne-Villanueva", "Nikhil Petrov", "Bartholomew Featherstone"):
        people_service.add_person(owner, people_service.PersonInput(
            name=name, situation="hiring_manager", organization="Acme"))
    page.set_viewport_size(viewport)
    page.goto("/network/")
    buttons = page.locator(".reach-list .button")
    expect(buttons.first).to_be_visible()
    assert buttons.count() == 3
    for button in buttons.all():
        expect(button).to_contain_text("Log")
        assert button.bounding_box()["height"] < 40
        assert button.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    keep(page, f"network-{viewport['width']}")
