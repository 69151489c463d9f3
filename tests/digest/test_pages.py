"""The digest's settings page: on/off, hour, address; a test send; every page is the user's own."""

from __future__ import annotations

from django.urls import reverse

from followthrough.digest import services
from followthrough.digest.models import DigestSettings


def test_the_page_shows_the_form_and_the_status(owner_client):
    response = owner_client.get(reverse("digest-settings"))
    html = response.content.decode()

    assert response.status_code == 200
    assert 'name="enabled"' in html and 'name="hour"' in html and 'name="address"' in html
    assert '<option value="7" selected>07:00</option>' in html
    assert "Never" in html
    assert "mail is printed to the console" in html


def test_saving_turns_it_on(owner_client, owner, settings):
    settings.EMAIL_HOST = "smtp.example.com"
    response = owner_client.post(
        reverse("digest-settings"),
        {"enabled": "on", "hour": "6", "address": " sam@example.com "},
        follow=True,
    )

    assert "Digest settings saved." in response.content.decode()
    stored = DigestSettings.objects.get(owner=owner)
    assert (stored.enabled, stored.hour, stored.address) == (True, 6, "sam@example.com")
    assert "On, at 06:00" in response.content.decode()


def test_turning_it_on_without_an_address_says_where_and_saves_nothing(
    owner_client, owner, settings
):
    settings.EMAIL_HOST = "smtp.example.com"
    response = owner_client.post(
        reverse("digest-settings"), {"enabled": "on", "hour": "7", "address": ""}
    )

    assert response.status_code == 400
    assert "To: give the email address the digest should go to." in response.content.decode()
    assert DigestSettings.objects.get(owner=owner).enabled is False


def test_an_hour_out_of_range_is_refused(owner_client, owner):
    response = owner_client.post(
        reverse("digest-settings"), {"enabled": "on", "hour": "25", "address": "sam@example.com"}
    )
    assert response.status_code == 400
    assert DigestSettings.objects.get(owner=owner).enabled is False


def test_each_owner_sees_and_changes_only_their_own_settings(owner_client, owner, outsider):
    services.update_settings(outsider, enabled=True, hour=9, address="olive@example.com")

    html = owner_client.get(reverse("digest-settings")).content.decode()
    owner_client.post(
        reverse("digest-settings"), {"enabled": "", "hour": "5", "address": "sam@example.com"}
    )

    assert "olive@example.com" not in html
    olive = DigestSettings.objects.get(owner=outsider)
    assert (olive.enabled, olive.hour, olive.address) == (True, 9, "olive@example.com")


def test_a_failed_send_is_shown_until_one_succeeds(owner_client, owner):
    services.update_settings(owner, enabled=True, hour=7, address="sam@example.com")
    DigestSettings.objects.filter(owner=owner).update(
        last_error="the mail server could not be reached (Connection refused)",
        last_error_at="2026-01-15T12:00:00Z",
    )

    html = owner_client.get(reverse("digest-settings")).content.decode()

    assert "failed: the mail server could not be reached (Connection refused)" in html
    assert "retried on the next pass" in html


def test_send_a_test_uses_the_configured_backend_and_marks_nothing_sent(
    owner_client, owner, mailoutbox
):
    services.update_settings(owner, enabled=True, hour=7, address="sam@example.com")

    assert owner_client.get(reverse("digest-test")).status_code == 405
    response = owner_client.post(reverse("digest-test"), follow=True)

    assert [m.to for m in mailoutbox] == [["sam@example.com"]]
    assert "A test digest to sam@example.com was" in response.content.decode()
    assert DigestSettings.objects.get(owner=owner).last_sent_on is None


def test_send_a_test_without_an_address_says_so(owner_client, mailoutbox):
    response = owner_client.post(reverse("digest-test"), follow=True)

    assert "address: save the address the digest should go to first." in response.content.decode()
    assert mailoutbox == []
