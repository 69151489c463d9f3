"""The people pages: list with search and filters, person page, add, edit, delete."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followthrough.tracker.models import Interaction, Organization, Person, Task
from followthrough.tracker.services import interactions as log_service
from followthrough.tracker.services import people as people_service
from followthrough.tracker.services import tasks as task_service

TODAY = dt.date(2026, 3, 2)


def add(owner, name, **fields):
    return people_service.add_person(owner, people_service.PersonInput(name=name, **fields))


def person_post(**overrides):
    data = {
        "name": "Ann Lee",
        "emails": "ann@acme.example, ann.lee@home.example",
        "phones": "+1 555 0100",
        "linkedin_url": "linkedin.com/in/annlee",
        "organization": "Acme",
        "title": "Engineering Manager",
        "situation": "hiring_manager",
        "how_met": "PyCon hallway",
        "met_on": "2025-05-17",
        "introduced_by": "",
        "birthday_month": "3",
        "birthday_day": "4",
        "birthday_year": "",
        "tags": "mentor, python",
        "cadence_days": "30",
        "notes": "Sails on weekends.",
    }
    data.update(overrides)
    return data


# The list -----------------------------------------------------------------------


def test_the_list_shows_each_person_with_organization_and_tags(owner_client, owner):
    add(owner, "Ann Lee", organization="Acme", title="CTO", tags="mentor")
    add(owner, "Bob Stone", situation="recruiter")
    response = owner_client.get(reverse("people"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ann Lee" in html and "Bob Stone" in html
    assert "Acme" in html and "CTO" in html and "mentor" in html
    assert "2 people" in html


def test_the_list_filters_by_search_situation_tag_and_organization(owner_client, owner):
    ann = add(owner, "Ann Lee", organization="Acme", tags="mentor", situation="employed")
    add(owner, "Bob Stone", organization="Globex", situation="recruiter")
    add(owner, "Cy Park", tags="alumni", situation="seeking")
    url = reverse("people")

    def names(**params):
        page = owner_client.get(url, params).context["page"]
        return [p.name for p in page.object_list]

    assert names(q="stone") == ["Bob Stone"]
    assert names(situation="seeking") == ["Cy Park"]
    assert names(tag="mentor") == ["Ann Lee"]
    assert names(organization=str(ann.organization_id)) == ["Ann Lee"]
    assert names(situation="nonsense") == ["Ann Lee", "Bob Stone", "Cy Park"]


def test_an_htmx_filter_request_gets_only_the_results(owner_client, owner):
    add(owner, "Ann Lee")
    response = owner_client.get(reverse("people"), {"q": "ann"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="people-results"')
    assert "Ann Lee" in html
    assert "<html" not in html


def test_the_list_is_paginated(owner_client, owner):
    for i in range(55):
        add(owner, f"Person {i:02d}")
    first = owner_client.get(reverse("people"))
    assert len(first.context["page"].object_list) == 50
    assert "Page 1 of 2" in first.content.decode()
    second = owner_client.get(reverse("people"), {"page": 2})
    assert [p.name for p in second.context["page"].object_list][-1] == "Person 54"


def test_a_new_user_sees_how_to_start(owner_client):
    html = owner_client.get(reverse("people")).content.decode()
    assert "No people yet" in html
    assert reverse("person-add") in html


def test_no_match_says_so_and_offers_everyone(owner_client, owner):
    add(owner, "Ann Lee")
    html = owner_client.get(reverse("people"), {"q": "zebra"}).content.decode()
    assert "No one matches these filters." in html


def queries_for_list(client, owner, rows: int) -> int:
    for i in range(rows):
        add(owner, f"Person {i}", organization=f"Org {i % 4}", tags=f"tag{i % 3}, common")
    client.get(reverse("people"))  # warm the session and workspace caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("people"))
    assert response.status_code == 200
    return len(queries)


def test_the_list_query_count_does_not_grow_with_people(owner_client, owner, outsider):
    few = queries_for_list(owner_client, owner, 3)
    Person.objects.filter(owner=owner).delete()
    many = queries_for_list(owner_client, owner, 30)
    assert few == many
    assert many <= 12


# The person page ------------------------------------------------------------------


def test_the_person_page_shows_details_timeline_opportunities_tasks_and_asks(owner_client, owner):
    intro = add(owner, "Dee Park")
    ann = add(
        owner,
        "Ann Lee",
        emails="ann@acme.example",
        phones="+1 555 0100",
        linkedin_url="linkedin.com/in/annlee",
        organization="Acme",
        title="CTO",
        situation="hiring_manager",
        how_met="PyCon",
        introduced_by="Dee Park",
        birthday="--03-04",
        tags="mentor",
        cadence_days=30,
        notes="Sails on weekends.",
    )
    log_service.log_interaction(
        owner,
        log_service.LogInput(
            kind="coffee",
            people=[ann],
            on="2026-02-20",
            summary="Talked robots.",
            rapport_note="Both sail",
            asked=True,
        ),
        TODAY,
    )
    task_service.add_task(owner, "Send Ann the article", "2026-03-02", today=TODAY, person=ann)
    response = owner_client.get(reverse("person-detail", args=[ann.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "ann@acme.example",
        "+1 555 0100",
        "linkedin.com/in/annlee",
        "CTO",
        "Acme",
        "Hiring manager",
        "PyCon",
        "4 March",
        "every 30 days (monthly)",
        "mentor",
        "Sails on weekends.",
        "Talked robots.",
        "Both sail",
        "Send Ann the article",
        "Asked 1 time, gave 0 times",
    ):
        assert text in html, text
    assert reverse("person-detail", args=[intro.pk]) in html
    assert f"{reverse('log')}?person={ann.pk}" in html
    assert f"&amp;person={ann.pk}" in html  # the header's "+ Log" is about Ann here


def test_a_birthday_with_a_year_shows_the_year(owner_client, owner):
    ann = add(owner, "Ann Lee", birthday="1980-03-04")
    assert (
        "4 March 1980" in owner_client.get(reverse("person-detail", args=[ann.pk])).content.decode()
    )


# Add, edit, delete ----------------------------------------------------------------


def test_adding_a_person_saves_every_field_and_opens_their_page(owner_client, owner):
    response = owner_client.post(reverse("person-add"), person_post())
    ann = Person.objects.get(owner=owner, name="Ann Lee")
    assert response.status_code == 302
    assert response["Location"] == reverse("person-detail", args=[ann.pk])
    assert ann.emails == ["ann@acme.example", "ann.lee@home.example"]
    assert ann.linkedin_url == "https://linkedin.com/in/annlee"
    assert ann.organization.name == "Acme"
    assert ann.birthday_display == "--03-04"
    assert ann.met_on == dt.date(2025, 5, 17)
    assert ann.cadence_days == 30
    assert sorted(t.name for t in ann.tags.all()) == ["mentor", "python"]


def test_a_bad_email_is_shown_on_its_field_and_nothing_is_saved(owner_client, owner):
    response = owner_client.post(reverse("person-add"), person_post(emails="ann at acme"))
    assert response.status_code == 200
    assert response.context["form"].errors["emails"] == [
        "Email: 'ann at acme' is not an email address."
    ]
    html = response.content.decode()
    assert 'value="ann at acme"' in html  # what was typed stays
    assert 'value="Ann Lee"' in html
    assert not Person.objects.filter(owner=owner).exists()


def test_a_missing_name_is_an_error_on_the_name(owner_client, owner):
    response = owner_client.post(reverse("person-add"), person_post(name="  "))
    assert response.context["form"].errors["name"] == ["Name is required: who is this person?"]
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("month", "day", "year", "message"),
    [
        ("3", "", "", "choose both the month and the day"),
        ("2", "30", "", "Birthday: February has no day 30."),
        ("2", "29", "2025", "Birthday: February 2025 has no day 29."),
    ],
)
def test_a_bad_birthday_is_an_error_on_the_birthday(owner_client, owner, month, day, year, message):
    response = owner_client.post(
        reverse("person-add"),
        person_post(birthday_month=month, birthday_day=day, birthday_year=year),
    )
    assert message in response.context["form"].errors["birthday_month"][0]
    assert not Person.objects.exists()
    assert not Person.tags.through.objects.exists()


def test_an_unknown_introducer_is_an_error_and_creates_nothing(owner_client, owner):
    response = owner_client.post(reverse("person-add"), person_post(introduced_by="Nobody"))
    assert "nobody called 'Nobody'" in response.context["form"].errors["introduced_by"][0]
    assert not Person.objects.exists()
    # The organization typed in the same form was not half-saved either.
    assert not Organization.objects.filter(owner=owner).exists()


def test_editing_shows_the_current_values_and_saves_changes(owner_client, owner):
    ann = add(owner, "Ann Lee", birthday="--03-04", tags="mentor", emails="ann@acme.example")
    form_html = owner_client.get(reverse("person-edit", args=[ann.pk])).content.decode()
    assert 'value="ann@acme.example"' in form_html
    assert '<option value="3" selected>March</option>' in form_html
    response = owner_client.post(
        reverse("person-edit", args=[ann.pk]),
        person_post(name="Ann Lee-Smith", birthday_month="", birthday_day="", tags="alumni"),
    )
    assert response.status_code == 302
    ann.refresh_from_db()
    assert ann.name == "Ann Lee-Smith"
    assert ann.birthday_display == ""
    assert [t.name for t in ann.tags.all()] == ["alumni"]


def test_a_bad_edit_changes_nothing(owner_client, owner):
    ann = add(owner, "Ann Lee", emails="ann@acme.example")
    response = owner_client.post(
        reverse("person-edit", args=[ann.pk]), person_post(name="Ann B", cadence_days="0")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["cadence_days"]
    ann.refresh_from_db()
    assert ann.name == "Ann Lee"


def test_deleting_asks_first_then_deletes(owner_client, owner):
    ann = add(owner, "Ann Lee")
    log_service.log_interaction(owner, log_service.LogInput(kind="call", people=[ann]), TODAY)
    confirm = owner_client.get(reverse("person-delete", args=[ann.pk]))
    assert "Delete Ann Lee?" in confirm.content.decode()
    assert Person.objects.filter(pk=ann.pk).exists()
    response = owner_client.post(reverse("person-delete", args=[ann.pk]))
    assert response["Location"] == reverse("people")
    assert not Person.objects.filter(pk=ann.pk).exists()
    assert Interaction.objects.filter(owner=owner).count() == 1


# Outsiders ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["person-detail", "person-edit", "person-delete"])
def test_an_outsider_gets_404_on_someone_elses_person(outsider_client, owner, name):
    ann = add(owner, "Ann Lee")
    assert outsider_client.get(reverse(name, args=[ann.pk])).status_code == 404
    assert (
        outsider_client.post(reverse(name, args=[ann.pk]), person_post(name="X")).status_code == 404
    )
    ann.refresh_from_db()
    assert ann.name == "Ann Lee"


def test_an_outsider_does_not_see_someone_elses_people_in_the_list(outsider_client, owner):
    add(owner, "Ann Lee", tags="secret-tag", organization="Secret Org")
    html = outsider_client.get(reverse("people")).content.decode()
    assert "Ann Lee" not in html and "secret-tag" not in html and "Secret Org" not in html


def test_an_outsider_cannot_attach_someone_elses_person_as_introducer(outsider_client, owner):
    ann = add(owner, "Ann Lee")
    response = outsider_client.post(
        reverse("person-add"), person_post(name="Zed", introduced_by=str(ann.pk))
    )
    assert response.context["form"].errors["introduced_by"]
    assert not Task.objects.exists()
    assert not Person.objects.filter(name="Zed").exists()
