"""Issue 10, point 6 (storage): only http and https addresses are kept, in forms and the CLI.

(Importers and restore are checked in tests/imports/test_hostile_files.py and
tests/backup/test_integrity.py; the validator is the same one.)
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from followthrough.tracker.models import Opportunity, Organization, Person

from .cli_helpers import failure

pytestmark = pytest.mark.django_db

NOT_WEB = [
    "ftp://files.example.com/cv.pdf",
    "javascript://example.com/%0aalert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
]


@pytest.mark.parametrize("url", NOT_WEB)
def test_the_organization_form_keeps_only_web_addresses(owner_client, url):
    response = owner_client.post(reverse("organization-add"), {"name": "Acme", "website": url})

    error = response.context["form"].errors["website"][0]
    assert error.startswith(f"Website: {url!r} is not a web address")
    assert not Organization.objects.exists()


@pytest.mark.parametrize("url", NOT_WEB)
def test_the_person_form_keeps_only_web_addresses(owner_client, url):
    response = owner_client.post(reverse("person-add"), {"name": "Ada", "linkedin_url": url})

    assert "is not a web address" in response.context["form"].errors["linkedin_url"][0]
    assert not Person.objects.exists()


def test_the_cli_keeps_only_web_addresses():
    message = failure("org", "add", "Acme", "--website", "ftp://files.example.com/")
    assert message == (
        "error: --website: 'ftp://files.example.com/' is not a web address (ftp: links are"
        " not kept, only http:// and https:// ones); paste the link, e.g. https://example.com\n"
    )
    message = failure(
        "opp", "add", "Engineer", "--org", "Acme", "--url", "javascript:alert(1)"
    )
    assert "is not a web address (javascript: links are not kept" in message
    assert not Organization.objects.exists() and not Opportunity.objects.exists()


def test_a_web_address_without_its_scheme_still_gets_https(owner_client):
    owner_client.post(reverse("organization-add"), {"name": "Acme", "website": "acme.example"})

    assert Organization.objects.get().website == "https://acme.example"
