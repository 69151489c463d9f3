"""Issue 10, point 6 (output side): a stored URL that is not http(s) never renders as a link.

The store side refuses such URLs (imports, restore, forms); these rows are written
straight to the database, as an older version or a hand-edited backup could have.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from followthrough.tracker.models import Opportunity, Organization, Person

HOSTILE = [
    "javascript:alert(document.domain)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]


def live_links(html: str) -> list[str]:
    return re.findall(r'<a\b[^>]*\bhref="([^"]*)"', html)


def assert_no_script_link(html: str) -> None:
    for href in live_links(html):
        bare = re.sub(r"[\s\x00-\x1f]", "", href).lower()
        assert not bare.startswith(("javascript:", "data:", "vbscript:")), href


@pytest.mark.parametrize("url", HOSTILE)
def test_a_stored_script_url_is_shown_as_text_not_as_a_link(owner_client, owner, url):
    org = Organization.objects.create(owner=owner, name="Acme", website=url)
    person = Person.objects.create(owner=owner, name="Dana", linkedin_url=url, organization=org)
    opp = Opportunity.objects.create(owner=owner, organization=org, role="Analyst", posting_url=url)

    pages = [
        reverse("person-detail", args=[person.pk]),
        reverse("organization-detail", args=[org.pk]),
        reverse("organizations"),
        reverse("opportunity-detail", args=[opp.pk]),
    ]
    for page in pages:
        response = owner_client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert_no_script_link(html)
    # The value is still shown, as text, so the person can see and fix it.
    html = owner_client.get(reverse("person-detail", args=[person.pk])).content.decode()
    assert "alert(" in html or "msgbox" in html


def test_an_http_url_is_still_a_link(owner_client, owner):
    org = Organization.objects.create(owner=owner, name="Acme", website="https://acme.example/")
    person = Person.objects.create(
        owner=owner, name="Dana", linkedin_url="https://www.linkedin.com/in/dana"
    )
    opp = Opportunity.objects.create(
        owner=owner, organization=org, role="Analyst", posting_url="http://jobs.example/1"
    )
    html = owner_client.get(reverse("person-detail", args=[person.pk])).content.decode()
    assert "https://www.linkedin.com/in/dana" in live_links(html)
    html = owner_client.get(reverse("organization-detail", args=[org.pk])).content.decode()
    assert "https://acme.example/" in live_links(html)
    html = owner_client.get(reverse("opportunity-detail", args=[opp.pk])).content.decode()
    assert "http://jobs.example/1" in live_links(html)
