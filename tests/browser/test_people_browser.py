"""People pages in real Chromium, as a person uses them: mouse, keyboard and a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from followthrough.tracker.models import Person
from followthrough.tracker.services import people as people_service
from followthrough.tracker.services.owners import local_owner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add(name, **fields):
    return people_service.add_person(local_owner(), people_service.PersonInput(name=name, **fields))


def test_a_person_is_added_through_the_form_and_their_page_opens(page):
    page.goto("/people/")
    page.get_by_role("link", name="Add the first person").click()
    page.get_by_label("Name").fill("Ann Lee")
    page.get_by_label("Organization").fill("Acme Robotics")
    page.get_by_label("Title").fill("Engineering Manager")
    page.get_by_label("Situation").select_option(label="Hiring manager")
    page.get_by_label("Email").fill("ann@acme.example")
    page.get_by_label("Day", exact=True).fill("4")
    page.get_by_label("Month", exact=True).select_option(label="March")
    page.get_by_label("Tags").fill("mentor, python")
    page.get_by_label("Keep in touch every … days").fill("30")
    page.get_by_role("button", name="Add person").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ann Lee")
    expect(page.locator(".message.success")).to_have_text("Added Ann Lee.")
    details = page.locator("dl.details")
    expect(details).to_contain_text("4 March")
    expect(details).to_contain_text("every 30 days (monthly)")
    expect(page.locator(".subtitle")).to_contain_text("Engineering Manager at Acme Robotics")
    ann = Person.objects.get(owner=local_owner(), name="Ann Lee")
    assert ann.birthday_display == "--03-04"
    assert ann.emails == ["ann@acme.example"]


def test_a_mistake_is_shown_on_its_field_and_what_was_typed_stays(page):
    page.goto("/people/add/")
    page.get_by_label("Name").fill("Ann Lee")
    page.get_by_label("Email").fill("ann at acme")
    page.get_by_role("button", name="Add person").click()
    expect(page.locator(".field.has-error .errors")).to_have_text(
        "Email: 'ann at acme' is not an email address."
    )
    expect(page.get_by_label("Name")).to_have_value("Ann Lee")
    expect(page.get_by_label("Email")).to_have_value("ann at acme")
    assert not Person.objects.filter(name="Ann Lee").exists()


def test_the_list_filters_as_you_type_without_reloading(page):
    add("Ann Lee", situation="hiring_manager")
    add("Bob Stone", situation="recruiter")
    page.goto("/people/")
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Search people").fill("stone")
    expect(page.locator("#people-results tbody tr")).to_have_count(1)
    expect(page.locator("#people-results")).to_contain_text("Bob Stone")
    assert page.evaluate("window.notReloaded") is True
    expect(page).to_have_url(re.compile(r"q=stone"))
    page.get_by_label("Search people").fill("")
    page.get_by_label("Situation").select_option(label="Hiring manager")
    expect(page.locator("#people-results tbody tr")).to_have_count(1)
    expect(page.locator("#people-results")).to_contain_text("Ann Lee")


def test_the_keyboard_reaches_everything_and_the_focus_is_visible(page):
    add("Ann Lee")
    page.goto("/people/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    page.keyboard.press("Enter")
    for _ in range(20):  # past the filters and the sortable column headers
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Ann Lee":
            break
    focused = page.locator(":focus")
    expect(focused).to_have_text("Ann Lee")
    shadow = focused.evaluate("el => getComputedStyle(el).boxShadow")
    assert shadow != "none"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ann Lee")


def test_the_list_fits_a_phone_screen(page):
    for i in range(3):
        add(
            f"Person with a rather long name number {i}",
            organization="Some Organization Ltd",
            title="Senior Staff Engineer",
            tags="alumni, python, mentor",
        )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/people/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(page.locator("table.list thead")).to_have_css("position", "absolute")
    expect(page.locator("table.list tbody tr").first).to_have_css("display", "block")
    expect(page.get_by_role("link", name="+ Log")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()


def test_the_desktop_list_keeps_a_day_on_one_line_and_the_search_hint_whole(page):
    import datetime as dt

    from followthrough.tracker.services.interactions import LogInput, log_interaction

    owner = local_owner()
    for i in range(3):
        person = add(
            f"Person with a rather long name number {i}",
            organization="Riverbend Library Foundation of the Valley",
            title="Senior Staff Engineer, Platform Reliability",
            tags="former colleague, networking group",
        )
        log_interaction(owner, LogInput("email", [person], on="2026-10-28"), dt.date(2026, 11, 1))
    page.goto("/people/")

    days = page.locator("td[data-label='Last contacted'] time")
    expect(days.first).to_have_text("Wed 28 Oct 2026")
    for box in days.evaluate_all("els => els.map(e => e.getClientRects().length)"):
        assert box == 1  # one line box: the year did not wrap below the day
    search = page.get_by_label("Search people")
    fits = search.evaluate(
        """input => {
            const probe = document.createElement("span");
            probe.style.font = getComputedStyle(input).font;
            probe.style.whiteSpace = "pre";
            probe.textContent = input.placeholder;
            document.body.append(probe);
            const style = getComputedStyle(input);
            const room = input.clientWidth - parseFloat(style.paddingLeft)
                - parseFloat(style.paddingRight);
            const width = probe.getBoundingClientRect().width;
            probe.remove();
            return width <= room;
        }"""
    )
    assert fits, "the search box cuts its placeholder off"

