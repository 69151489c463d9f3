"""Sharing by consent: nothing by default, exactly what is chosen, revoked at once."""

from __future__ import annotations

import pytest

from followthrough.club.models import SharedItem
from followthrough.club.services import groups, sharing
from followthrough.tracker.models import Interaction, Person
from followthrough.tracker.services.interactions import LogInput, log_interaction
from followthrough.tracker.services.owners import today_for

pytestmark = pytest.mark.django_db


def sams_week(club):
    """Sam's week: two emails to Ana, whose notes are private."""
    ana = Person.objects.create(owner=club.sam, name="Ana Ruiz", title="Head of data",
                                notes="PRIVATE: she hinted at the salary band")
    for _ in range(2):
        today = today_for(club.sam)
        log_interaction(club.sam, LogInput(kind="email", people=[ana], on=today,
                                           summary="Asked Ana about the data team"), today)
    return ana


def page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_nothing_a_member_records_is_visible_by_default(client, club):
    sams_week(club)
    g = club.group.pk

    dashboard = page(client, club.lena, f"/club/{g}/dashboard/")
    buddy = page(client, club.bea, f"/club/{g}/buddy/")

    sams_row = dashboard.split(">Sam")[1].split("</tr>")[0]
    assert "Shares nothing with you yet" in sams_row and "data-label" not in sams_row
    theirs = buddy.split('id="theirs-heading"')[1].split("</section>")[0]
    assert "Sam shares nothing with you yet" in theirs and "club-figures" not in theirs
    for html in (dashboard, buddy):
        assert "Ana Ruiz" not in html and "PRIVATE" not in html


def test_the_week_shared_with_the_leader_shows_to_the_leader_only_and_says_since_when(
    client, club
):
    sams_week(club)
    club.share(club.m_sam, "leader", "week")
    g = club.group.pk

    dashboard = page(client, club.lena, f"/club/{g}/dashboard/")
    buddy = page(client, club.bea, f"/club/{g}/buddy/")

    assert "Numbers shared since" in dashboard.split(">Sam")[1].split("</tr>")[0]
    assert 'data-label="Outreach">2<' in dashboard
    assert "Sam shares nothing with you yet" in buddy
    assert "Ana Ruiz" not in dashboard and "PRIVATE" not in dashboard


def test_revoking_is_immediate(client, club):
    sams_week(club)
    club.share(club.m_sam, "buddy", "week")
    g = club.group.pk
    assert "their weekly numbers since" in page(client, club.bea, f"/club/{g}/buddy/")

    client.force_login(club.sam)
    response = client.post(f"/club/{g}/sharing/", {"shared": []})

    assert response.status_code == 302
    assert "Sam shares nothing with you yet" in page(client, club.bea, f"/club/{g}/buddy/")


def test_one_person_shared_with_the_buddy_shows_name_title_never_notes(client, club):
    ana = sams_week(club)
    g = club.group.pk
    client.force_login(club.sam)
    client.post(f"/club/{g}/sharing/items/", {"audience": "buddy", "person": ana.pk})

    buddy = page(client, club.bea, f"/club/{g}/buddy/")
    dashboard = page(client, club.lena, f"/club/{g}/dashboard/")

    assert "Ana Ruiz (Head of data)" in buddy
    assert "PRIVATE" not in buddy
    assert "Ana Ruiz" not in dashboard


def test_a_member_cannot_share_someone_elses_person(client, club):
    olives = Person.objects.create(owner=club.olive, name="Olive's contact")
    client.force_login(club.sam)

    client.post(f"/club/{club.group.pk}/sharing/items/", {"audience": "buddy",
                                                          "person": olives.pk})

    assert not SharedItem.objects.exists()


def test_a_shared_interaction_shows_its_first_line_never_rapport_or_body(client, club):
    sams_week(club)
    chat = Interaction.objects.filter(owner=club.sam).first()
    chat.rapport_note = "RAPPORT: we both ran Berlin"
    chat.body = "BODY: the full email"
    chat.save()
    client.force_login(club.sam)
    client.post(f"/club/{club.group.pk}/sharing/items/", {"audience": "leader",
                                                          "interaction": chat.pk})

    dashboard = page(client, club.lena, f"/club/{club.group.pk}/dashboard/")

    assert "Asked Ana about the data team" in dashboard
    assert "RAPPORT" not in dashboard and "BODY" not in dashboard


def test_a_member_who_is_neither_buddy_nor_leader_sees_names_only(client, club):
    sams_week(club)
    club.share(club.m_sam, "buddy", "week")
    club.share(club.m_sam, "leader", "week")

    group_page = page(client, club.max, f"/club/{club.group.pk}/")
    buddy_page = page(client, club.max, f"/club/{club.group.pk}/buddy/")

    assert "Sam" in group_page
    assert "Outreach" not in group_page and "Outreach" not in buddy_page
    assert "You have no buddy" in buddy_page


def test_a_stranger_sees_no_member_anywhere(client, club):
    sams_week(club)
    club.share(club.m_sam, "leader", "week")

    html = page(client, club.olive, "/club/")

    assert "Sam" not in html and "Tuesday job club" not in html


def test_a_new_buddy_sees_what_is_shared_with_the_buddy_role(club):
    club.share(club.m_sam, "buddy", "week")
    today = today_for(club.sam)
    assert sharing.view_of(club.max, club.m_sam, today).empty

    from followthrough.club.services import buddies

    buddies.pair(club.m_sam, club.m_max, by_leader=True)
    club.m_sam.refresh_from_db()

    assert sharing.view_of(club.max, club.m_sam, today).week is not None
    assert sharing.view_of(club.bea, club.m_sam, today).empty


def test_the_consent_form_keeps_the_date_of_a_choice_kept(client, club):
    first = club.share(club.m_sam, "leader", "week")
    client.force_login(club.sam)

    client.post(f"/club/{club.group.pk}/sharing/", {"shared": ["leader:week", "buddy:landed"]})

    kept = sharing.consents_of(club.m_sam)
    assert kept[("leader", "week")] == first.created_at
    assert ("buddy", "landed") in kept


def test_leaving_a_group_stops_all_sharing_and_keeps_the_members_data(client, club):
    sams_week(club)
    club.share(club.m_sam, "leader", "week")
    people = set(Person.objects.filter(owner=club.sam).values_list("name", flat=True))
    client.force_login(club.sam)

    response = client.post(f"/club/{club.group.pk}/leave/")

    assert response.status_code == 302
    assert set(Person.objects.filter(owner=club.sam).values_list("name", flat=True)) == people
    assert {"Lena", "Bea", "Ana Ruiz"} <= people
    assert Interaction.objects.filter(owner=club.sam).count() == 2
    assert "Sam" not in page(client, club.lena, f"/club/{club.group.pk}/dashboard/")
    club.m_bea.refresh_from_db()
    assert club.m_bea.buddy is None
    assert client.get(f"/club/{club.group.pk}/").status_code == 200  # Lena is still in it
    client.force_login(club.sam)
    assert client.get(f"/club/{club.group.pk}/").status_code == 404


def test_a_member_belongs_to_several_groups_with_separate_choices(client, club):
    other = groups.create_group(club.bea, name="Thursday coffee group")
    mine = groups.join(club.sam, other.token)
    club.share(club.m_sam, "leader", "week")

    assert sharing.view_of(club.lena, club.m_sam, today_for(club.sam)).week is not None
    assert sharing.view_of(club.bea, mine, today_for(club.sam)).empty
    html = page(client, club.sam, "/club/")
    assert "Tuesday job club" in html and "Thursday coffee group" in html
