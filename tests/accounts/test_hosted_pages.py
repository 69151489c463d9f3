"""Hosted mode's pages (issue 14): every page needs a signed-in account, each account
has its own private workspace, and the public pages are exactly the ones that must be."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLResolver

from followthrough.tracker.demo import build_demo
from followthrough.tracker.models import Person
from followthrough.tracker.services.owners import LOCAL_USERNAME, today_for
from tests.security.test_csp_browser import pages

from .conftest import PASSWORD, member, sign_in

pytestmark = pytest.mark.django_db

# Reached without signing in: allauth's way in (sign-in, sign-up, reset, the e-mail and
# two-factor steps of a sign-in), the host's emailed invitation and a group's link or
# email invitation (club-join), and what programs call with a token of their own (the
# calendar feed, the bookmarklet).
PUBLIC = {
    "account_login", "account_logout", "account_inactive", "account_signup",
    "account_email_verification_sent", "account_reset_password",
    "account_confirm_login_code", "account_confirm_email",
    "account_reset_password_from_key", "account_reset_password_from_key_done",
    "account_reset_password_done", "mfa_authenticate", "account-invitation", "club-join",
    "calendar-feed", "posting-bookmarklet",
}


def routes():
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern), p
    yield from walk(get_resolver().url_patterns)


def sample_path(pattern: str) -> str:
    """A concrete address for a route: 1 for each id, "x" for each other part."""
    path = pattern.lstrip("^").rstrip("$")
    path = re.sub(r"<int:\w+>", "1", path)
    path = re.sub(r"<(\w+:)?\w+>", "x", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "x", path)
    return "/" + path


def test_only_the_public_pages_are_reached_without_signing_in():
    public = {p.name for _, p in routes() if not getattr(p.callback, "login_required", True)}

    assert public == PUBLIC


def test_every_other_page_sends_a_stranger_to_sign_in(client, hosted):
    for pattern, route in routes():
        if route.name in PUBLIC:
            continue
        path = sample_path(pattern)
        response = client.get(path)
        assert response.status_code == 302, (route.name, path, response.status_code)
        assert response["Location"].startswith("/accounts/login/?next="), route.name


def test_signing_in_opens_the_accounts_own_today(client, ada):
    response = sign_in(client, "ada@example.org")

    assert response.status_code == 302 and response["Location"] == "/"
    today = client.get("/")
    assert today.status_code == 200
    assert today.wsgi_request.user == ada
    assert b'aria-label="Main"' in today.content


def test_a_wrong_password_signs_nobody_in(client, ada):
    response = sign_in(client, "ada@example.org", "not the password")

    assert response.status_code == 200
    assert client.get("/").status_code == 302


def test_hosted_mode_never_makes_or_signs_in_the_local_owner(client, ada):
    client.get("/")
    client.get("/people/")

    assert not get_user_model().objects.filter(username=LOCAL_USERNAME).exists()


def test_signing_out_ends_the_session(client, ada):
    sign_in(client, "ada@example.org")

    client.post("/accounts/logout/")

    assert client.get("/").status_code == 302


def test_settings_show_the_account_and_sign_out(client, ada):
    sign_in(client, "ada@example.org")

    html = client.get("/settings/").content.decode()

    assert "Signed in as ada@example.org" in html
    assert 'action="/accounts/logout/"' in html
    assert 'href="/accounts/2fa/"' in html


def test_each_account_sees_its_own_workspace_and_an_outsider_gets_404(client, ada, olive):
    build_demo(ada, today_for(ada))
    urls = pages(ada)
    sign_in(client, "ada@example.org")
    for name, url in urls.items():
        response = client.get(url)
        # /import/done/ with no import behind it goes back to /import/.
        assert response.status_code == 200 or name == "import-done", (name, url)

    client.post("/accounts/logout/")
    sign_in(client, "olive@example.org")
    people = client.get("/people/").content.decode()
    assert not [p.name for p in Person.objects.filter(owner=ada) if p.name in people]
    for name, url in urls.items():
        if re.search(r"/\d+/", url):
            assert client.get(url).status_code == 404, (name, url)
    person = Person.objects.filter(owner=ada).first()
    assert person.name.encode() not in client.get("/search/?q=" + person.name[:4]).content


def test_a_member_made_without_a_workspace_gets_one_on_first_page(client, hosted):
    user = get_user_model().objects.create_user("new@example.org", email="new@example.org",
                                                password=PASSWORD)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    sign_in(client, "new@example.org")

    assert client.get(reverse("today")).status_code == 200
    assert client.get(reverse("settings")).status_code == 200


def test_local_mode_has_no_account_pages(client, db):
    for path in ("/accounts/login/", "/accounts/signup/", "/accounts/2fa/"):
        assert client.get(path).status_code == 404, path


def test_local_mode_still_signs_the_owner_in_without_a_password(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assert response.wsgi_request.user.username == LOCAL_USERNAME


def test_the_people_list_fixture_is_used(ada):
    # member() makes a verified address, so sign-in needs no e-mail step.
    assert member("third@example.org").emailaddress_set.get().verified


def test_static_files_need_no_sign_in(client, hosted):
    response = client.get("/static/followthrough/app.css")

    assert response.status_code == 200
    assert b".page.entrance" in b"".join(response.streaming_content)
