"""The organization pages: list with counts, organization page, add, edit, delete."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followthrough.tracker.models import Organization
from followthrough.tracker.services import opportunities as opp_service
from followthrough.tracker.services import people as people_service

TODAY = dt.date(2026, 3, 2)


def org(owner, name, **fields):
    return people_service.add_organization(
        owner, people_service.OrganizationInput(name=name, **fields)
    )


def opp(owner, role, organization):
    return opp_service.add_opportunity(
        owner, opp_service.OpportunityInput(role=role, organization=organization), TODAY
    )


def test_the_list_shows_people_and_opportunity_counts(owner_client, owner):
    acme = org(owner, "Acme", website="acme.example")
    people_service.add_person(owner, people_service.PersonInput(name="Ann", organization=acme))
    people_service.add_person(owner, people_service.PersonInput(name="Bob", organization=acme))
    opp(owner, "Backend Engineer", acme)
    org(owner, "Globex")
    response = owner_client.get(reverse("organizations"))
    rows = {o.name: (o.people_count, o.opportunity_count) for o in response.context["page"]}
    assert rows == {"Acme": (2, 1), "Globex": (0, 0)}
    assert "acme.example" in response.content.decode()


def test_the_list_searches_by_name(owner_client, owner):
    org(owner, "Acme")
    org(owner, "Globex")
    page = owner_client.get(reverse("organizations"), {"q": "glob"}).context["page"]
    assert [o.name for o in page] == ["Globex"]


def test_a_new_user_sees_an_empty_state(owner_client):
    assert "No organizations yet" in owner_client.get(reverse("organizations")).content.decode()


def queries_for_list(client, owner, rows: int) -> int:
    for i in range(rows):
        o = org(owner, f"Org {i}")
        people_service.add_person(owner, people_service.PersonInput(name=f"P{i}", organization=o))
        opp(owner, f"Role {i}", o)
    client.get(reverse("organizations"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("organizations")).status_code == 200
    return len(queries)


def test_the_list_query_count_does_not_grow_with_organizations(owner_client, owner):
    few = queries_for_list(owner_client, owner, 3)
    for o in Organization.objects.filter(owner=owner):
        o.opportunities.all().delete()
        o.delete()
    many = queries_for_list(owner_client, owner, 30)
    assert few == many


def test_the_organization_page_shows_its_people_opportunities_and_notes(owner_client, owner):
    acme = org(owner, "Acme", notes="Series B.", culture_notes="Flat and fast.")
    ann = people_service.add_person(
        owner, people_service.PersonInput(name="Ann Lee", organization=acme, title="CTO")
    )
    job = opp(owner, "Backend Engineer", acme)
    html = owner_client.get(reverse("organization-detail", args=[acme.pk])).content.decode()
    assert reverse("person-detail", args=[ann.pk]) in html
    assert reverse("opportunity-detail", args=[job.pk]) in html
    assert "Series B." in html and "Flat and fast." in html and "CTO" in html


def test_adding_an_organization(owner_client, owner):
    response = owner_client.post(
        reverse("organization-add"),
        {"name": "Acme", "website": "acme.example", "notes": "n", "culture_notes": "c"},
    )
    acme = Organization.objects.get(owner=owner)
    assert response["Location"] == reverse("organization-detail", args=[acme.pk])
    assert acme.website == "https://acme.example"
    assert (acme.notes, acme.culture_notes) == ("n", "c")


def test_a_duplicate_name_is_an_error_on_the_name(owner_client, owner):
    org(owner, "Acme")
    response = owner_client.post(reverse("organization-add"), {"name": "ACME"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "Name: you already have an organization called 'ACME'."
    ]
    assert Organization.objects.filter(owner=owner).count() == 1


def test_a_bad_website_is_an_error_and_nothing_is_saved(owner_client, owner):
    response = owner_client.post(
        reverse("organization-add"), {"name": "Acme", "website": "not a site"}
    )
    assert "is not a web address" in response.context["form"].errors["website"][0]
    assert 'value="not a site"' in response.content.decode()
    assert not Organization.objects.exists()


def test_editing_an_organization(owner_client, owner):
    acme = org(owner, "Acme")
    assert (
        'value="Acme"'
        in owner_client.get(reverse("organization-edit", args=[acme.pk])).content.decode()
    )
    owner_client.post(reverse("organization-edit", args=[acme.pk]), {"name": "Acme Robotics"})
    acme.refresh_from_db()
    assert acme.name == "Acme Robotics"


def test_a_bad_edit_changes_nothing(owner_client, owner):
    acme = org(owner, "Acme")
    response = owner_client.post(reverse("organization-edit", args=[acme.pk]), {"name": ""})
    assert response.context["form"].errors["name"]
    acme.refresh_from_db()
    assert acme.name == "Acme"


def test_deleting_asks_first_and_keeps_the_people(owner_client, owner):
    acme = org(owner, "Acme")
    ann = people_service.add_person(
        owner, people_service.PersonInput(name="Ann", organization=acme)
    )
    confirm = owner_client.get(reverse("organization-delete", args=[acme.pk])).content.decode()
    assert "Delete Acme?" in confirm and "1 person stays" in confirm
    response = owner_client.post(reverse("organization-delete", args=[acme.pk]))
    assert response["Location"] == reverse("organizations")
    ann.refresh_from_db()
    assert ann.organization is None


def test_an_organization_with_opportunities_is_not_deleted(owner_client, owner):
    acme = org(owner, "Acme")
    opp(owner, "Backend Engineer", acme)
    response = owner_client.post(reverse("organization-delete", args=[acme.pk]))
    assert response.status_code == 400
    assert "still has 1 opportunity" in response.content.decode()
    assert Organization.objects.filter(pk=acme.pk).exists()


@pytest.mark.parametrize(
    "name", ["organization-detail", "organization-edit", "organization-delete"]
)
def test_an_outsider_gets_404_on_someone_elses_organization(outsider_client, owner, name):
    acme = org(owner, "Acme")
    assert outsider_client.get(reverse(name, args=[acme.pk])).status_code == 404
    assert outsider_client.post(reverse(name, args=[acme.pk]), {"name": "Mine"}).status_code == 404
    acme.refresh_from_db()
    assert acme.name == "Acme"


def test_an_outsider_does_not_see_someone_elses_organizations(outsider_client, owner):
    org(owner, "Secret Org")
    assert "Secret Org" not in outsider_client.get(reverse("organizations")).content.decode()
