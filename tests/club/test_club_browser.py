"""The club's pages in Chromium, hosted: no CSP violation, no serious axe finding, at
1280 and 390 px, each kept as a screenshot in test-artifacts/club/<width>/."""

from __future__ import annotations

import pytest
from django.test import Client

from followthrough.club.services import messages as inbox
from followthrough.tracker.services.owners import today_for
from tests.browser.artifacts import DESKTOP, PHONE, keep
from tests.browser.test_accessibility_browser import violations as axe_violations
from tests.security.test_csp_browser import WATCH
from tests.security.test_csp_browser import violations as csp_violations

from .conftest import make_user
from .scenario import ClassOfTwenty

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(browser, live_server, user, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, **options)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture
def cls(transactional_db):
    probe = make_user("probe@example.com")
    built = ClassOfTwenty(today_for(probe))
    ben = built.member("Ben")
    inbox.send_note(ben, "Great week, Ada! How did the call with the recruiter go?")
    built.land("Eli", built.today)
    built.olive = make_user("olive@example.com", "Olive")
    return built


def pages(cls) -> dict[str, list[str]]:
    g = cls.group.pk
    return {
        "lena": ["/", "/club/", f"/club/{g}/", f"/club/{g}/dashboard/", f"/club/{g}/summary/",
                 f"/club/{g}/handover/", f"/club/{g}/sharing/", "/club/new/"],
        "ada": ["/", f"/club/{g}/buddy/", f"/club/{g}/sharing/", f"/club/{g}/",
                f"/club/{g}/leave/", "/club/"],
        "olive": [f"/club/join/{cls.group.token}/"],
    }


def users(cls) -> dict:
    return {"lena": cls.lena, "ada": cls.member("Ada").member, "olive": cls.olive}


def test_the_club_pages_run_under_the_csp(browser, live_server, cls):
    problems = {}
    for who, urls in pages(cls).items():
        context, page = signed_in(browser, live_server, users(cls)[who])
        console: list[str] = []
        page.on("console", lambda m, console=console: console.append(m.text))
        page.add_init_script(WATCH)
        for url in urls:
            console.clear()
            response = page.goto(url)
            assert response.status == 200, (who, url, response.status)
            page.wait_for_load_state("load")
            if found := csp_violations(page, console):
                problems[f"{who} {url}"] = found
        context.close()
    assert problems == {}


def test_the_club_pages_pass_axe_at_1280_and_390(browser, live_server, cls):
    found = {}
    for who, urls in pages(cls).items():
        context, page = signed_in(browser, live_server, users(cls)[who], bypass_csp=True)
        for viewport in (DESKTOP, PHONE):
            page.set_viewport_size(viewport)
            for url in urls:
                page.goto(url)
                if problems := axe_violations(page):
                    found[f"{who} {url} at {viewport['width']}"] = problems
                named = url.replace(f"/{cls.group.pk}/", "/group/")
                named = named.replace(cls.group.token, "token")
                slug = named.strip("/").replace("/", "-") or "today"
                keep(page, f"club/{viewport['width']}/{who}-{slug}")
        context.close()
    assert found == {}
