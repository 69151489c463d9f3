"""The calendar page: the private address, subscribe instructions, regenerate; the timeline link."""

from __future__ import annotations

from django.urls import reverse

from followthrough.calendar_feed import services


def test_the_page_shows_the_owners_private_address_and_how_to_subscribe(owner_client, owner):
    response = owner_client.get(reverse("calendar"))
    html = response.content.decode()

    token = services.token_for(owner).token
    assert response.status_code == 200
    assert f"http://testserver/calendar/{token}.ics" in html
    assert f'href="webcal://testserver/calendar/{token}.ics"' in html
    for program in ("Google Calendar", "Outlook", "Apple Calendar"):
        assert program in html
    assert 'data-copy="#feed-url"' in html


def test_an_outsider_sees_only_their_own_address(outsider_client, owner, outsider):
    sams = services.token_for(owner).token

    html = outsider_client.get(reverse("calendar")).content.decode()

    assert sams not in html
    assert services.token_for(outsider).token in html


def test_regenerate_is_a_post_that_replaces_the_address(owner_client, owner):
    old = services.token_for(owner).token

    assert owner_client.get(reverse("calendar-regenerate")).status_code == 405
    response = owner_client.post(reverse("calendar-regenerate"), follow=True)

    new = services.token_for(owner).token
    html = response.content.decode()
    assert new != old
    assert new in html and old not in html
    assert "The old one no longer works" in html
    assert owner_client.get(reverse("calendar-feed", args=[old])).status_code == 404


def test_regenerate_needs_the_csrf_token(owner, client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    old = services.token_for(owner).token

    assert strict.post(reverse("calendar-regenerate")).status_code == 403
    assert services.token_for(owner).token == old


def test_an_outsiders_regenerate_leaves_the_owners_address_alone(outsider_client, owner):
    sams = services.token_for(owner).token
    outsider_client.post(reverse("calendar-regenerate"))
    assert services.token_for(owner).token == sams


def test_the_settings_page_links_to_the_calendar_and_the_digest(owner_client):
    html = owner_client.get(reverse("settings")).content.decode()
    assert f'href="{reverse("calendar")}"' in html
    assert f'href="{reverse("digest-settings")}"' in html


def test_interviews_on_a_persons_timeline_have_an_ics_download(owner_client, search):
    html = owner_client.get(reverse("person-detail", args=[search.ada.pk])).content.decode()

    assert reverse("interview-ics", args=[search.after_dst.pk]) in html
    assert reverse("interview-ics", args=[search.untimed.pk]) in html
    assert reverse("interview-ics", args=[search.call.pk]) not in html
