"""Tables that sort and filter (issue 13, point 5): People (with a last-contacted column),
Organizations and the Opportunities table sort by any header; the filter stays in the
URL; the query count does not grow with the rows (no N+1)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followthrough.tracker.services import interactions as log_service
from followthrough.tracker.services import opportunities as opp_service
from followthrough.tracker.services import people as people_service
from followthrough.tracker.services.jobfields import JobFields

TODAY = dt.date(2026, 12, 6)
# Pinned: whatever the number of rows, each list page costs this many queries (session and
# user included). A change that adds one per page updates these; one per row fails the
# 3-versus-30 comparison.
OPPORTUNITY_TABLE_QUERIES = 6
PEOPLE_LIST_QUERIES = 10
ORGANIZATION_LIST_QUERIES = 5
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture(autouse=True)
def no_engine_warnings(monkeypatch):
    monkeypatch.setattr(log_service, "WARNING_CHECKS", [])


def person(owner, name, **fields):
    return people_service.add_person(owner, people_service.PersonInput(name=name, **fields))


def log(owner, kind, people, on, **fields):
    return log_service.log_interaction(
        owner, log_service.LogInput(kind=kind, people=people, on=on, **fields), on
    )


def opp(owner, role, org, *, stage="lead", day=TODAY, **job):
    return opp_service.add_opportunity(
        owner,
        opp_service.OpportunityInput(
            role=role, organization=org, stage=stage, job=JobFields(**job)
        ),
        day,
    )


def order(html: str, names: list[str]) -> list[str]:
    """The names in the order the page shows them."""
    found = sorted((html.index(f">{n}<"), n) for n in names)
    return [n for _, n in found]


def header(html: str, label: str) -> str:
    """The header cell (th) of the column called ``label``."""
    pattern = rf'<th scope="col"[^>]*><a class="sort" href="[^"]*"[^>]*>{label}<.*?</th>'
    match = re.search(pattern, html)
    assert match, label
    return match.group(0)


# Opportunities ---------------------------------------------------------------------


def test_opportunities_sort_by_each_header_and_keep_the_filter(owner_client, owner):
    opp(owner, "Designer", "Fabrikam", salary_min="50k", location="Lisbon")
    day = dt.date(2026, 11, 2)
    opp(owner, "Analyst", "Contoso", stage="applied", day=day, salary_max="80k")
    opp(owner, "Engineer", "Northwind", stage="applied", day=dt.date(2026, 11, 20),
        apply_by="2026-12-20", salary_min="90k", salary_max="95k")  # fmt: skip
    roles = ["Designer", "Analyst", "Engineer"]
    url = reverse("opportunity-list")

    html = owner_client.get(url, {"sort": "-salary"}).content.decode()
    assert order(html, roles) == ["Engineer", "Analyst", "Designer"]
    assert 'aria-sort="descending"' in header(html, "Salary")
    assert "sort=salary" in header(html, "Salary")  # a second click sorts ascending

    html = owner_client.get(url, {"sort": "applied"}).content.decode()
    assert order(html, roles) == ["Analyst", "Engineer", "Designer"]  # not applied: last
    assert "Mon 2 Nov 2026" in html and "Fri 20 Nov 2026" in html

    html = owner_client.get(url, {"sort": "organization"}).content.decode()
    assert order(html, roles) == ["Analyst", "Designer", "Engineer"]
    html = owner_client.get(url, {"sort": "where"}).content.decode()
    assert order(html, roles)[0] == "Designer"

    # The filter stays in the URL: the headers keep it, and the filter form keeps the sort.
    html = owner_client.get(url, {"stage": "applied", "sort": "-applied"}).content.decode()
    assert order(html, ["Analyst", "Engineer"]) == ["Engineer", "Analyst"]
    assert "Designer" not in html
    assert "stage=applied" in header(html, "Role")
    assert '<input type="hidden" name="sort" value="-applied">' in html
    # An unknown sort falls back to the default (most wanted first), without an error.
    assert owner_client.get(url, {"sort": "nope"}).status_code == 200


def test_opportunities_contact_column_sorts_by_the_main_contact(owner_client, owner):
    a = opp(owner, "Analyst", "Contoso")
    b = opp(owner, "Engineer", "Northwind")
    opp_service.involve(owner, a, person(owner, "Zoe Hart"), "hiring_manager")
    opp_service.involve(owner, a, person(owner, "Abe Lin"), "interviewer")
    opp_service.involve(owner, b, person(owner, "Mia Diaz"), "recruiter")
    html = owner_client.get(reverse("opportunity-list"), {"sort": "contact"}).content.decode()
    assert order(html, ["Analyst", "Engineer"]) == ["Engineer", "Analyst"]  # Mia before Zoe


def queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def test_the_opportunities_table_costs_the_same_queries_for_3_or_30_rows(owner_client, owner):
    def add(n):
        for i in range(n):
            o = opp(owner, f"Role {i}", f"Org {i}", stage="applied", tags=["remote", f"t{i}"])
            opp_service.involve(owner, o, person(owner, f"Person {i}"), "recruiter")

    add(3)
    url = reverse("opportunity-list")
    few = queries(owner_client, url, {"sort": "-applied"})
    add(27)
    assert queries(owner_client, url, {"sort": "-applied"}) == few
    assert few == OPPORTUNITY_TABLE_QUERIES


# People ------------------------------------------------------------------------------


def test_people_show_and_sort_by_last_contacted_and_keep_the_filter(owner_client, owner):
    ann = person(owner, "Ann Lee", situation="employed")
    ben = person(owner, "Ben Okafor", situation="employed")
    cat = person(owner, "Cat Diaz", situation="recruiter")
    log(owner, "email", [ann], dt.date(2026, 11, 1))
    log(owner, "call", [ben], dt.date(2026, 12, 1))
    log(owner, "note", [ann], dt.date(2026, 12, 5))  # a note is not contact
    del cat
    names = ["Ann Lee", "Ben Okafor", "Cat Diaz"]
    url = reverse("people")

    html = owner_client.get(url).content.decode()
    assert "Last contacted" in html and "Sun 1 Nov 2026" in html and "Tue 1 Dec 2026" in html
    assert order(html, names) == names  # by name, the default

    html = owner_client.get(url, {"sort": "-last_contacted"}).content.decode()
    assert order(html, names) == ["Ben Okafor", "Ann Lee", "Cat Diaz"]  # never: last
    html = owner_client.get(url, {"sort": "last_contacted"}).content.decode()
    assert order(html, names) == ["Ann Lee", "Ben Okafor", "Cat Diaz"]
    html = owner_client.get(url, {"sort": "situation"}).content.decode()
    assert order(html, names) == ["Ann Lee", "Ben Okafor", "Cat Diaz"]  # Employed < Recruiter

    html = owner_client.get(url, {"situation": "employed", "sort": "-name"}).content.decode()
    assert order(html, ["Ann Lee", "Ben Okafor"]) == ["Ben Okafor", "Ann Lee"]
    assert "Cat Diaz" not in html
    assert "situation=employed" in header(html, "Last contacted")
    assert '<input type="hidden" name="sort" value="-name">' in html


def test_people_pages_keep_the_sort(owner_client, owner, monkeypatch):
    from followthrough.tracker.views import people as people_views

    monkeypatch.setattr(people_views, "PER_PAGE", 2)
    for name in ("Ann", "Ben", "Cat"):
        person(owner, name)
    html = owner_client.get(reverse("people"), {"sort": "-name"}).content.decode()
    assert order(html, ["Ben", "Cat"]) == ["Cat", "Ben"]
    assert "sort=-name&amp;page=2" in html
    html = owner_client.get(reverse("people"), {"sort": "-name", "page": "2"}).content.decode()
    assert ">Ann<" in html


def test_the_people_list_costs_the_same_queries_for_3_or_30_people(owner_client, owner):
    def add(start, n):
        for i in range(start, start + n):
            p = person(owner, f"Person {i}", organization=f"Org {i}", tags=["a", f"t{i}"])
            log(owner, "email", [p], dt.date(2026, 11, 1) + dt.timedelta(days=i % 20))

    add(0, 3)
    url = reverse("people")
    few = queries(owner_client, url, {"sort": "-last_contacted"})
    add(3, 27)
    assert queries(owner_client, url, {"sort": "-last_contacted"}) == few
    assert few == PEOPLE_LIST_QUERIES


# Organizations -------------------------------------------------------------------------


def test_organizations_sort_by_counts_and_keep_the_search(owner_client, owner):
    person(owner, "Ann", organization="Acme Labs")
    person(owner, "Ben", organization="Acme Labs")
    person(owner, "Cat", organization="Acme Tools")
    opp(owner, "Analyst", "Acme Tools")
    opp(owner, "Engineer", "Acme Tools")
    opp(owner, "Writer", "Zenith")
    url = reverse("organizations")
    orgs = ["Acme Labs", "Acme Tools", "Zenith"]

    html = owner_client.get(url, {"sort": "-people"}).content.decode()
    assert order(html, orgs) == ["Acme Labs", "Acme Tools", "Zenith"]
    html = owner_client.get(url, {"sort": "-opportunities"}).content.decode()
    assert order(html, orgs) == ["Acme Tools", "Zenith", "Acme Labs"]  # 2, 1, 0
    html = owner_client.get(url, {"sort": "-name"}).content.decode()
    assert order(html, orgs) == ["Zenith", "Acme Tools", "Acme Labs"]

    html = owner_client.get(url, {"q": "acme", "sort": "-people"}).content.decode()
    assert "Zenith" not in html
    assert "q=acme" in header(html, "Opportunities")
    assert '<input type="hidden" name="sort" value="-people">' in html


def test_the_organizations_list_costs_the_same_queries_for_3_or_30(owner_client, owner):
    for i in range(3):
        person(owner, f"P{i}", organization=f"Org {i}")
    few = queries(owner_client, reverse("organizations"), {"sort": "-people"})
    for i in range(3, 30):
        person(owner, f"P{i}", organization=f"Org {i}")
    assert queries(owner_client, reverse("organizations"), {"sort": "-people"}) == few
    assert few == ORGANIZATION_LIST_QUERIES
