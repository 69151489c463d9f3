"""The club's pages belong to the Club item of the navigation and lead back to the club."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def current(html: str) -> list[str]:
    nav = html[html.index('aria-label="Main"'):html.index("</nav>")]
    return re.findall(r'aria-current="page">([^<]+)<', nav)


def test_every_club_page_lights_up_club_and_leads_back(client, club):
    g = club.group.pk
    client.force_login(club.lena)
    for url in ["/club/", "/club/new/", f"/club/{g}/", f"/club/{g}/sharing/", f"/club/{g}/buddy/",
                f"/club/{g}/dashboard/", f"/club/{g}/summary/", f"/club/{g}/handover/",
                f"/club/{g}/leave/"]:
        html = client.get(url).content.decode()
        assert current(html) == ["Club"], url
        if url != "/club/":
            assert '<p class="breadcrumb"><a href="/club/">Job club</a>' in html, url


def test_the_dashboard_query_count_does_not_grow_with_shared_items(
    client, club, django_assert_max_num_queries
):
    from followthrough.club.models import SharedItem
    from followthrough.tracker.models import Person

    client.force_login(club.lena)
    url = f"/club/{club.group.pk}/dashboard/"
    for i in range(10):
        person = Person.objects.create(owner=club.sam, name=f"Contact {i}")
        SharedItem.objects.create(membership=club.m_sam, audience="leader", person=person)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as many:
        client.get(url)
    SharedItem.objects.all().delete()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    assert len(many) <= len(few) + 1
