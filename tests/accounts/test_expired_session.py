"""Hosted mode: a session that ended while a page was open. A plain request goes to the
sign-in page as before; an htmx request (a task marked done, a log form) makes htmx load
the sign-in page in the whole window, instead of swapping it into a fragment."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session

from followthrough.tracker.models import Task

from .conftest import HOST, sign_in

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def expire_every_session() -> None:
    Session.objects.all().delete()  # what clearsessions does to an expired one


def test_a_plain_request_of_an_ended_session_goes_to_sign_in(client, ada):
    sign_in(client, "ada@example.org")
    expire_every_session()

    response = client.get("/people/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/people/"


def test_an_htmx_request_of_an_ended_session_sends_the_whole_page_to_sign_in(client, ada):
    sign_in(client, "ada@example.org")
    task = Task.objects.create(owner=ada, title="Call Bea", due="2026-03-02")
    expire_every_session()

    response = client.post(
        f"/tasks/{task.pk}/done/", **HTMX, HTTP_HOST=HOST,
        HTTP_HX_CURRENT_URL=f"https://{HOST}/people/?q=bea",
    )

    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=/people/%3Fq%3Dbea"
    assert response.content == b""  # nothing for htmx to swap in
    task.refresh_from_db()
    assert task.status == "open"


def test_the_page_to_come_back_to_is_never_another_site(client, hosted):
    response = client.get("/people/", **HTMX, HTTP_HOST=HOST,
                          HTTP_HX_CURRENT_URL="https://evil.example/x")

    assert response["HX-Redirect"] == "/accounts/login/?next=/"


def test_without_the_current_page_it_comes_back_to_the_fragments_own_address(client, hosted):
    response = client.get("/people/?page=2", **HTMX)

    assert response["HX-Redirect"] == "/accounts/login/?next=/people/%3Fpage%3D2"


def test_a_signed_in_htmx_request_is_answered_as_usual(client, ada):
    sign_in(client, "ada@example.org")

    response = client.get("/people/", **HTMX)

    assert response.status_code == 200 and "HX-Redirect" not in response
