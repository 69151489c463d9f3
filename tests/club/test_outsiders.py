"""Every page of the club, for each persona: exactly what their role allows, others' objects 404.

The table covers every URL pattern of ``followthrough.club.urls``, found by walking the
resolver: a new page without a row here fails ``test_the_table_covers_every_club_page``.
"""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import URLResolver, get_resolver, reverse

from followthrough.club.models import BuddyProposal, Message, MessageKind, SharedItem
from followthrough.tracker.models import Person

pytestmark = pytest.mark.django_db

OK, MOVED, GONE, POST_ONLY = 200, 302, 404, 405
PERSONAS = ("member", "buddy", "leader", "stranger")

# name: (method, {persona: status}); "member" is Sam, "buddy" Bea (Sam's buddy), "leader"
# Lena; the objects in the address (a shared item, a message, a request) are Sam's.
TABLE = {
    "club": ("get", dict(member=OK, buddy=OK, leader=OK, stranger=OK)),
    "club-group-add": ("get", dict(member=OK, buddy=OK, leader=OK, stranger=OK)),
    "club-join": ("get", dict(member=MOVED, buddy=MOVED, leader=MOVED, stranger=OK)),
    "club-message-read": ("post", dict(member=MOVED, buddy=GONE, leader=GONE, stranger=GONE)),
    "club-group": ("get", dict(member=OK, buddy=OK, leader=OK, stranger=GONE)),
    "club-leave": ("get", dict(member=OK, buddy=OK, leader=OK, stranger=GONE)),
    "club-sharing": ("get", dict(member=OK, buddy=OK, leader=OK, stranger=GONE)),
    "club-share-item": ("post", dict(member=MOVED, buddy=MOVED, leader=MOVED, stranger=GONE)),
    "club-unshare-item": ("post", dict(member=MOVED, buddy=GONE, leader=GONE, stranger=GONE)),
    "club-buddy": ("get", dict(member=OK, buddy=OK, leader=OK, stranger=GONE)),
    "club-buddy-note": ("post", dict(member=MOVED, buddy=MOVED, leader=MOVED, stranger=GONE)),
    "club-buddy-propose": ("post", dict(member=MOVED, buddy=MOVED, leader=MOVED, stranger=GONE)),
    "club-buddy-accept": ("post", dict(member=MOVED, buddy=GONE, leader=GONE, stranger=GONE)),
    "club-buddy-end": ("post", dict(member=MOVED, buddy=MOVED, leader=MOVED, stranger=GONE)),
    "club-dashboard": ("get", dict(member=GONE, buddy=GONE, leader=OK, stranger=GONE)),
    "club-summary": ("get", dict(member=GONE, buddy=GONE, leader=OK, stranger=GONE)),
    "club-summary-send": ("post", dict(member=GONE, buddy=GONE, leader=MOVED, stranger=GONE)),
    "club-invite": ("post", dict(member=GONE, buddy=GONE, leader=MOVED, stranger=GONE)),
    "club-link-renew": ("post", dict(member=GONE, buddy=GONE, leader=MOVED, stranger=GONE)),
    "club-pair": ("post", dict(member=GONE, buddy=GONE, leader=MOVED, stranger=GONE)),
    "club-handover": ("get", dict(member=GONE, buddy=GONE, leader=OK, stranger=GONE)),
}


def club_patterns() -> list:
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and getattr(
            entry.urlconf_module, "__name__", ""
        ) == "followthrough.club.urls":
            return list(entry.url_patterns)
    raise AssertionError("followthrough.club.urls is not mounted")


def url_for(pattern, club) -> str:
    sam = club.m_sam
    max_asks = BuddyProposal.objects.get_or_create(source=club.m_max, target=sam)[0]
    ana = Person.objects.create(owner=club.sam, name="Ana Ruiz", notes="private: salary talk")
    item = SharedItem.objects.create(membership=sam, audience="buddy", person=ana)
    message = Message.objects.create(
        group=club.group, sender=club.bea, sender_name="Bea", recipient=club.sam,
        kind=MessageKind.ENCOURAGEMENT, text="Go Sam!",
    )
    values = {"pk": club.group.pk, "item": item.pk, "proposal": max_asks.pk,
              "token": club.group.token}
    if pattern.name == "club-message-read":
        values["pk"] = message.pk
    kwargs = {key: values[key] for key in pattern.pattern.converters}
    return reverse(pattern.name, kwargs=kwargs)


def post_data(name: str, club) -> dict:
    return {
        "club-share-item": {"audience": "buddy", "person": ""},
        "club-buddy-note": {"text": "Well done this week!"},
        "club-buddy-propose": {"member": club.m_max.pk},
        "club-invite": {"emails": "new@example.com"},
        "club-summary-send": {"text": "Good week, everyone."},
        "club-pair": {"first": club.m_max.pk, "second": club.m_sam.pk},
    }.get(name, {})


def test_the_table_covers_every_club_page():
    names = {p.name for p in club_patterns()}
    assert names == set(TABLE)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(TABLE))
def test_each_persona_sees_exactly_what_their_role_allows(client, club, name, persona):
    pattern = next(p for p in club_patterns() if p.name == name)
    method, expected = TABLE[name]
    user = {"member": club.sam, "buddy": club.bea, "leader": club.lena,
            "stranger": club.olive}[persona]
    client.force_login(user)
    url = url_for(pattern, club)

    response = getattr(client, method)(url, post_data(name, club))

    assert response.status_code == expected[persona], (name, persona, url)
    if method == "post":
        assert client.get(url).status_code in {POST_ONLY, GONE, OK, MOVED}


@pytest.mark.parametrize("name", sorted(TABLE))
def test_every_club_page_is_a_404_on_a_local_install(client, club, name):
    pattern = next(p for p in club_patterns() if p.name == name)
    client.force_login(club.sam)
    url = url_for(pattern, club)
    method = TABLE[name][0]
    with override_settings(FOLLOWTHROUGH_HOSTED=False):
        assert getattr(client, method)(url, post_data(name, club)).status_code == GONE


def test_post_only_actions_refuse_a_get(client, club):
    client.force_login(club.sam)
    for pattern in club_patterns():
        if TABLE[pattern.name][0] == "post":
            status = client.get(url_for(pattern, club)).status_code
            assert status in {POST_ONLY, GONE}, pattern.name
