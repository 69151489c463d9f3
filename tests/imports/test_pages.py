"""The import page (upload, mapping, preview, result), the duplicates page and merging."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from followthrough.imports import uploads
from followthrough.imports.duplicates import merge_people, suspected_duplicates
from followthrough.tracker.models import (
    Interaction,
    Opportunity,
    OpportunityPerson,
    Organization,
    Person,
    RapportNote,
    Tag,
    Task,
)

from .conftest import FIXTURES, fixture_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def home(tmp_path, settings):
    settings.HOME = tmp_path


def upload(client, name: str, content: bytes, kind: str = "auto"):
    return client.post(reverse("import"), {"file": SimpleUploadedFile(name, content), "kind": kind})


def test_a_linkedin_file_goes_from_upload_to_preview_to_result(owner_client, owner):
    content = (
        fixture_text("Connections_2025-12_preamble_header.csv")
        + "Ada,Lovelace,,ada@example.com,Acme,CTO,04 Dec 2025\n,,,,,,04 Dec 2025\n"
    )
    response = upload(owner_client, "Connections.csv", content.encode())
    assert response.status_code == 302
    preview = owner_client.get(response["Location"])

    assert preview.status_code == 200
    assert "Read as LinkedIn Connections.csv. Nothing has been written yet." in preview.text
    assert (
        "Would import Connections.csv (LinkedIn): 1 person created, 1 organization created,"
        " 1 row skipped."
    ) in preview.text
    assert "Ada Lovelace" in preview.text
    assert not Person.objects.exists()

    token = response["Location"].rstrip("/").split("/")[-1]
    done = owner_client.post(reverse("import-run", args=[token]), follow=True)
    assert done.redirect_chain[-1][0] == reverse("import-done")
    assert (
        "Imported Connections.csv (LinkedIn): 1 person created, 1 organization created,"
        " 1 row skipped."
    ) in done.text
    assert "row 6: no name (a hidden profile): nothing to import." in done.text
    assert Person.objects.get().owner == owner
    assert not uploads.folder().joinpath(token).exists()


def test_a_spreadsheet_shows_a_guessed_mapping_that_can_be_changed(owner_client, owner):
    response = upload(owner_client, "s.csv", b"Who,Company,Job\nAda,Acme,CTO\n")
    url = response["Location"]
    page = owner_client.get(url)
    assert '<option value="Company" selected>Company</option>' in page.text
    assert "Would import s.csv (spreadsheet): 2 organizations created" not in page.text

    changed = owner_client.post(
        url, {"map_name": "Who", "map_organization": "Company", "map_role": "Job"},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert changed.status_code == 200
    assert "<html" not in changed.text  # the preview fragment only
    assert (
        "Would import s.csv (spreadsheet): 1 person created, 1 organization created,"
        " 1 opportunity created."
    ) in changed.text

    token = url.rstrip("/").split("/")[-1]
    owner_client.post(reverse("import-run", args=[token]))
    assert Opportunity.objects.get(owner=owner).role == "CTO"


def test_a_bad_row_is_shown_in_the_preview_and_nothing_is_imported(owner_client, owner):
    response = upload(owner_client, "s.csv", b"Name,Met on\nAda,2026-02-30\n")
    page = owner_client.get(response["Location"])

    assert "s.csv, row 2, Met on: &#x27;2026-02-30&#x27; is not a date" in page.text
    token = response["Location"].rstrip("/").split("/")[-1]
    run = owner_client.post(reverse("import-run", args=[token]))
    assert run.status_code == 400
    assert not Person.objects.exists()


def test_a_binary_file_is_refused_at_upload(owner_client):
    response = upload(owner_client, "photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00IHDR")

    assert response.status_code == 200
    assert (
        "photo.csv: this is a PNG picture, not a text file" in response.text
    )
    assert [p for p in uploads.folder().iterdir()] == []


def test_a_file_over_the_limit_is_refused_before_it_is_read(owner_client):
    response = owner_client.post(
        reverse("import"), data=b"x", content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )  # fmt: skip
    assert response.status_code == 200
    assert "The file is 50 MB, more than the 20 MB an import accepts" in response.text


def test_an_outsider_cannot_see_or_run_someone_elses_upload(owner_client, owner, outsider, client):
    response = upload(owner_client, "c.vcf", (FIXTURES / "vobject__radicale-1587.vcf").read_bytes())
    token = response["Location"].rstrip("/").split("/")[-1]
    client.force_login(outsider)

    assert client.get(reverse("import-preview", args=[token])).status_code == 404
    assert client.post(reverse("import-run", args=[token])).status_code == 404
    assert client.get(reverse("import-preview", args=["not.a-token"])).status_code == 404
    assert not Person.objects.exists()


# Duplicates and merging ----------------------------------------------------------------


@pytest.fixture
def twins(owner):
    acme = Organization.objects.create(owner=owner, name="Acme")
    keep = Person.objects.create(owner=owner, name="Ada Lovelace", emails=["ada@example.com"])
    other = Person.objects.create(
        owner=owner, name="Ada Lovelace", emails=["ADA@example.com", "ada@home.example"],
        organization=acme, title="CTO", birthday_month=12, birthday_day=10, notes="Rows.",
    )  # fmt: skip
    return keep, other


def test_suspected_duplicates_share_an_email_a_profile_or_a_name(owner, twins):
    Person.objects.create(owner=owner, name="Bo", linkedin_url="https://linkedin.com/in/bo")
    Person.objects.create(owner=owner, name="Bo D", linkedin_url="https://www.linkedin.com/in/bo/")
    Person.objects.create(owner=owner, name="Cleo")
    Person.objects.create(owner=owner, name=" cleo ")
    Person.objects.create(owner=owner, name="Dan")

    groups = [(g.reason, [p.name for p in g.people]) for g in suspected_duplicates(owner)]

    assert groups == [
        ("same email (ada@example.com)", ["Ada Lovelace", "Ada Lovelace"]),
        ("same LinkedIn profile", ["Bo", "Bo D"]),
        ("same name", [" cleo ", "Cleo"]),
    ]


def test_merging_moves_the_timeline_opportunities_tasks_and_tags(owner, twins):
    keep, other = twins
    tag = Tag.objects.create(owner=owner, name="mentor")
    other.tags.add(tag)
    shared = Interaction.objects.create(owner=owner, kind="call", occurred_on=dt.date(2026, 1, 1))
    shared.people.set([keep, other])
    alone = Interaction.objects.create(owner=owner, kind="email", occurred_on=dt.date(2026, 1, 2))
    alone.people.set([other])
    opp = Opportunity.objects.create(
        owner=owner, organization=other.organization, role="Dev", referred_by=other
    )
    OpportunityPerson.objects.create(opportunity=opp, person=other, role="referrer")
    OpportunityPerson.objects.create(opportunity=opp, person=keep, role="referrer")
    task = Task.objects.create(
        owner=owner, title="Thank Ada", due=dt.date(2026, 1, 3), person=other
    )

    merge_people(owner, keep, other)

    keep.refresh_from_db()
    assert not Person.objects.filter(pk=other.pk).exists()
    assert keep.emails == ["ada@example.com", "ada@home.example"]
    assert (keep.title, keep.organization.name, keep.birthday_display) == ("CTO", "Acme", "--12-10")
    assert keep.notes == "Rows."
    assert set(keep.interactions.all()) == {shared, alone}
    assert list(shared.people.all()) == [keep]
    assert list(OpportunityPerson.objects.values_list("person_id", "role")) == [
        (keep.pk, "referrer")
    ]
    assert Opportunity.objects.get().referred_by == keep
    assert Task.objects.get(pk=task.pk).person == keep
    assert list(keep.tags.all()) == [tag]


def test_merging_keeps_the_rapport_notes_of_the_person_merged_away(owner, twins):
    """Each thank-you draws on its own person's note: the notes follow the person."""
    keep, other = twins
    alone = Interaction.objects.create(owner=owner, kind="coffee", occurred_on=dt.date(2026, 1, 2))
    alone.people.set([other])
    RapportNote.objects.create(interaction=alone, person=other, note="We both row")
    shared = Interaction.objects.create(owner=owner, kind="interview",
                                        occurred_on=dt.date(2026, 1, 3))  # fmt: skip
    shared.people.set([keep, other])
    RapportNote.objects.create(interaction=shared, person=keep, note="Berlin marathon")
    RapportNote.objects.create(interaction=shared, person=other, note="Her dog Turing")
    only_other = Interaction.objects.create(owner=owner, kind="call",
                                            occurred_on=dt.date(2026, 1, 4))  # fmt: skip
    only_other.people.set([keep, other])
    RapportNote.objects.create(interaction=only_other, person=other, note="Loves Lisbon")

    merge_people(owner, keep, other)

    notes = RapportNote.objects.order_by("interaction__occurred_on")
    assert [(n.interaction_id, n.person_id, n.note) for n in notes] == [
        (alone.pk, keep.pk, "We both row"),
        (shared.pk, keep.pk, "Berlin marathon\nHer dog Turing"),
        (only_other.pk, keep.pk, "Loves Lisbon"),
    ]


