"""Search: people, organizations, opportunities and interaction notes, grouped."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from followthrough.tracker.services import interactions as log_service
from followthrough.tracker.services import opportunities as opp_service
from followthrough.tracker.services import people as people_service

TODAY = dt.date(2026, 3, 2)


def make_world(owner):
    ann = people_service.add_person(
        owner, people_service.PersonInput(name="Ann Robotham", organization="Robotics Inc")
    )
    job = opp_service.add_opportunity(
        owner, opp_service.OpportunityInput(role="Robot Wrangler", organization="Globex"), TODAY
    )
    note = log_service.log_interaction(
        owner,
        log_service.LogInput(kind="coffee", people=[ann], summary="Talked about robots a lot."),
        TODAY,
    ).interaction
    return ann, job, note


def test_results_are_grouped_by_kind(owner_client, owner):
    ann, job, note = make_world(owner)
    response = owner_client.get(reverse("search"), {"q": "robot"})
    results = response.context["results"]
    assert [p.name for p in results.people] == ["Ann Robotham"]
    assert [o.name for o in results.organizations] == ["Robotics Inc"]
    assert [o.role for o in results.opportunities] == ["Robot Wrangler"]
    assert [i.pk for i in results.interactions] == [note.pk]
    html = response.content.decode()
    assert html.index("People") < html.index("Organizations") < html.index("Opportunities")
    assert html.index("Opportunities") < html.index("Interaction notes")
    assert reverse("person-detail", args=[ann.pk]) in html
    assert reverse("opportunity-detail", args=[job.pk]) in html
    assert "Talked about robots a lot." in html
    assert "4 results for “robot”" in html


def test_the_query_stays_in_the_search_box(owner_client, owner):
    html = owner_client.get(reverse("search"), {"q": "robot"}).content.decode()
    assert 'name="q" placeholder="Search…" value="robot"' in html


def test_no_results_says_so(owner_client, owner):
    make_world(owner)
    html = owner_client.get(reverse("search"), {"q": "zebra"}).content.decode()
    assert "Nothing mentions “zebra”" in html


def test_an_empty_query_shows_just_the_box(owner_client):
    response = owner_client.get(reverse("search"))
    assert response.status_code == 200
    assert response.context["results"].total == 0
    assert "Nothing mentions" not in response.content.decode()


def test_an_outsider_finds_nothing_of_someone_else(outsider_client, owner):
    make_world(owner)
    response = outsider_client.get(reverse("search"), {"q": "robot"})
    assert response.context["results"].total == 0
    assert "Ann Robotham" not in response.content.decode()
