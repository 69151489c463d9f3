"""Issue 10, point 14 (the .eml part): a CR/LF inside a stored email address (an older
version or an import let it in) no longer makes the .eml draft fail, and never turns
into a header of its own (``Bcc:``) in the .eml or the ``mailto:`` link."""

from __future__ import annotations

import email
from email import policy
from urllib.parse import unquote

import pytest
from django.urls import reverse

from followthrough.tracker.models import Person
from followthrough.tracker.services.owners import local_owner, today_for
from followthrough.tracker.services.tasks import add_task
from tests.cli_helpers import run

pytestmark = pytest.mark.django_db

HOSTILE = [
    "ava@example.com\r\nBcc: eve@example.net",
    "ava@example.com\nBcc: eve@example.net",
    "ava@example.com\rBcc: eve@example.net",
    "ava@example.com\x0bBcc: eve@example.net",  # (NUL: PostgreSQL cannot even store it)
    "ava@example.com\u2028Bcc: eve@example.net",
]


@pytest.fixture
def local(db):
    return local_owner()


@pytest.mark.parametrize("address", HOSTILE, ids=repr)
def test_a_line_break_in_a_stored_address_leaves_a_working_draft_without_it(client, local, address):
    person = Person.objects.create(owner=local, name="Ava\r\nStone", emails=[address])

    response = client.get(reverse("person-draft-eml", args=[person.pk]))

    assert response.status_code == 200
    message = email.message_from_bytes(response.content, policy=policy.default)
    assert message["Bcc"] is None
    assert "eve@example.net" not in response.content.decode("ascii", "replace")
    assert message["Subject"]
    assert message.get_content().strip()

    page = client.get(reverse("person-draft", args=[person.pk])).content.decode()
    # The page's script builds the mail link from data-to as the text is edited.
    for value in (part.split('"')[0] for part in page.split('data-to="')[1:]):
        assert "Bcc" not in value and "\r" not in value and "\n" not in value
    for link in (part.split('"')[0] for part in page.split('href="mailto:')[1:]):
        address_part = unquote(link.split("?")[0])
        assert "\r" not in address_part and "\n" not in address_part
        assert "Bcc" not in address_part


def test_the_cli_eml_draft_works_too(local):
    person = Person.objects.create(owner=local, name="Ava Stone", emails=[HOSTILE[0]])
    today = today_for(local)
    task = add_task(local, "Write to Ava", today, today=today, person=person)
    result = run("draft", str(task.pk), "--as", "eml")
    assert result.exit_code == 0, result.output
    assert "Bcc" not in result.stdout
