"""Logging in real Chromium: the "+ Log" dialog on any page, and Today's task buttons."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from followthrough.tracker.models import Interaction, Kind, Task, TaskStatus
from followthrough.tracker.services import opportunities as opp_service
from followthrough.tracker.services import people as people_service
from followthrough.tracker.services import tasks as task_service
from followthrough.tracker.services.owners import local_owner, today_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add(name, **fields):
    return people_service.add_person(local_owner(), people_service.PersonInput(name=name, **fields))


def test_an_interview_with_two_people_is_logged_from_the_dialog(page):
    owner = local_owner()
    today = today_for(owner)
    ann = add("Ann Lee", organization="Acme")
    bob = add("Bob Stone", organization="Acme")
    job = opp_service.add_opportunity(
        owner, opp_service.OpportunityInput(role="Backend Engineer", organization="Acme"), today
    )
    decision = today + dt.timedelta(days=10)

    page.goto(f"/people/{ann.pk}/")
    page.get_by_role("link", name="+ Log").click()
    dialog = page.locator("#log-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_label("With whom")).to_be_focused()
    expect(dialog.get_by_label("Decision date they stated")).to_be_hidden()
    dialog.get_by_text("Interview", exact=True).click()
    expect(dialog.get_by_label("Decision date they stated")).to_be_visible()
    dialog.get_by_label("With whom").fill("Ann Lee")
    dialog.get_by_role("button", name="+ another person").click()
    dialog.get_by_label("Also with").fill("Bob Stone")
    dialog.get_by_label("Decision date they stated").fill(decision.isoformat())
    dialog.get_by_text("More: notes").click()
    dialog.get_by_label("Summary").fill("Panel interview: system design.")
    # One line per person: each thank-you uses its own person's note (issue 9).
    dialog.get_by_label("Rapport notes").fill("Ann: We both sail on weekends\nBob: Leeds")
    dialog.get_by_label("About the opportunity").select_option(str(job.pk))
    dialog.get_by_role("button", name="Log it").click()

    expect(page.locator(".message.success")).to_contain_text(
        "Logged: interview with Ann Lee, Bob Stone"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Ann Lee")
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("Panel interview: system design.")
    expect(timeline).to_contain_text("We both sail on weekends")
    expect(timeline.get_by_role("link", name="Bob Stone")).to_be_visible()
    expect(timeline).to_contain_text(
        f"Decision expected {decision:%a} {decision.day} {decision:%b %Y}"
    )
    interaction = Interaction.objects.get(owner=owner)
    assert interaction.kind == Kind.INTERVIEW
    assert set(interaction.people.all()) == {ann, bob}
    assert interaction.decision_date == decision
    assert interaction.opportunity_id == job.pk


def test_a_mistake_in_the_dialog_stays_in_the_dialog(page):
    add("Ann Lee")
    page.goto("/")
    page.keyboard.press("l")  # the keyboard shortcut opens the dialog too
    dialog = page.locator("#log-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_label("With whom").fill("Zed Nobody")
    dialog.get_by_label("With whom").press("Enter")
    expect(dialog.locator(".errors")).to_contain_text("With whom: nobody called 'Zed Nobody'")
    expect(dialog.get_by_label("With whom")).to_be_focused()
    expect(dialog.get_by_label("With whom")).to_have_value("Zed Nobody")
    assert not Interaction.objects.exists()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_without_javascript_the_log_button_is_a_page_that_works(browser, live_server):
    add("Ann Lee")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/people/")
        page.get_by_role("link", name="+ Log").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Log an interaction")
        page.get_by_text("Call", exact=True).click()
        page.get_by_label("With whom").fill("Ann")
        page.get_by_role("button", name="Log it").click()
        expect(page.locator(".message.success")).to_contain_text("Logged: call with Ann Lee")
        assert page.url.endswith("/people/")
    finally:
        context.close()
    assert Interaction.objects.get().kind == Kind.CALL


def test_done_and_undo_on_today_swap_the_row_in_place(page):
    owner = local_owner()
    task = task_service.add_task(owner, "Send Ann the article", None, today=today_for(owner))
    page.goto("/")
    row = page.locator(f"#task-{task.pk}")
    page.evaluate("window.notReloaded = true")
    row.get_by_role("button", name="Done").click()
    expect(row).to_contain_text("Done.")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    row.get_by_role("button", name="Undo").click()
    expect(row.get_by_role("button", name="Done")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True
    assert Task.objects.get(pk=task.pk).status == TaskStatus.OPEN


def test_today_fits_a_phone_screen(page):
    owner = local_owner()
    add("Ann Lee")
    task = task_service.add_task(
        owner, "Write a thank-you note to the whole interview panel", None, today=today_for(owner)
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # Issue 13: on a phone the secondary actions sit behind "More".
    page.locator(f"#task-{task.pk}").get_by_role("button", name="More").click()
    expect(page.locator(f"#task-{task.pk}").get_by_role("button", name="Snooze")).to_be_visible()


def test_enter_right_after_the_dialog_opens_stays_in_the_dialog(page):
    """The form is bound as soon as it is in the dialog, not when htmx settles."""
    add("Ann Lee")
    page.goto("/")
    page.evaluate("htmx.config.defaultSettleDelay = 3000")  # a slow machine's settle
    page.keyboard.press("l")
    dialog = page.locator("#log-dialog")
    dialog.get_by_label("With whom").fill("Zed Nobody")
    dialog.get_by_label("With whom").press("Enter")
    expect(dialog.locator(".errors")).to_contain_text("With whom: nobody called 'Zed Nobody'")
    assert page.url.endswith("/")
