"""Internationalised email addresses (RFC 6531): one check, in the form, the CLI, the importer.

``josé.sato@example.com`` is a real address; ``bench/imports.py`` generates such
names and the importer refused them. The check (``validators.check_email``) is the
same everywhere, so they are all accepted together, and the drafts still write them
correctly.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from followthrough.drafts.mail import eml, mailto_url
from followthrough.imports import reading
from followthrough.imports.apply import import_records
from followthrough.tracker.models import Person
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.validators import check_email
from tests.cli_helpers import failure, ok
from tests.test_views_people import person_post

pytestmark = pytest.mark.django_db

JOSE = "josé.sato.650@example.com"


@pytest.mark.parametrize(
    "address",
    [JOSE, "ada@exämple.com", "用户@例子.广告", "Ünal+jobs@müller.de", '"quoted"@example.com'],
)
def test_an_internationalised_address_is_an_email_address(address):
    assert check_email(address) == address


@pytest.mark.parametrize(
    "address",
    ["jo sé@example.com", "josé\u00a0sato@example.com", "josé..sato@example.com", "josé@", "ä"],
)
def test_what_is_no_address_in_any_script_is_still_refused(address):
    with pytest.raises(InputError, match="is not an email address"):
        check_email(address)


def test_the_person_form_keeps_an_internationalised_address(owner_client, owner):
    response = owner_client.post(reverse("person-add"), person_post(emails=JOSE))

    assert response.status_code == 302, response.context["form"].errors
    assert Person.objects.get(owner=owner).emails == [JOSE]


def test_the_cli_keeps_an_internationalised_address():
    ok("person", "add", "José Sato", "--email", JOSE)

    assert Person.objects.get().emails == [JOSE]
    assert failure("person", "add", "Jo", "--email", "jo sé@example.com").startswith(
        "error: --email: 'jo sé@example.com' is not an email address."
    )


def test_the_importer_keeps_an_internationalised_address(owner, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"José,Sato,,{JOSE},Acme,CTO,04 Dec 2025\n",
        encoding="utf-8",
    )

    read = reading.read("linkedin", path, path.name, None)
    import_records(owner, read, today=dt.date(2026, 3, 2))

    assert Person.objects.get(owner=owner).emails == [JOSE]


def test_a_draft_to_an_internationalised_address_keeps_it_readable():
    when = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    raw = eml(to="josé@exämple.com", to_name="José", subject="Hello", body="Hi", when=when)
    headers = raw.split(b"\r\n\r\n")[0].decode("utf-8")

    # UTF-8 headers (RFC 6532) for the local part, IDNA for the domain: no encoded
    # word inside the address, which mail programs would not read back.
    assert "To: José <josé@xn--exmple-cua.com>" in headers.splitlines()
    assert "=?utf-8?" not in headers
    assert mailto_url("josé@exämple.com", "s", "b").startswith(
        "mailto:jos%C3%A9@ex%C3%A4mple.com?"
    )


def test_a_draft_to_an_ascii_address_is_unchanged():
    when = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    raw = eml(to="ada@example.com", to_name="Adà", subject="Héllo", body="Hi", when=when)

    assert b"To: =?utf-8?q?Ad=C3=A0?= <ada@example.com>" in raw
