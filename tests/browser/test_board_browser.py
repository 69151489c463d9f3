"""The pipeline in real Chromium: a person drags a card, moves one by keyboard and
without JavaScript, answers the offer's deadline, and adds an interviewer."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from followthrough.tracker.models import Opportunity, OpportunityPerson
from followthrough.tracker.services.opportunities import OpportunityInput, add_opportunity
from followthrough.tracker.services.owners import local_owner, today_for
from followthrough.tracker.services.people import PersonInput, add_person

pytestmark = pytest.mark.browser


@pytest.fixture
def opp(transactional_db):
    """A lead the local owner (the live server's only user) is pursuing."""
    owner = local_owner()
    add_person(owner, PersonInput("Dana Reyes", organization="Acme"))
    return add_opportunity(
        owner,
        OpportunityInput("Data analyst", "Acme", referred_by="Dana Reyes", interest=4),
        today_for(owner),
    )


def column(page, stage: str):
    return page.locator(f".board-column[data-stage='{stage}']")


def stages_of(opp: Opportunity) -> list[str]:
    return list(opp.stage_changes.values_list("stage", flat=True))


def test_a_person_moves_a_card_by_drag_and_drop_then_by_keyboard(page, opp):
    card = f"#opp-{opp.pk}"
    page.goto("/opportunities/")
    expect(column(page, "lead").locator(card)).to_contain_text("Referred by Dana Reyes")

    page.drag_and_drop(card, ".board-column[data-stage='applied']")

    expect(column(page, "applied").locator(card)).to_be_visible()
    expect(page.locator(".board-status")).to_have_text("Moved “Data analyst at Acme” to Applied.")

    # By keyboard: the → button moves it on, and the focus stays on the card.
    page.locator(f"{card} [data-control=next]").focus()
    page.keyboard.press("Enter")
    expect(column(page, "screening").locator(card)).to_be_visible()
    expect(page.locator(f"{card} [data-control=next]")).to_be_focused()

    # The stage menu and the Move button, by keyboard too.
    page.locator(f"#stage-{opp.pk}").focus()
    page.locator(f"#stage-{opp.pk}").select_option("interviewing")
    page.keyboard.press("Tab")
    expect(page.locator(f"{card} [data-control=move]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(column(page, "interviewing").locator(card)).to_be_visible()

    page.reload()
    expect(column(page, "interviewing").locator(card)).to_be_visible()
    expect(page.locator(".board-card")).to_have_count(1)
    opp.refresh_from_db()
    assert opp.stage == "interviewing"
    assert stages_of(opp) == ["lead", "applied", "screening", "interviewing"]


def test_dropping_a_card_on_offer_asks_for_the_deadline(page, opp):
    page.goto("/opportunities/")

    page.drag_and_drop(f"#opp-{opp.pk}", ".board-column[data-stage='offer']")
    dialog = page.locator("#offer-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Data analyst at Acme")
    dialog.get_by_label("Offer deadline").fill("2031-03-09")
    dialog.get_by_role("button", name="Move to Offer").click()

    expect(column(page, "offer").locator(f"#opp-{opp.pk}")).to_contain_text(
        "Answer offer by Sun 9 Mar 2031"
    )
    opp.refresh_from_db()
    assert (opp.stage, opp.offer_deadline.isoformat()) == ("offer", "2031-03-09")


def test_after_a_keyboard_move_to_offer_the_focus_is_back_on_the_cards_stage_menu(page, opp):
    card = f"#opp-{opp.pk}"
    page.goto("/opportunities/")

    # The stage menu, Tab to Move, Enter: the deadline dialog asks, Enter answers it.
    page.locator(f"#stage-{opp.pk}").focus()
    page.locator(f"#stage-{opp.pk}").select_option("offer")
    page.keyboard.press("Tab")
    expect(page.locator(f"{card} [data-control=move]")).to_be_focused()
    page.keyboard.press("Enter")
    dialog = page.locator("#offer-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("Offer deadline")).to_be_focused()
    dialog.get_by_label("Offer deadline").fill("2031-03-09")
    dialog.get_by_role("button", name="Move to Offer").focus()
    page.keyboard.press("Enter")

    expect(column(page, "offer").locator(card)).to_contain_text("Answer offer by Sun 9 Mar 2031")
    # The Move button it came from is hidden again; the focus is on the card's menu,
    # not lost on <body>, so the next Tab goes on from the moved card.
    expect(page.locator(f"{card} [data-control=move]")).to_be_hidden()
    expect(page.locator(f"#stage-{opp.pk}")).to_be_focused()
    assert page.evaluate("document.activeElement.id") == f"stage-{opp.pk}"

    # A move with no dialog, by the menu and Move, ends on the menu as well.
    page.locator(f"#stage-{opp.pk}").select_option("interviewing")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(column(page, "interviewing").locator(card)).to_be_visible()
    expect(page.locator(f"#stage-{opp.pk}")).to_be_focused()


def test_without_javascript_the_card_form_moves_it_and_an_offer_asks_its_deadline(
    browser, live_server, opp
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto("/opportunities/")
        page.locator(f"#stage-{opp.pk}").select_option("interviewing")
        page.locator(f"#opp-{opp.pk} [data-control=move]").click()

        expect(page.locator(".message.success")).to_have_text(
            "Moved “Data analyst at Acme” to Interviewing."
        )
        expect(column(page, "interviewing").locator(f"#opp-{opp.pk}")).to_be_visible()

        page.locator(f"#opp-{opp.pk} [data-control=next]").click()  # → is Offer
        expect(page.get_by_role("heading", name="Move Data analyst")).to_be_visible()
        page.get_by_label("Offer deadline").fill("2031-03-09")
        page.get_by_role("button", name="Move", exact=True).click()

        expect(column(page, "offer").locator(f"#opp-{opp.pk}")).to_contain_text("9 Mar 2031")
    finally:
        context.close()
    opp.refresh_from_db()
    assert stages_of(opp) == ["lead", "interviewing", "offer"]


def test_a_person_adds_an_interviewer_on_the_opportunity_page(page, opp):
    kim = add_person(local_owner(), PersonInput("Kim Ortiz", organization="Acme"))
    page.goto("/opportunities/")
    page.get_by_role("link", name="Data analyst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data analyst")

    page.get_by_label("Add a person").fill("Kim Ortiz")
    page.get_by_label("As", exact=True).select_option(label="Interviewer")
    page.get_by_role("button", name="Add", exact=True).click()

    expect(page.locator(".message.success")).to_have_text("Kim Ortiz is now interviewer here.")
    people = page.locator("#people")
    expect(people.get_by_role("heading", name="Interviewer")).to_be_visible()
    expect(people.get_by_role("link", name="Kim Ortiz")).to_be_visible()
    assert OpportunityPerson.objects.filter(
        opportunity=opp, person=kim, role="interviewer"
    ).exists()

    page.get_by_label("Add a person").fill("Nobody Here")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Person: nobody called 'Nobody Here'")
