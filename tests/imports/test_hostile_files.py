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


# Point 16: messages that say what happened ---------------------------------------------


def test_an_unreadable_vcard_line_is_a_warning_with_the_files_line_number(write, capfd):
    from tests.cli_helpers import run

    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n\r\nFN:Ada Lovelace\r\n\r\n"
        "garbage line without a colon\r\nEND:VCARD\r\n"
    )
    path = write("ada.vcf", card)

    result = run("import", "vcard", str(path))

    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: ada.vcf, line 6: skipped a line that is not a vCard property"
        " ('garbage line without a colon').\n"
    )
    assert "Imported ada.vcf (vCard): 1 person created." in result.stdout
    assert capfd.readouterr().err == ""  # nothing logged around the CLI's own lines


def test_cards_without_a_name_are_not_people_already_here(write, owner):
    path = write("blank.vcf", "BEGIN:VCARD\nVERSION:3.0\nTEL:+1 555 0100\nEND:VCARD\n")

    outcome = run_import(owner, path, "vcard")

    assert outcome.headline() == (
        "Nothing to import from blank.vcf (vCard): 1 card skipped."
    )


def test_import_csv_skips_linkedins_notes_preamble(write, owner):
    from .conftest import fixture_text

    text = fixture_text("Connections_2025-12_preamble_header.csv")
    text += "Ada,Lovelace,,ada@example.com,Acme,CTO,04 Dec 2025\n"
    path = write("Connections.csv", text)

    outcome = run_import(owner, path, "csv")

    assert outcome.people_created == 1
    ada = Person.objects.get(owner=owner)
    assert (ada.name, ada.emails, ada.organization.name) == (
        "Ada Lovelace", ["ada@example.com"], "Acme"
    )


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        ("photo.csv", b"\x89PNG\r\n\x1a\n" + b"IHDR" + bytes(range(1, 200)) * 20, "a PNG picture"),
        ("cv.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
         "a PDF document"),
        ("scan.vcf", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x01" * 300, "a JPEG picture"),
    ],
    ids=["png", "pdf", "jpeg"],
)
def test_a_picture_or_pdf_is_not_read_as_text(write, owner, name, content, what):
    path = write(name, content)
    kind = "vcard" if name.endswith(".vcf") else "auto"

    assert refused(owner, path, kind) == (
        f"{name}: this is {what}, not a text file; export the contacts as CSV, .xlsx or .vcf"
        " and import that."
    )


# Point 17: nothing left behind -----------------------------------------------------------


def test_an_upload_that_fails_unexpectedly_leaves_nothing_in_the_data_folder(
    owner_client, monkeypatch
):
    from followthrough.imports import reading, uploads

    def broken(path, filename):
        raise RuntimeError("a bug in a reader")

    monkeypatch.setattr(reading, "detect", broken)

    with pytest.raises(RuntimeError):
        upload(owner_client, "Connections.csv", b"First Name,Last Name\nAda,Lovelace\n")

    assert list(uploads.folder().iterdir()) == []


# Point 8: small files that would cost huge work ------------------------------------------


def test_a_workbook_with_one_cell_at_xfd1048576_is_refused_at_once(write, owner):
    import time

    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Email"])
    sheet.append(["Ada Lovelace", "ada@example.com"])
    sheet["XFD1048576"] = "x"
    out = io.BytesIO()
    book.save(out)
    path = write("far.xlsx", out.getvalue())

    started = time.monotonic()
    message = refused(owner, path, "csv")

    assert time.monotonic() - started < 5
    assert message.startswith(
        "far.xlsx: the sheet's used range reaches row 1,048,576, more than the 200,000 an"
        " import reads; delete the empty rows below your data"
    )


def test_a_workbook_that_declares_no_size_still_reads_only_its_rows(write, owner):
    """No <dimension> element: openpyxl would pad every row up to the last column."""
    import re
    import zipfile

    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Email"])
    sheet.append(["Ada Lovelace", "ada@example.com"])
    sheet["XFD3"] = "x"
    raw = io.BytesIO()
    book.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb"<dimension[^>]*/>", b"", data)
            target.writestr(item, data)
    path = write("nodim.xlsx", out.getvalue())

    outcome = run_import(owner, path, "csv")

    assert outcome.people_created == 1


def test_a_one_line_vcard_of_many_megabytes_is_refused_without_reading_it_whole(write, owner):
    path = write("huge.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:" + "x" * (3 * 1024 * 1024) + "\n")

    assert refused(owner, path, "vcard") == (
        "huge.vcf, line 3: the line is 3.0 MB long, more than the 1 MB a vCard line may be;"
        " this is not a contacts file an import can read."
    )


def test_a_vcard_photo_is_skipped_not_parsed(write, owner):
    photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "QUFB" * 300_000
    folded = "\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    path = write("photo.vcf", f"BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\n{folded}\nEND:VCARD\n")

    assert run_import(owner, path, "vcard").people_created == 1


def test_deeply_nested_vcards_are_one_clear_line(write, owner):
    card = "BEGIN:VCARD\nVERSION:3.0\nFN:x\n" * 1500 + "END:VCARD\n" * 1500
    path = write("nested.vcf", card)

    assert refused(owner, path, "vcard") == (
        "nested.vcf, line 10: the cards are nested more than 3 deep (BEGIN:VCARD inside a"
        " card); this is not a contacts file an import can read."
    )


def test_excels_blank_date_is_no_birthday_and_an_old_year_is_no_year(write, owner):
    text = (
        "First Name,Last Name,E-mail 1 - Value,Birthday\n"
        "Ada,Lovelace,ada@example.com,1899-12-30\n"
        "Bo,Brand,bo@example.com,1815-12-10\n"
    )
    run_import(owner, write("google.csv", text), "google")

    people = {p.name: p.birthday_display for p in Person.objects.filter(owner=owner)}
    assert people == {"Ada Lovelace": "", "Bo Brand": "--12-10"}


def test_vcard_warnings_stay_with_their_own_file_when_threads_read_at_once(write):
    """The web server reads uploads in several threads: no note lands in another's file."""
    import logging
    import threading

    from followthrough.imports import vcard

    paths = [
        write(f"card{n}.vcf", f"BEGIN:VCARD\nVERSION:3.0\nFN:P{n}\nbad line {n}\nEND:VCARD\n")
        for n in range(8)
    ]
    found: dict[str, list[str]] = {}

    def read(path):
        for _ in range(5):
            found.setdefault(path.name, []).extend(vcard.read(path, path.name).notes)

    threads = [threading.Thread(target=read, args=(p,)) for p in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    for n, path in enumerate(paths):
        assert found[path.name] == [
            f"{path.name}, line 4: skipped a line that is not a vCard property ('bad line {n}')."
        ] * 5
    handlers = logging.getLogger("vobject.base").handlers
    assert [type(h).__name__ for h in handlers].count("_Dispatch") == 1  # none left behind
