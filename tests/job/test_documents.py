"""Documents per application (issue 13, point 4): the exact résumé and cover letter sent,
kept in the data folder, size-capped, listed with the date sent, reusable, and backed
up by checksum in the JSON plus a separate archive of the files."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from followthrough.backup.export_json import write_json
from followthrough.backup.restore import restore
from followthrough.tracker.models import Document, DocumentSent, Opportunity
from followthrough.tracker.services import documents
from followthrough.tracker.services import opportunities as opp_service
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import local_owner, workspace_for
from tests.cli_helpers import failure, ok

TODAY = dt.date(2026, 12, 6)
CV = b"%PDF-1.4\n% Sam's resume, version 3\n"
LETTER = b"Dear hiring manager,\nI would like to...\n"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_folder(settings, tmp_path):
    settings.HOME = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


def opp(owner, role="Analyst", org="Contoso") -> Opportunity:
    return opp_service.add_opportunity(
        owner, opp_service.OpportunityInput(role, org, stage="applied"), TODAY
    )


def upload(name: str, content: bytes, type_: str = "application/pdf"):
    return SimpleUploadedFile(name, content, type_)


# The web page --------------------------------------------------------------------------


def test_attach_a_new_file_then_reuse_it_on_another_application(owner_client, owner, data_folder):
    first, second = opp(owner), opp(owner, "Engineer", "Northwind")
    response = owner_client.post(
        reverse("opportunity-document", args=[first.pk]),
        {"file": upload("cv-v3.pdf", CV), "kind": "resume", "sent_on": "2026-12-01"},
    )
    assert response.status_code == 302 and response.url.endswith("#documents")
    doc = Document.objects.get(owner=owner)
    assert (doc.name, doc.kind, doc.filename, doc.size) == ("cv-v3", "resume", "cv-v3.pdf", len(CV))
    stored = data_folder / "documents" / str(owner.pk) / hashlib.sha256(CV).hexdigest()
    assert stored.read_bytes() == CV

    page = owner_client.get(reverse("opportunity-detail", args=[first.pk])).content.decode()
    assert "Résumé · sent <time datetime=\"2026-12-01\">Tue 1 Dec 2026</time>" in page
    assert reverse("document-download", args=[doc.pk]) in page

    # The same résumé on another application: chosen from the list, not uploaded again.
    page = owner_client.get(reverse("opportunity-detail", args=[second.pk])).content.decode()
    assert f'<option value="{doc.pk}">cv-v3 (Résumé)</option>' in page
    owner_client.post(reverse("opportunity-document", args=[second.pk]), {"document": doc.pk})
    # Uploading the very same file again is the same document too.
    owner_client.post(
        reverse("opportunity-document", args=[second.pk]),
        {"file": upload("copy.pdf", CV), "kind": "resume"},
    )
    assert Document.objects.count() == 1
    assert sorted(DocumentSent.objects.values_list("opportunity_id", "sent_on")) == [
        (first.pk, dt.date(2026, 12, 1)), (second.pk, TODAY),
    ]  # fmt: skip

    download = owner_client.get(reverse("document-download", args=[doc.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == CV
    assert 'attachment; filename="cv-v3.pdf"' in download["Content-Disposition"]

    listing = owner_client.get(reverse("documents")).content.decode()
    assert "Analyst at Contoso" in listing and "Engineer at Northwind" in listing


def test_too_large_wrong_type_or_nothing_is_one_message_and_nothing_kept(
    owner_client, owner, data_folder, monkeypatch
):
    target = opp(owner)
    url = reverse("opportunity-document", args=[target.pk])
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 10)
    response = owner_client.post(url, {"file": upload("cv.pdf", CV)}, follow=True)
    assert "File: the file is too large" in response.content.decode()
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 10 * 1024 * 1024)
    response = owner_client.post(url, {"file": upload("cv.exe", CV)}, follow=True)
    assert "File: &#x27;cv.exe&#x27; is not a document this keeps" in response.content.decode()
    response = owner_client.post(url, {}, follow=True)
    assert "Choose a document you keep, or a file to upload" in response.content.decode()
    response = owner_client.post(url, {"file": upload("cv.pdf", CV), "sent_on": "2026-13-01"},
                                 follow=True)  # fmt: skip
    assert "Sent on: &#x27;2026-13-01&#x27; is not a date" in response.content.decode()
    assert not Document.objects.exists() and not DocumentSent.objects.exists()
    assert not list((data_folder / "documents").rglob("*")) or all(
        p.is_dir() for p in (data_folder / "documents").rglob("*")
    )


def test_the_stream_cap_holds_even_when_the_size_lies(owner, data_folder, monkeypatch):
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 10)
    with pytest.raises(InputError, match="too large"):
        documents.add_document(owner, io.BytesIO(CV), "cv.pdf")
    assert not [p for p in (data_folder / "documents").rglob("*") if p.is_file()]


def test_outsiders_get_404(outsider_client, owner):
    target = opp(owner)
    doc, _ = documents.add_document(owner, io.BytesIO(CV), "cv.pdf", kind="resume")
    sent = documents.attach(owner, target, doc, TODAY)
    assert outsider_client.get(reverse("document-download", args=[doc.pk])).status_code == 404
    assert outsider_client.post(
        reverse("opportunity-document", args=[target.pk]), {"document": doc.pk}
    ).status_code == 404
    assert outsider_client.post(
        reverse("opportunity-document-remove", args=[target.pk, sent.pk])
    ).status_code == 404
    assert outsider_client.post(reverse("document-delete", args=[doc.pk])).status_code == 404
    assert DocumentSent.objects.count() == 1


def test_an_outsider_cannot_attach_my_document_to_theirs(outsider_client, outsider, owner):
    doc, _ = documents.add_document(owner, io.BytesIO(CV), "cv.pdf")
    theirs = opp(outsider)
    response = outsider_client.post(
        reverse("opportunity-document", args=[theirs.pk]), {"document": doc.pk}
    )
    assert response.status_code == 404
    assert not DocumentSent.objects.exists()


def test_remove_from_an_application_keeps_the_document_delete_asks_first(
    owner_client, owner, data_folder
):
    target = opp(owner)
    doc, _ = documents.add_document(owner, io.BytesIO(CV), "cv.pdf", kind="resume")
    sent = documents.attach(owner, target, doc, TODAY)
    owner_client.post(reverse("opportunity-document-remove", args=[target.pk, sent.pk]))
    assert Document.objects.count() == 1 and not DocumentSent.objects.exists()
    ask = owner_client.get(reverse("document-delete", args=[doc.pk])).content.decode()
    assert "Delete cv?" in ask
    owner_client.post(reverse("document-delete", args=[doc.pk]))
    assert not Document.objects.exists()
    assert not documents.path_of(doc).exists()


# The CLI -------------------------------------------------------------------------------------


def test_the_cli_keeps_sends_lists_and_exports(tmp_path):
    (tmp_path / "cv.pdf").write_bytes(CV)
    (tmp_path / "letter.txt").write_bytes(LETTER)
    pk = json.loads(ok("opp", "add", "Analyst", "--org", "Contoso", "--json"))["id"]
    out = ok("doc", "add", str(tmp_path / "cv.pdf"), "--kind", "resume", "--sent-with", str(pk),
             "--sent-on", "2026-12-01")  # fmt: skip
    assert out.startswith("Added cv (id ") and "Sent with Analyst at Contoso" in out
    assert ok("doc", "add", str(tmp_path / "cv.pdf")).startswith("Already kept cv")
    ok("doc", "add", str(tmp_path / "letter.txt"), "--kind", "cover-letter", "--name", "Letter")
    ok("doc", "send", "Letter", str(pk))
    shown = json.loads(ok("opp", "show", str(pk), "--json"))["documents"]
    assert [(d["name"], d["sent_on"]) for d in shown] == [
        ("cv", "2026-12-01"), ("Letter", "2026-12-06"),
    ]  # fmt: skip
    assert "Documents sent: cv (id " in ok("opp", "show", str(pk))
    data = json.loads(ok("doc", "list", "--json"))
    assert [(d["name"], d["kind"], [s["sent_on"] for s in d["sent"]]) for d in data] == [
        ("cv", "resume", ["2026-12-01"]), ("Letter", "cover_letter", ["2026-12-06"]),
    ]  # fmt: skip
    assert "--sent-with: no opportunity with id '99'" in failure(
        "doc", "add", str(tmp_path / "cv.pdf"), "--sent-with", "99"
    )
    (tmp_path / "cv.exe").write_bytes(CV)
    assert "is not a document this keeps" in failure("doc", "add", str(tmp_path / "cv.exe"))
    assert "is not a file" in failure("doc", "add", str(tmp_path / "nope.pdf"))
    assert "Wrote 2 documents to" in ok("export", "documents", "--out", str(tmp_path / "d.zip"))
    with zipfile.ZipFile(tmp_path / "d.zip") as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert names == {"manifest.json", *(f"files/{d['sha256']}" for d in data)}
    assert manifest["format"] == "followthrough-documents"
    ok("doc", "unsend", "Letter", str(pk))
    assert "Deleted Letter." in ok("doc", "delete", "Letter", "--yes")


# Backup: the JSON names files by checksum; the archive carries them -----------------------------


def test_backup_by_checksum_plus_archive_restores_the_files(owner, data_folder):
    target = opp(owner)
    doc, _ = documents.add_document(owner, io.BytesIO(CV), "cv.pdf", kind="resume")
    documents.attach(owner, target, doc, dt.date(2026, 12, 1))
    text = io.StringIO()
    write_json(owner, text)
    backup = json.loads(text.getvalue())
    assert backup["documents"][0]["sha256"] == hashlib.sha256(CV).hexdigest()
    assert backup["documents_sent"][0]["sent_on"] == "2026-12-01"
    archive = io.BytesIO()
    documents.write_archive(owner, archive)

    other = get_user_model().objects.create_user("elsewhere")
    workspace_for(other)
    restore(other, io.StringIO(text.getvalue()))
    copy = Document.objects.get(owner=other)
    assert documents.missing_files(other) == [copy]  # the JSON alone has no files
    archive.seek(0)
    assert documents.read_archive(other, archive) == {"restored": 1, "already": 0, "unknown": 0}
    assert documents.path_of(copy).read_bytes() == CV
    assert DocumentSent.objects.get(document=copy).opportunity.owner == other


def test_an_archive_with_a_tampered_file_is_refused(owner, data_folder):
    doc, _ = documents.add_document(owner, io.BytesIO(CV), "cv.pdf")
    archive = io.BytesIO()
    documents.write_archive(owner, archive)
    documents.path_of(doc).unlink()
    tampered = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive.getvalue())) as src, zipfile.ZipFile(
        tampered, "w"
    ) as dst:
        for name in src.namelist():
            dst.writestr(name, b"not the cv" if name.startswith("files/") else src.read(name))
    tampered.seek(0)
    with pytest.raises(InputError, match="does not match its checksum"):
        documents.read_archive(owner, tampered)
    assert not documents.path_of(doc).exists()
    with pytest.raises(InputError, match="not a documents archive"):
        documents.read_archive(owner, io.BytesIO(b"plain text"))


def test_your_data_offers_the_documents_archive(owner_client, owner):
    documents.add_document(owner, io.BytesIO(CV), "cv.pdf")
    page = owner_client.get(reverse("your-data")).content.decode()
    assert reverse("documents-archive") in page
    response = owner_client.get(reverse("documents-archive"))
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        assert len(archive.namelist()) == 2


def test_the_local_owner_fixture_is_not_needed_for_cli(owner):
    # The CLI works on the local owner; the web tests on ``owner``: both are isolated.
    assert local_owner() != owner