def test_merging_a_person_into_themselves_is_refused(owner, twins):
    keep, _ = twins
    with pytest.raises(ValueError, match="choose two different people"):
        merge_people(owner, keep, keep)


def test_the_duplicates_page_lists_them_and_the_merge_page_merges(owner_client, owner, twins):
    keep, other = twins
    page = owner_client.get(reverse("people-duplicates"))
    merge_url = reverse("person-merge", args=[keep.pk, other.pk])
    assert merge_url in page.text
    assert "same email (ada@example.com)" in page.text

    confirm = owner_client.get(merge_url)
    assert "Merge Ada Lovelace into Ada Lovelace?" in confirm.text
    assert reverse("person-merge", args=[other.pk, keep.pk]) in confirm.text  # swap

    done = owner_client.post(merge_url)
    assert done["Location"] == reverse("person-detail", args=[keep.pk])
    assert Person.objects.count() == 1


def test_an_outsider_gets_404_on_the_merge_page(client, outsider, twins):
    keep, other = twins
    client.force_login(outsider)

    assert client.get(reverse("person-merge", args=[keep.pk, other.pk])).status_code == 404
    assert client.post(reverse("person-merge", args=[keep.pk, other.pk])).status_code == 404
    assert Person.objects.count() == 2
    assert "Ada" not in client.get(reverse("people-duplicates")).text


def test_the_people_and_settings_pages_link_to_import_and_duplicates(owner_client):
    for page in ("people", "settings"):
        text = owner_client.get(reverse(page)).text
        assert reverse("import") in text and reverse("people-duplicates") in text
