"""The "Your data" page: downloads, restore upload, and only ever the signed-in owner's data."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from followthrough.tracker.models import Person

from .conftest import build_workspace, export_text, normalised


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def upload(text: str, name: str = "backup.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="application/json")


def test_the_page_offers_every_download_and_the_restore_form(owner_client, sam_data):
    response = owner_client.get("/data/")

    assert response.status_code == 200
    page = response.content.decode()
    for href in ["/data/backup.json", "/data/people.csv", "/data/organizations.csv",
                 "/data/opportunities.csv", "/data/interactions.csv", "/data/tasks.csv",
                 "/data/people.vcf"]:  # fmt: skip
        assert f'href="{href}"' in page
    assert 'enctype="multipart/form-data"' in page
    assert 'name="replace"' in page and 'name="confirm"' in page
    assert "3 people" in page


def test_the_settings_page_links_to_it(owner_client):
    assert 'href="/data/"' in owner_client.get("/settings/").content.decode()


def test_the_json_download_is_the_owners_backup(owner_client, owner, sam_data):
    response = owner_client.get("/data/backup.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Cache-Control"] == "no-store"
    assert normalised(body(response).decode()) == normalised(export_text(owner))


def test_the_downloads_are_named_by_the_day(owner_client, sam_data):
    names = {
        url: owner_client.get(url)["Content-Disposition"]
        for url in ["/data/backup.json", "/data/people.csv", "/data/people.vcf"]
    }

    assert names == {
        "/data/backup.json": 'attachment; filename="followthrough-backup-2026-03-02.json"',
        "/data/people.csv": 'attachment; filename="followthrough-people-2026-03-02.csv"',
        "/data/people.vcf": 'attachment; filename="followthrough-people-2026-03-02.vcf"',
    }


def test_csv_and_vcard_downloads(owner_client, sam_data):
    csv = owner_client.get("/data/interactions.csv")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert body(csv).startswith(b"\xef\xbb\xbfId,Date,Time,Kind")

    vcf = owner_client.get("/data/people.vcf")
    assert vcf["Content-Type"] == "text/vcard; charset=utf-8"
    assert body(vcf).count(b"BEGIN:VCARD") == 3

    assert owner_client.get("/data/secrets.csv").status_code == 404


def test_an_outsider_downloads_only_their_own_data(outsider_client, outsider, owner, sam_data):
    Person.objects.create(owner=outsider, name="Olive's contact")

    backup = body(outsider_client.get("/data/backup.json")).decode()
    csv = body(outsider_client.get("/data/people.csv")).decode()
    vcf = body(outsider_client.get("/data/people.vcf")).decode()

    for text in (backup, csv, vcf):
        assert "Olive's contact" in text
        assert "Ada Lovelace" not in text
    assert len(json.loads(backup)["people"]) == 1


def test_downloads_are_get_only(owner_client):
    assert owner_client.post("/data/backup.json").status_code == 405


def test_restoring_an_upload_into_an_empty_workspace(outsider_client, outsider, owner, sam_data):
    text = export_text(owner)

    response = outsider_client.post("/data/", {"file": upload(text)}, follow=True)

    assert response.redirect_chain == [("/data/", 302)]
    assert "Restored 2 tags, 1 organization, 3 people" in response.content.decode()
    assert normalised(export_text(outsider)) == normalised(text)


def test_a_workspace_with_data_needs_replace(outsider_client, outsider, owner, sam_data):
    build_workspace(outsider)
    before = export_text(outsider)

    response = outsider_client.post("/data/", {"file": upload(export_text(owner))})

    assert response.status_code == 400
    assert "Your workspace already has data (2 tags, 1 organization, 3 people" in (
        response.content.decode()
    )
    assert "tick “Replace everything in my workspace” to restore over it" in (
        response.content.decode()
    )
    assert export_text(outsider) == before


def test_replace_asks_for_the_confirmation(outsider_client, outsider, owner, sam_data):
    build_workspace(outsider)
    before = export_text(outsider)

    refused = outsider_client.post("/data/", {"file": upload(export_text(owner)), "replace": "on"})

    assert refused.status_code == 400
    assert "Tick “Yes, delete my current data first” to replace your data." in (
        refused.content.decode()
    )
    assert export_text(outsider) == before

    text = export_text(owner)
    done = outsider_client.post("/data/", {"file": upload(text), "replace": "on", "confirm": "on"})
    assert done.status_code == 302
    assert normalised(export_text(outsider)) == normalised(text)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfeN\x00a\x00m\x00e\x00", "is not UTF-8 text, so it is not a Followthrough backup"),
        (b"Name,Email\n", "contacts.csv is not a readable backup: it is not a JSON object"),
    ],
)
def test_a_bad_upload_is_one_message_and_changes_nothing(
    outsider_client, outsider, content, message
):
    response = outsider_client.post("/data/", {"file": SimpleUploadedFile("contacts.csv", content)})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Person.objects.filter(owner=outsider).exists()


def test_no_file_is_a_clear_error(owner_client):
    response = owner_client.post("/data/", {})

    assert response.status_code == 400
    assert "Choose the backup file (.json) to restore." in response.content.decode()
