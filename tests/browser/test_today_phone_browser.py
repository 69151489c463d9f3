"""Today on a phone (issue 13, point 7): one primary action and a menu per item."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from followthrough.tracker.models import Task, TaskStatus
from followthrough.tracker.services import people as people_service
from followthrough.tracker.services import tasks as task_service
from followthrough.tracker.services.owners import local_owner, today_for

from .artifacts import DESKTOP, PHONE, keep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tasks():
    owner = local_owner()
    today = today_for(owner)
    people_service.add_person(owner, people_service.PersonInput(name="Ann Lee"))
    chore = task_service.add_task(
        owner, "Update the portfolio case study", today, today=today,
        reason="Two hiring managers asked to see it; a long reason that would take "
        "several lines on a phone screen, so the item shows two of them and More the rest.",
    )
    message = task_service.add_task(owner, "Send Ann the references", today, today=today,
                                    person="Ann Lee")
    for n in range(8):
        task_service.add_task(owner, f"Another thing to do, number {n}", today, today=today)
    return chore, message


def test_a_phone_shows_one_primary_action_and_a_menu(page):
    chore, message = _tasks()
    page.set_viewport_size(PHONE)
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    chore_row = page.locator(f"#task-{chore.pk}")
    message_row = page.locator(f"#task-{message.pk}")
    # A chore is not a message: no "Draft", "Done" first. A message's first action drafts it.
    expect(chore_row.get_by_role("link", name="Draft")).to_have_count(0)
    expect(chore_row.get_by_role("button", name="Done")).to_be_visible()
    expect(message_row.get_by_role("link", name="Draft")).to_be_visible()
    for row in (chore_row, message_row):
        expect(row.get_by_role("button", name="Snooze")).to_be_hidden()
        expect(row.get_by_role("button", name="Dismiss")).to_be_hidden()
        assert row.bounding_box()["height"] < 200

    # "Add a task" and "Coming up" are one tap away, above the first item.
    jump = page.get_by_role("navigation", name="On this page")
    expect(jump.get_by_role("link", name="Add a task")).to_be_in_viewport()
    expect(jump.get_by_role("link", name="Coming up")).to_be_in_viewport()
    jump.get_by_role("link", name="Add a task").click()
    expect(page.locator("#add-task-heading")).to_be_in_viewport()

    page.goto("/")
    chore_row.get_by_role("button", name="More").click()
    menu = page.locator(f"#task-menu-{chore.pk}")
    expect(menu).to_be_visible()
    expect(menu).to_contain_text("and More the rest.")
    keep(page, "today-phone-menu", full_page=False)
    menu.get_by_role("button", name="Dismiss").click()
    expect(chore_row).to_contain_text("Dismissed.")
    assert Task.objects.get(pk=chore.pk).status == TaskStatus.DISMISSED

    message_row.get_by_role("button", name="More").click()
    page.locator(f"#task-menu-{message.pk}").get_by_role("button", name="Done").click()
    expect(message_row).to_contain_text("Done.")
    keep(page, "today-390")


def test_wide_screens_keep_every_action_in_view(page):
    chore, message = _tasks()
    page.set_viewport_size(DESKTOP)
    page.goto("/")
    row = page.locator(f"#task-{message.pk}")
    for name in ("Done", "Snooze", "Dismiss"):
        expect(row.get_by_role("button", name=name)).to_be_visible()
    expect(row.get_by_role("link", name="Draft")).to_be_visible()
    expect(row.get_by_role("button", name="More")).to_be_hidden()
    expect(page.get_by_role("navigation", name="On this page")).to_be_hidden()
    expect(page.locator(f"#task-{chore.pk}").get_by_role("link", name="Draft")).to_have_count(0)
    keep(page, "today-1280")
