"""Issue 10: files that crashed or fooled the importers (points 10, 11, 14, 16, 17, 8, 6)."""

from __future__ import annotations

import codecs
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from followthrough.imports import uploads
from followthrough.tracker.models import Organization, Person
from followthrough.tracker.services.errors import InputError

from .conftest import fixture_text, run_import

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
