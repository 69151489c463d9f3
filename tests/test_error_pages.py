"""404 and 500 pages in the app's layout, with a way back (issue 13, point 11)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from followthrough.tracker.views.errors import server_error


def test_a_missing_page_is_shown_in_the_layout_with_a_way_back(owner_client):
    response = owner_client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert 'aria-label="Main"' in page and "Back to Today" in page
    assert "<code>/no-such-page/</code>" in page
    assert 'role="search"' in page


def test_someone_elses_person_is_the_same_404(owner_client, outsider):
    from followthrough.tracker.services import people as people_service

    theirs = people_service.add_person(outsider, people_service.PersonInput(name="Otto"))
    response = owner_client.get(f"/people/{theirs.pk}/")
    assert response.status_code == 404
    assert "There is no page here" in response.content.decode()
    assert "Otto" not in response.content.decode()


@override_settings(ROOT_URLCONF="tests.error_urls")
def test_a_failure_shows_the_500_page_in_the_layout(owner_client):
    owner_client.raise_request_exception = False
    response = owner_client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert 'aria-label="Main"' in page and "Back to Today" in page
    assert 'href="/boom/"' in page  # try again
    assert "Traceback" not in page and "RuntimeError" not in page


def test_the_500_page_never_links_off_the_app():
    response = server_error(RequestFactory().get("//evil.example/x"))
    assert response.status_code == 500
    assert "evil.example" not in response.content.decode()


def test_the_500_page_answers_even_when_its_template_fails(monkeypatch):
    from django.template import loader

    def broken(name):
        raise RuntimeError("templates are gone")

    monkeypatch.setattr(loader, "get_template", broken)
    response = server_error(RequestFactory().get("/x/"))
    assert response.status_code == 500
    assert b"Back to Today" in response.content


pytestmark = pytest.mark.django_db
