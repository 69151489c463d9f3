"""Issue 10: files that crashed or fooled the importers (points 10, 11, 14, 16, 17, 8, 6)."""

from __future__ import annotations

import codecs
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from followthrough.tracker.models import Organization, Person
from followthrough.tracker.services.errors import InputError

from .conftest import run_import

pytestmark = pytest.mark.django_db

KINDS = ("linkedin", "google", "outlook", "vcard", "csv")


@pytest.fixture(autouse=True)
def home(tmp_path, settings):
    settings.HOME = tmp_path / "home"


def workbook(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, name: str, content: bytes, kind: str = "auto"):
    return client.post(reverse("import"), {"file": SimpleUploadedFile(name, content), "kind": kind})


def refused(owner, path, kind: str = "auto") -> str:
    with pytest.raises(InputError) as caught:
        run_import(owner, path, kind)
    message = str(caught.value)
    assert "\n" not in message
    return message


# Point 10: workbooks on the web, and a workbook named .csv --------------------------------


SHEET = [("Name", "Email", "Company"), ("Ada Lovelace", "ada@example.com", "Acme")]


def test_a_workbook_goes_through_the_web_import(owner_client, owner):
    response = upload(owner_client, "search.xlsx", workbook(SHEET))
    assert response.status_code == 302, response.content.decode()[:500]
    preview = owner_client.get(response["Location"])
    assert preview.status_code == 200
    assert "Would import search.xlsx (spreadsheet): 1 person created" in preview.text

    token = response["Location"].rstrip("/").split("/")[-1]
    owner_client.post(reverse("import-run", args=[token]))
    assert Person.objects.get(owner=owner).emails == ["ada@example.com"]


def test_a_workbook_named_csv_imports_from_the_cli(write):
    from tests.cli_helpers import ok

    path = write("search.csv", workbook(SHEET))
    out = ok("import", "csv", str(path))
    assert out.startswith("Columns: name=Name, emails=Email, organization=Company\n")
    assert Person.objects.filter(name="Ada Lovelace").exists()


# Point 11: UTF-16 with a byte-order mark and an odd number of bytes -----------------------


@pytest.mark.parametrize("kind", KINDS)
def test_cut_utf16_is_one_clear_line_in_every_importer(write, owner, kind):
    text = "First Name,Last Name,Email Address\nAda,Lovelace,ada@example.com\n"
    if kind == "vcard":
        text = "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEND:VCARD\n"
    path = write("contacts.csv", codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"A")

    message = refused(owner, path, kind)

    assert message == (
        "contacts.csv: the file is not valid UTF-16 text (it is cut short or damaged);"
        " save it again as UTF-8 (or UTF-16) and import that."
    )
    assert not Person.objects.exists()


# Points 14 and 6: what the importers store passes the forms' rules -----------------------

LINKEDIN_HEAD = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Ada,Lovelace,javascript:alert(1),,Acme,CTO,04 Dec 2025",
         "Connections.csv, row 2, LinkedIn URL: 'javascript:alert(1)' is not a web"
         " address (javascript: links are not kept"),
        ('Ada,Lovelace,"javascript://x.com/%0aalert(1)",,Acme,CTO,04 Dec 2025',
         "Connections.csv, row 2, LinkedIn URL: 'javascript://x.com/\\nalert(1)' is not a web"
         " address (javascript: links are not kept, only http:// and https:// ones)"),
        ("Ada,Lovelace,,ada at example,Acme,CTO,04 Dec 2025",
         "Connections.csv, row 2, email: 'ada at example' is not an email address."),
        ('Ada,Lovelace,,"ada@example.com\r\nBcc: x@evil.example",Acme,CTO,04 Dec 2025',
         "Connections.csv, row 2, email: 'ada@example.com\\r\\nBcc: x@evil.example' is not an"
         " email address (it has a line break"),
        ("Ada,Lovelace,,,Acme,CTO,04 Dec 9999",
         "Connections.csv, row 2, met on: 9999-12-04 is out of range"),
    ],
    ids=["js-url", "js-scheme", "email", "email-crlf", "date-9999"],
)  # fmt: skip
def test_linkedin_values_are_checked_before_they_are_stored(write, owner, row, message):
    path = write("Connections.csv", LINKEDIN_HEAD + row + "\n")

    assert refused(owner, path, "linkedin").startswith(message)
    assert not Person.objects.exists() and not Organization.objects.exists()


def test_a_vcard_url_or_email_is_checked_too(write, owner):
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEMAIL:ada@example.com\n"
        "URL:javascript:alert('linkedin.com')\nEND:VCARD\n"
    )
    path = write("ada.vcf", card)

    assert refused(owner, path, "vcard").startswith(
        "ada.vcf, card 1, LinkedIn URL: \"javascript:alert('linkedin.com')\" is not a web"
        " address (javascript: links are not kept"
    )


def test_google_emails_are_checked(write, owner):
    text = "Name,E-mail 1 - Value\nAda Lovelace,ada@@example.com\n"
    path = write("google.csv", text)

    assert refused(owner, path, "google") == (
        "google.csv, row 2, email: 'ada@@example.com' is not an email address."
    )


def test_a_website_longer_than_its_column_is_refused_not_cut_by_postgresql(write, owner):
    website = "https://example.com/" + "a" * 250
    path = write("orgs.csv", f"Name,Company,Website\nAda,Acme,{website}\n")

    assert refused(owner, path, "csv") == (
        "orgs.csv, row 2, Website: that address is 270 characters long; the limit is 200."
    )
