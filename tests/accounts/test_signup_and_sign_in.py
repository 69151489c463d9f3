"""Accounts (issue 14, point 2): sign-up by invitation only, e-mail verification,
password reset, login throttling and two-factor sign-in, through allauth and axes."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import get_user_model
from django.core import mail

from followthrough.accounts import gate, invitations

from .conftest import PASSWORD, member, sign_in

pytestmark = pytest.mark.django_db


def signup(client, email: str, password: str = PASSWORD):
    return client.post(
        "/accounts/signup/", {"email": email, "password1": password, "password2": password}
    )


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_without_an_invitation_sign_up_is_closed(client, hosted):
    page = client.get("/accounts/signup/")

    assert b"Sign-up is by invitation" in page.content
    signup(client, "eve@example.org")
    assert not get_user_model().objects.filter(email="eve@example.org").exists()


def test_a_token_no_check_accepts_keeps_it_closed(client, hosted):
    session = client.session
    session[gate.SESSION_KEY] = "made-up"
    session.save()

    assert b"Sign-up is by invitation" in client.get("/accounts/signup/").content


def test_a_registered_check_opens_sign_up_for_its_token(client, hosted, monkeypatch):
    # The club registers its group links this way (AppConfig.ready).
    monkeypatch.setattr(gate, "INVITATION_CHECKS", list(gate.INVITATION_CHECKS))
    gate.register(lambda token: token == "group-link-1")
    session = client.session
    session[gate.SESSION_KEY] = "group-link-1"
    session.save()

    response = signup(client, "eve@example.org")

    assert response.status_code == 302
    assert get_user_model().objects.filter(email="eve@example.org").exists()


def test_an_email_invitation_leads_to_sign_up_verification_and_the_workspace(client, hosted):
    token = invitations.make("Eve@Example.org")

    response = client.get(f"/accounts/invite/{token}/")
    assert response.status_code == 302 and response["Location"] == "/accounts/signup/"
    assert b'name="password1"' in client.get("/accounts/signup/").content

    signup(client, "eve@example.org")
    user = get_user_model().objects.get(email="eve@example.org")
    assert user.password.startswith("md5$")  # hashed (Argon2 outside the tests)
    assert client.get("/").status_code == 302  # not yet: the address is unverified
    confirm = link_in(mail.outbox[-1]).split("example.org", 1)[-1].split("testserver", 1)[-1]
    client.post(confirm)
    assert client.get("/").status_code == 200
    assert not invitations.is_valid(token)  # spent: the address has an account now


def test_an_email_invitation_is_for_its_own_address(client, hosted):
    client.get(f"/accounts/invite/{invitations.make('eve@example.org')}/")

    response = signup(client, "mallory@example.org")

    assert b"This invitation is for eve@example.org" in response.content
    assert not get_user_model().objects.filter(email="mallory@example.org").exists()


def test_a_forged_or_stale_invitation_is_refused(client, hosted):
    token = invitations.make("eve@example.org")
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")

    response = client.get(f"/accounts/invite/{forged}/")

    assert response.status_code == 404
    assert b"This invitation is not valid" in response.content
    assert gate.SESSION_KEY not in client.session


def test_a_forgotten_password_is_reset_by_mail(client, ada):
    client.post("/accounts/password/reset/", {"email": "ada@example.org"})
    link = link_in(mail.outbox[-1])
    path = "/" + link.split("/", 3)[3]

    form = client.get(path, follow=True)
    client.post(form.redirect_chain[-1][0] if form.redirect_chain else path,
                {"password1": "another passphrase 7", "password2": "another passphrase 7"})

    assert sign_in(client, "ada@example.org", "another passphrase 7")["Location"] == "/"


def test_five_wrong_passwords_lock_the_address_out_even_with_the_right_one(client, ada):
    for _ in range(5):
        sign_in(client, "ada@example.org", "wrong guess")

    response = sign_in(client, "ada@example.org")

    assert response.status_code == 429
    assert b"Too many attempts" in response.content
    assert client.get("/").status_code == 302


def test_another_address_is_not_locked_by_someones_failures(client, ada, olive):
    for _ in range(5):
        sign_in(client, "ada@example.org", "wrong guess")

    assert sign_in(client, "olive@example.org")["Location"] == "/"


def _code(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())  # now, and the tolerance around it
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def test_with_two_factor_on_a_password_alone_does_not_sign_in(client, ada):
    secret = generate_totp_secret()
    TOTP.activate(ada, secret)

    response = sign_in(client, "ada@example.org")

    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/").status_code == 302
    client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert client.get("/").status_code == 302
    client.post("/accounts/2fa/authenticate/", {"code": _code(secret)})
    assert client.get("/").status_code == 200


def test_two_factor_is_switched_on_from_the_account_pages(client, ada):
    sign_in(client, "ada@example.org")
    page = client.get("/accounts/2fa/totp/activate/", follow=True)
    if page.redirect_chain:  # asks for the password again first
        assert b'name="password"' in page.content
        page = client.post(page.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert page.status_code == 200
    assert b"data:image/svg+xml" in page.content or b"<svg" in page.content  # the QR code
    secret = page.context["form"].secret

    client.post("/accounts/2fa/totp/activate/", {"code": _code(secret)})

    assert ada.authenticator_set.filter(type="totp").exists()


def test_the_local_owner_has_no_password(db, client):
    client.get("/")
    owner = get_user_model().objects.get(username="local")

    assert not owner.has_usable_password()


def test_member_helper_makes_verified_accounts(hosted):
    assert member("x@example.org").emailaddress_set.get().verified


def test_behind_the_proxy_one_members_failures_do_not_lock_another_client_out(client, ada):
    # The proxy appends the client's address; what the client wrote before it is ignored.
    for _ in range(5):
        client.post("/accounts/login/", {"login": "ada@example.org", "password": "wrong"},
                    HTTP_X_FORWARDED_FOR="10.0.0.9, 203.0.113.7")

    spoofing = client.post("/accounts/login/", {"login": "ada@example.org",
                                                "password": PASSWORD},
                           HTTP_X_FORWARDED_FOR="203.0.113.8, 203.0.113.7")
    elsewhere = client.post("/accounts/login/", {"login": "ada@example.org",
                                                 "password": PASSWORD},
                            HTTP_X_FORWARDED_FOR="203.0.113.8")

    assert spoofing.status_code == 429
    assert elsewhere.status_code == 302
