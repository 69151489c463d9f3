"""People at 390 px (issue 13, point 8): emails wrap inside their card, and the filters
take two short rows, so the first person shows near the top."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from followthrough.tracker.services import people as people_service
from followthrough.tracker.services.owners import local_owner

from .artifacts import PHONE, keep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_people_fit_a_phone_with_the_first_person_in_view(page):
    owner = local_owner()
    for i in range(4):
        people_service.add_person(owner, people_service.PersonInput(
            name=f"Maximiliana Featherstonehaugh {i}",
            emails=f"maximiliana.featherstonehaugh.{i}@riverbend-library-foundation.example.org",
            organization="Riverbend Library Foundation", title="Programme Director",
            tags="alumni, mentor",
        ))
    page.set_viewport_size(PHONE)
    page.goto("/people/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    first = page.locator("#people-results tbody tr").first
    expect(first).to_be_in_viewport()
    assert first.bounding_box()["y"] < 600
    filters = page.get_by_role("search", name="Filter people").bounding_box()
    assert filters["height"] < 170

    card = first.bounding_box()
    email = first.locator(".meta").first
    expect(email).to_contain_text("@riverbend-library-foundation.example.org")
    box = email.bounding_box()
    assert box["x"] + box["width"] <= card["x"] + card["width"]
    assert email.evaluate("el => el.scrollWidth <= el.clientWidth")
    keep(page, "people-390")
