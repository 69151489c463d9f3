"""The command line in hosted mode (issue 14, point 2): ``--user EMAIL`` picks the
account's workspace (required there, refused locally), and ``followthrough user``
makes the first account with a one-time set-password link."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model

from followthrough.tracker.models import Person
from followthrough.tracker.services.owners import LOCAL_USERNAME
from tests.cli_helpers import failure, ok

from .conftest import member, sign_in

pytestmark = pytest.mark.django_db


def test_hosted_commands_need_to_be_told_whose_workspace(hosted):
    message = failure("person", "list")

    assert "--user EMAIL" in message
    assert not get_user_model().objects.filter(username=LOCAL_USERNAME).exists()


def test_user_acts_on_that_accounts_workspace_only(hosted):
    ada, olive = member("ada@example.org"), member("olive@example.org")

    ok("--user", "ada@example.org", "person", "add", "Lena Park")
    ok("--user", "Olive@Example.org", "person", "add", "Sam Oduya")

    assert [p.name for p in Person.objects.filter(owner=ada)] == ["Lena Park"]
    assert [p.name for p in Person.objects.filter(owner=olive)] == ["Sam Oduya"]
    assert "Lena" not in ok("--user", "olive@example.org", "person", "list")


def test_an_address_without_an_account_is_one_clear_line(hosted):
    assert "no account has the address eve@example.org" in failure(
        "--user", "eve@example.org", "today"
    )


def test_local_mode_refuses_user(db):
    assert "local workspace" in failure("--user", "ada@example.org", "today")


def test_the_host_adds_the_first_account_and_its_link_sets_the_password(hosted, client):
    out = json.loads(ok("user", "add", "Hana@Example.org", "--json"))

    assert out["email"] == "hana@example.org"
    link = out["set_password_link"]
    assert link.startswith("https://club.example.org/accounts/password/reset/key/")
    form = client.get(link.split("club.example.org", 1)[1], follow=True)
    assert b'name="password1"' in form.content
    client.post(form.redirect_chain[-1][0], {"password1": "hana's passphrase 9",
                                             "password2": "hana's passphrase 9"})
    assert sign_in(client, "hana@example.org", "hana's passphrase 9")["Location"] == "/"
    # Spent: the same link no longer sets a password.
    again = client.get(link.split("club.example.org", 1)[1], follow=True)
    assert b'name="password1"' not in again.content


def test_adding_an_address_twice_is_refused(hosted):
    ok("user", "add", "hana@example.org")

    assert "already has an account" in failure("user", "add", "HANA@example.org")


def test_user_link_and_invite_and_list(hosted):
    ok("user", "add", "hana@example.org")

    assert "/accounts/password/reset/key/" in ok("user", "link", "hana@example.org")
    assert "/accounts/invite/host:" in ok("user", "invite", "eve@example.org")
    assert "already has an account" in failure("user", "invite", "hana@example.org")
    listed = json.loads(ok("user", "list", "--json"))
    assert [a["email"] for a in listed] == ["hana@example.org"]
    assert listed[0]["two_factor"] is False


def test_user_commands_are_for_hosted_mode(db):
    assert "hosted mode" in failure("user", "add", "hana@example.org")


def test_a_bad_address_is_one_clear_line(hosted):
    assert "is not an email address" in failure("user", "add", "hana")
