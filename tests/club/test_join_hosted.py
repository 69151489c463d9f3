"""Joining a group end to end, under hosted mode's real middleware (LoginRequired, axes,
allauth): a visitor not signed in opens a group link or an email invitation, signs up
(through allauth's own flow, e-mail verification included) or logs in, and is a member.

Nia is new here; Lena leads the class; Olive already has an account.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail

from followthrough.accounts import gate
from followthrough.accounts import invitations as host_invitations
from followthrough.club.models import Invitation, Membership
from followthrough.club.services import groups
from tests.accounts.conftest import PASSWORD, hosted_settings, member, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def real_hosted(settings):
    return hosted_settings(settings)


@pytest.fixture
def lena(db):
    return member("lena@example.org")


@pytest.fixture
def group(lena):
    return groups.create_group(lena, name="Tuesday job club", display_name="Lena")


def signup(client, email: str):
    return client.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def confirm_by_mail(client):
    """Open the verification link of the last mail, as allauth sends it."""
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    path = "/" + link.split("/", 3)[3]
    return client.post(path)


def test_a_visitor_not_signed_in_reaches_the_group_link_and_is_offered_both_ways_in(
    client, group
):
    response = client.get(f"/club/join/{group.token}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Join Tuesday job club" in html
    assert 'href="/accounts/signup/?next=/club/"' in html
    assert 'href="/accounts/login/?next=/club/"' in html
    assert client.session[gate.SESSION_KEY] == group.token


def test_a_new_visitor_signs_up_by_the_group_link_verifies_and_is_a_member(client, group):
    client.get(f"/club/join/{group.token}/")
    assert b'name="password1"' in client.get("/accounts/signup/").content  # the gate opened

    response = signup(client, "nia@example.org")

    nia = get_user_model().objects.get(email="nia@example.org")
    assert response.status_code == 302
    assert client.get("/club/").status_code == 302  # not in yet: the address is unverified
    confirmed = confirm_by_mail(client)
    assert confirmed.status_code == 302
    page = client.get("/club/")
    assert page.status_code == 200 and page.wsgi_request.user == nia
    joined = Membership.objects.get(member=nia)
    assert joined.group == group and joined.display_name == "nia"
    assert joined.leader_person.name == "Lena"
    assert "Tuesday job club" in page.content.decode()


def test_an_email_invitation_to_a_group_opens_sign_up_once(client, group, lena):
    invitation = groups.invite(group, lena, "nia@example.org")[0]

    client.get(f"/club/join/{invitation.token}/")
    signup(client, "nia@example.org")
    confirm_by_mail(client)

    nia = get_user_model().objects.get(email="nia@example.org")
    assert Membership.objects.filter(member=nia, group=group).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    other = client_for_stranger()
    page = other.get(f"/club/join/{invitation.token}/")
    assert page.status_code == 404 and b"already used" in page.content
    assert b"Sign-up is by invitation" in other.get("/accounts/signup/").content


def client_for_stranger():
    from django.test import Client

    return Client()


def test_an_existing_account_logging_in_with_a_pending_invitation_joins(client, group):
    olive = member("olive@example.org")

    client.get(f"/club/join/{group.token}/")
    response = client.post("/accounts/login/?next=/club/",
                           {"login": "olive@example.org", "password": PASSWORD, "next": "/club/"})

    assert response.status_code == 302 and response["Location"] == "/club/"
    assert Membership.objects.filter(member=olive, group=group).exists()
    page = client.get("/club/").content.decode()
    assert "You joined Tuesday job club" in page
    assert gate.SESSION_KEY not in client.session


def test_an_unknown_link_says_so_and_sign_up_stays_closed(client, group):
    response = client.get("/club/join/not-a-real-token/")

    assert response.status_code == 404
    assert b"This link does not open a group" in response.content
    assert gate.SESSION_KEY not in client.session
    assert b"Sign-up is by invitation" in client.get("/accounts/signup/").content
    signup(client, "eve@example.org")
    assert not get_user_model().objects.filter(email="eve@example.org").exists()


def test_an_old_group_link_stops_when_the_leader_makes_a_new_one(client, group):
    old = group.token
    groups.renew_link(group)

    response = client.get(f"/club/join/{old}/")

    assert response.status_code == 404
    assert b"This link does not open a group" in response.content


def test_an_expired_email_invitation_says_so_and_sign_up_stays_closed(client, group, lena):
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)):
        invitation = groups.invite(group, lena, "nia@example.org")[0]
    with time_machine.travel(dt.datetime(2026, 3, 16, 9, tzinfo=dt.UTC)):
        response = client.get(f"/club/join/{invitation.token}/")
        signup_page = client.get("/accounts/signup/")

    assert response.status_code == 404
    assert b"This invitation has expired" in response.content
    assert gate.SESSION_KEY not in client.session
    assert b"Sign-up is by invitation" in signup_page.content


def test_an_invitation_that_expired_after_it_was_opened_closes_sign_up(client, group, lena):
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)):
        invitation = groups.invite(group, lena, "nia@example.org")[0]
        client.get(f"/club/join/{invitation.token}/")
    with time_machine.travel(dt.datetime(2026, 3, 16, 9, tzinfo=dt.UTC)):
        assert b"Sign-up is by invitation" in client.get("/accounts/signup/").content
        signup(client, "nia@example.org")

    assert not get_user_model().objects.filter(email="nia@example.org").exists()
    assert not Invitation.objects.filter(accepted_at__isnull=False).exists()


def test_the_hosts_invitation_and_a_groups_both_open_sign_up(client, group):
    # Two invitations for two purposes: the host's lets a person in (no group); a group's
    # lets them in *and* into the group. Both go through the one gate.
    client.get(f"/accounts/invite/{host_invitations.make('nia@example.org')}/")
    signup(client, "nia@example.org")
    confirm_by_mail(client)
    nia = get_user_model().objects.get(email="nia@example.org")
    assert not Membership.objects.filter(member=nia).exists()

    client.post("/accounts/logout/")
    client.get(f"/club/join/{group.token}/")
    signup(client, "max@example.org")
    confirm_by_mail(client)
    assert Membership.objects.filter(member__email="max@example.org", group=group).exists()


def test_a_signed_in_member_opening_the_link_confirms_first(client, group):
    olive = member("olive@example.org")
    sign_in(client, "olive@example.org")

    page = client.get(f"/club/join/{group.token}/")

    assert page.status_code == 200 and b"Join the group" in page.content
    assert not Membership.objects.filter(member=olive).exists()


def test_the_sign_in_and_sign_up_pages_name_the_group_a_waiting_invitation_opens(client, group):
    before = client.get("/accounts/login/").content.decode()
    assert "Tuesday job club" not in before and "Sign-up is by invitation" in before

    client.get(f"/club/join/{group.token}/")

    sign_in_page = client.get("/accounts/login/").content.decode()
    sign_up_page = client.get("/accounts/signup/").content.decode()
    assert "Sign in to join <strong>Tuesday job club</strong>" in sign_in_page
    assert "Keep me signed in" in sign_in_page and "Remember Me" not in sign_in_page
    assert "You are invited to <strong>Tuesday job club</strong>" in sign_up_page
    assert "Create account" in sign_up_page and "Sign Up" not in sign_up_page
