"""The mail pages: addresses, imports, the people not here yet, suggestions on Today."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from followthrough.mail import service
from followthrough.mail.models import Suggestion, UnknownAddress
from followthrough.mail.settings import mail_settings
from followthrough.tracker.models import Interaction, Person, Stage

from .conftest import sample

NOW = dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)


def upload(name: str, kind: str, data: bytes | None = None):
    data = sample(name).read_bytes() if data is None else data
    return {"mail-kind": kind, "mail-file": SimpleUploadedFile(name, data)}


def test_addresses_saved_from_the_settings_page_card(owner_client, owner):
    page = owner_client.get("/settings/")
    assert b"Your email addresses" in page.content and b"/mail/addresses/" in page.content
    response = owner_client.post(
        "/mail/addresses/", {"my_emails": "Sam@Example.com, sam@work.example", "next": "/settings/"}
    )
    assert response.status_code == 302 and response["Location"] == "/settings/"
    assert mail_settings(owner).my_emails == ["sam@example.com", "sam@work.example"]


def test_bad_address_is_one_clear_error_and_nothing_saved(owner_client, owner):
    response = owner_client.post("/mail/addresses/", {"my_emails": "sam@", "snippet_shown": "1"})
    assert response.status_code == 400
    assert (
        "Your email addresses: &#x27;sam@&#x27; is not an email address"
        in response.content.decode()
    )
    assert mail_settings(owner).my_emails == []


def test_snippet_switch_on_the_mail_page(owner_client, owner):
    owner_client.post(
        "/mail/addresses/",
        {"my_emails": "sam@example.com", "keep_snippet": "on", "snippet_shown": "1"},
    )
    assert mail_settings(owner).keep_snippet is True


def test_import_page_offers_mail_and_calendar_files(owner_client):
    page = owner_client.get("/import/").content.decode()
    assert 'action="/mail/import/"' in page and "Calendar (.ics)" in page


def test_mbox_upload_logs_and_lists_unknown_people_with_one_click_add(seeker, owner_client, owner):
    response = owner_client.post("/mail/import/", upload("thunderbird.mbox", "mbox"))
    assert response.status_code == 302 and response["Location"] == "/mail/people/"
    assert Interaction.objects.filter(owner=owner).count() == 2
    page = owner_client.get("/mail/people/").content.decode()
    assert "pat@elsewhere.example" in page and "Pat Unknown" in page
    owner_client.post("/mail/people/add/", {"address": "pat@elsewhere.example"})
    pat = Person.objects.get(owner=owner, name="Pat Unknown")
    assert pat.emails == ["pat@elsewhere.example"]
    assert not UnknownAddress.objects.filter(owner=owner).exists()


def test_junk_upload_is_a_clear_error(seeker, owner_client, owner):
    response = owner_client.post("/mail/import/", upload("junk.ics", "ics", b"\x00\x01junk"))
    assert response.status_code == 400
    assert "junk.ics: this is not an iCalendar file" in response.content.decode()
    assert not Interaction.objects.filter(owner=owner).exists()


def test_ics_upload(seeker, owner_client, owner):
    response = owner_client.post("/mail/import/", upload("google.ics", "ics"))
    assert response.status_code == 302
    assert Interaction.objects.get(owner=owner).summary == "Coffee with Renée"


def test_sync_now_without_an_account_says_so(owner_client):
    response = owner_client.post("/mail/sync/", follow=True)
    assert "IMAP is not set up yet" in response.content.decode()


def test_password_never_on_the_page(owner_client, owner, monkeypatch, tmp_path):
    from followthrough.mail import secret

    monkeypatch.setenv("FOLLOWTHROUGH_HOME", str(tmp_path))
    secret.store("s3cret-words")
    page = owner_client.get("/mail/").content.decode()
    assert "s3cret-words" not in page


@time_machine.travel(NOW, tick=False)
def test_rejection_suggestion_on_today_accept_moves_and_opens_the_thanks(
    seeker, owner_client, owner
):
    service.import_eml_bytes(owner, [("absage.eml", sample("absage.eml").read_bytes())])
    today = owner_client.get("/").content.decode()
    assert "From your mail" in today and "Move Engineer at Initech to rejected?" in today
    suggestion = Suggestion.objects.get(owner=owner)
    response = owner_client.post(f"/mail/suggestions/{suggestion.pk}/accept/")
    assert response.status_code == 302
    assert response["Location"].startswith(f"/drafts/people/{seeker['joerg'].pk}/?template=let-go")
    seeker["engineer"].refresh_from_db()
    assert seeker["engineer"].stage == Stage.REJECTED
    assert "From your mail" not in owner_client.get("/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_interview_suggestion_accept_opens_the_log_and_dismiss_hides(seeker, owner_client, owner):
    service.import_eml_bytes(owner, [("invite.eml", sample("invite.eml").read_bytes())])
    suggestion = Suggestion.objects.get(owner=owner)
    response = owner_client.post(f"/mail/suggestions/{suggestion.pk}/accept/")
    assert response["Location"].startswith("/log/?kind=interview")
    seeker["analyst"].refresh_from_db()
    assert seeker["analyst"].stage == Stage.INTERVIEWING
    Suggestion.objects.filter(pk=suggestion.pk).update(status="open")
    owner_client.post(f"/mail/suggestions/{suggestion.pk}/dismiss/")
    assert Suggestion.objects.get(pk=suggestion.pk).status == "dismissed"


def test_outsiders_get_404_on_suggestions(seeker, owner, outsider_client):
    service.import_eml_bytes(owner, [("invite.eml", sample("invite.eml").read_bytes())])
    suggestion = Suggestion.objects.get(owner=owner)
    assert outsider_client.post(f"/mail/suggestions/{suggestion.pk}/accept/").status_code == 404
    assert outsider_client.post(f"/mail/suggestions/{suggestion.pk}/dismiss/").status_code == 404
    assert Suggestion.objects.get(pk=suggestion.pk).status == "open"
