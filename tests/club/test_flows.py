"""Groups, invitations, buddies, leadership, notes, landing news, and the rules that see them."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import override_settings

from followthrough import engine
from followthrough.club.models import Group, Invitation, Membership, Message, MessageKind
from followthrough.club.services import buddies, groups, sharing
from followthrough.club.signals import SESSION_KEY
from followthrough.tracker.models import Person, Rule
from followthrough.tracker.services.opportunities import OpportunityInput, add_opportunity, move

from .conftest import make_user

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"
NO_LOCAL_OWNER = [
    m for m in __import__("django.conf").conf.settings.MIDDLEWARE if "LocalOwner" not in m
]


def test_a_leader_creates_a_group_and_leads_it(client):
    lena = make_user("lena@example.com", "Lena")
    client.force_login(lena)

    response = client.post("/club/new/", {"name": "Tuesday job club, spring class",
                                          "starts_on": "2026-03-03", "weeks": "8"})

    group = Group.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/club/{group.pk}/dashboard/"
    assert (group.leader, group.weeks, group.starts_on) == (lena, 8, dt.date(2026, 3, 3))
    assert Membership.objects.get(group=group).member == lena


def test_a_group_needs_a_name(client):
    client.force_login(make_user("lena@example.com"))

    response = client.post("/club/new/", {"name": "  ", "weeks": "8"})

    assert response.status_code == 400 and not Group.objects.exists()


def test_a_signed_in_visitor_confirms_before_joining_by_the_group_link(client, club):
    newcomer = make_user("nia@example.com", "Nia")
    client.force_login(newcomer)
    url = f"/club/join/{club.group.token}/"

    assert "Join Tuesday job club" in client.get(url).content.decode()
    assert not Membership.objects.filter(member=newcomer).exists()
    response = client.post(url, {"display_name": "Nia K."})

    joined = Membership.objects.get(member=newcomer)
    assert response.status_code == 302 and joined.display_name == "Nia K."
    assert joined.leader_person.name == "Lena"
    assert {t.name for t in joined.leader_person.tags.all()} == {"job club"}


def test_a_visitor_not_signed_in_is_offered_sign_up_and_joins_after_signing_in(client, club):
    url = f"/club/join/{club.group.token}/"
    with override_settings(MIDDLEWARE=NO_LOCAL_OWNER):
        html = client.get(url).content.decode()
    assert "Sign up" in html or "Log in" in html
    assert client.session[SESSION_KEY] == club.group.token

    newcomer = make_user("nia@example.com", "Nia")
    client.force_login(newcomer)  # Django's user_logged_in, as after allauth's sign-up

    assert Membership.objects.filter(member=newcomer, group=club.group).exists()
    assert SESSION_KEY not in client.session


def test_an_email_invitation_is_mailed_once_mail_is_set_up_and_works_once(client, club):
    client.force_login(club.lena)
    with override_settings(EMAIL_BACKEND=LOCMEM):
        client.post(f"/club/{club.group.pk}/invite/", {"emails": "nia@example.com, ot@example.com"})

    assert len(mail.outbox) == 2
    invitation = Invitation.objects.get(email="nia@example.com")
    assert f"/club/join/{invitation.token}/" in mail.outbox[0].body + mail.outbox[1].body
    nia = make_user("nia@example.com")
    groups.join(nia, invitation.token)
    assert groups.find_invitation(invitation.token) is None


def test_no_mail_without_a_mail_server_but_the_invitation_is_there(client, club):
    client.force_login(club.lena)
    with override_settings(EMAIL_BACKEND=CONSOLE):
        client.post(f"/club/{club.group.pk}/invite/", {"emails": "nia@example.com"})

    assert Invitation.objects.filter(email="nia@example.com").exists()
    assert mail.outbox == []


def test_a_renewed_group_link_stops_the_old_one(client, club):
    old = club.group.token
    client.force_login(club.lena)
    client.post(f"/club/{club.group.pk}/link/")

    assert groups.find_invitation(old) is None


def test_members_pair_themselves_by_invitation(client, club):
    nia = make_user("nia@example.com", "Nia")
    m_nia = groups.join(nia, club.group.token)
    client.force_login(club.max)
    client.post(f"/club/{club.group.pk}/buddy/ask/", {"member": m_nia.pk})
    client.force_login(nia)
    proposal = m_nia.proposals.get()

    client.post(f"/club/{club.group.pk}/buddy/requests/{proposal.pk}/accept/")

    m_nia.refresh_from_db()
    assert m_nia.buddy == club.m_max
    assert m_nia.buddy_person.name == "Max"
    assert {t.name for t in m_nia.buddy_person.tags.all()} == {"buddy", "job club"}
    assert m_nia.buddy_person.introduced_by is None  # they found each other


def test_a_pair_made_by_the_leader_was_introduced_by_the_leader(club):
    sams_bea = club.m_sam.buddy_person
    assert sams_bea.name == "Bea"
    assert sams_bea.introduced_by == club.m_sam.leader_person


def test_leadership_handover(client, club):
    client.force_login(club.lena)
    client.post(f"/club/{club.group.pk}/handover/", {"member": club.m_bea.pk})

    club.group.refresh_from_db()
    assert club.group.leader == club.bea
    assert client.get(f"/club/{club.group.pk}/dashboard/").status_code == 404
    assert client.get(f"/club/{club.group.pk}/").status_code == 200  # still a member
    client.force_login(club.bea)
    assert client.get(f"/club/{club.group.pk}/dashboard/").status_code == 200
    club.m_sam.refresh_from_db()
    assert club.m_sam.leader_person.name == "Bea"


def test_what_a_member_shares_with_the_leader_follows_the_new_leader(client, club):
    club.share(club.m_max, "leader", "week")
    groups.hand_over(club.group, club.m_bea.pk)
    g = club.group.pk

    client.force_login(club.bea)
    html = client.get(f"/club/{g}/dashboard/").content.decode()
    assert "Numbers shared since" in html.split(">Max")[1].split("</tr>")[0]
    club.m_max.refresh_from_db()
    assert sharing.view_of(club.lena, club.m_max, dt.date(2026, 3, 2)).empty


def test_a_leader_hands_over_before_leaving(client, club):
    client.force_login(club.lena)

    client.post(f"/club/{club.group.pk}/leave/")

    assert Membership.objects.filter(member=club.lena, group=club.group).exists()


def test_a_buddy_sends_a_note_in_app_and_by_mail(client, club):
    client.force_login(club.bea)
    with override_settings(EMAIL_BACKEND=LOCMEM):
        client.post(f"/club/{club.group.pk}/buddy/note/", {"text": "Great week, Sam!"})

    note = Message.objects.get(recipient=club.sam)
    assert (note.kind, note.sender_name, note.text) == (
        MessageKind.ENCOURAGEMENT, "Bea", "Great week, Sam!"
    )
    assert mail.outbox[0].to == ["sam@example.com"]
    client.force_login(club.sam)
    today = client.get("/").content.decode()
    assert "From your job club" in today and "Great week, Sam!" in today


def accept_offer(user, on: dt.date):
    with time_machine.travel(dt.datetime.combine(on, dt.time(12), tzinfo=dt.UTC), tick=False):
        opp = add_opportunity(user, OpportunityInput(role="Data analyst", organization="Acme"),
                              on)
        return move(user, opp, "accepted", on=on)


def test_landing_is_told_to_whom_the_member_shares_it_with(
    club, django_capture_on_commit_callbacks
):
    club.share(club.m_sam, "leader", "landed")
    capture = django_capture_on_commit_callbacks(execute=True)
    with override_settings(EMAIL_BACKEND=LOCMEM), capture:
        accept_offer(club.sam, dt.date(2026, 3, 10))

    told = Message.objects.filter(kind=MessageKind.LANDED)
    assert [m.recipient for m in told] == [club.lena]
    assert "Sam landed: Data analyst at Acme" in told[0].text
    assert mail.outbox[0].to == ["lena@example.com"]


def test_landing_is_told_to_nobody_without_consent(club, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        accept_offer(club.sam, dt.date(2026, 3, 10))

    assert not Message.objects.exists()


def test_the_landed_thanks_include_the_leader_and_the_buddy(club):
    opp = accept_offer(club.sam, dt.date(2026, 3, 10))
    day = dt.date(2026, 3, 10)

    items = [i for i in engine.evaluate(engine.load_facts(club.sam, day), day)
             if i.rule == Rule.LANDED_THANKS]

    people = {Person.objects.get(pk=i.person_id).name: i for i in items}
    assert set(people) == {"Lena", "Bea"}
    assert people["Bea"].key == f"landed-thanks:{opp.pk}:{club.m_sam.buddy_person_id}"
    assert "search buddy in Tuesday job club" in people["Bea"].reason
    assert "leads Tuesday job club" in people["Lena"].reason


def next_friday() -> dt.date:
    """The first Friday after the club was made (the members started today, real time)."""
    today = dt.datetime.now(dt.UTC).date()
    return today + dt.timedelta(days=(4 - today.weekday()) % 7 or 7)


def test_the_buddy_item_asks_to_read_the_buddys_week_and_answer(club):
    friday = next_friday()

    items = [i for i in engine.evaluate(engine.load_facts(club.sam, friday), friday)
             if i.rule == Rule.BUDDY_SUMMARY]

    (item,) = items
    assert item.title == "Read Bea's week and answer"
    assert item.person_id == club.m_sam.buddy_person_id


def test_no_buddy_item_for_a_friday_before_the_pairing(club):
    today = dt.datetime.now(dt.UTC).date()
    sunday = today + dt.timedelta(days=6 - today.weekday())
    paired = dt.datetime.combine(sunday, dt.time(12), tzinfo=dt.UTC)
    Membership.objects.filter(pk=club.m_sam.pk).update(buddy_since=paired)

    items = [i for i in engine.evaluate(engine.load_facts(club.sam, sunday), sunday)
             if i.rule == Rule.BUDDY_SUMMARY]

    assert items == []


def test_without_a_buddy_the_item_is_gone_again(club):
    buddies.end(club.m_sam)
    friday = next_friday()

    items = [i for i in engine.evaluate(engine.load_facts(club.sam, friday), friday)
             if i.rule == Rule.BUDDY_SUMMARY]

    assert items == []


def test_the_leaders_today_suggests_a_check_in_with_a_quiet_member_who_shares(client, club):
    club.share(club.m_max, "leader", "week")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=8)
    client.force_login(club.lena)

    with time_machine.travel(later, tick=False):
        today = client.get("/").content.decode()

    assert "Check in with Max" in today
    assert "Check in with Sam" not in today  # Sam shares nothing with the leader


def test_the_club_is_in_the_navigation_only_when_hosted(client, club):
    client.force_login(club.sam)
    assert '<a href="/club/">Club</a>' in client.get("/").content.decode()
    with override_settings(FOLLOWTHROUGH_HOSTED=False):
        assert "/club/" not in client.get("/").content.decode()


def test_the_leader_sends_the_class_summary_to_every_member(client, club):
    client.force_login(club.lena)
    with override_settings(EMAIL_BACKEND=LOCMEM):
        client.post(f"/club/{club.group.pk}/summary/send/", {"text": "Good week, everyone."})

    sent = Message.objects.filter(kind=MessageKind.CLASS)
    assert {m.recipient for m in sent} == {club.sam, club.bea, club.max}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "bea@example.com", "max@example.com", "sam@example.com"
    ]
    client.force_login(club.max)
    assert "From Lena" in client.get("/").content.decode()
