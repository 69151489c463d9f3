"""The account pages in Chromium (issue 14): in the app's layout and CSS, without a
single Content-Security-Policy violation, and with no serious or critical axe-core
violation. Screenshots in test-artifacts/accounts/.

The app runs in hosted mode on a server of this test's own (the session's live
server was built in local mode, and Django reads the middleware once per server).
"""

from __future__ import annotations

import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from followthrough.accounts import invitations
from tests.browser.artifacts import DESKTOP, PHONE, keep
from tests.browser.test_accessibility_browser import violations

from .conftest import PASSWORD, member
from .test_signup_and_sign_in import _code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
});
"""


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Threaded(ThreadingMixIn, WSGIServer):
    daemon_threads = True


@pytest.fixture
def hosted_url(hosted):
    from django.core.handlers.wsgi import WSGIHandler

    hosted.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    server = make_server("127.0.0.1", 0, WSGIHandler(), server_class=_Threaded,
                         handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def tab(browser, hosted_url):
    context = browser.new_context(base_url=hosted_url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.add_init_script(WATCH)
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.console_log = console
    yield page
    context.close()


def check(page, name: str) -> None:
    """No CSP violation, the app's stylesheet, no blocking axe violation; a screenshot."""
    page.wait_for_load_state("load")
    found = page.evaluate("window.__csp || []")
    found += [m for m in page.console_log if "Content Security Policy" in m]
    assert not found, (name, found)
    assert page.locator('link[href$="followthrough/app.css"]').count() == 1, name
    assert page.locator("header.topbar .brand").is_visible(), name
    keep(page, f"accounts/{name}")


def axe(browser, url: str, storage) -> list[dict]:
    context = browser.new_context(viewport=PHONE, bypass_csp=True, storage_state=storage)
    page = context.new_page()
    page.goto(url)
    try:
        return violations(page)
    finally:
        context.close()


def test_the_account_pages_look_like_the_app_under_the_csp(browser, tab, hosted_url):
    ada = member("ada@example.org")
    pages_seen: list[tuple[str, str]] = []

    tab.goto("/")
    assert "/accounts/login/" in tab.url
    tab.wait_for_selector("input[name=login]")
    check(tab, "login")
    pages_seen.append(("login", tab.url))

    tab.goto("/accounts/signup/")
    assert tab.get_by_role("heading", name="Sign-up is by invitation").is_visible()
    check(tab, "signup-closed")

    tab.goto(f"/accounts/invite/{invitations.make('eve@example.org')}/")
    tab.wait_for_selector("input[name=password1]")
    check(tab, "signup")
    pages_seen.append(("signup", tab.url))

    tab.goto("/accounts/password/reset/")
    check(tab, "password-reset")

    # Two-factor: the code asked after the password.
    secret = generate_totp_secret()
    TOTP.activate(ada, secret)
    tab.goto("/accounts/login/")
    tab.fill("input[name=login]", "ada@example.org")
    tab.fill("input[name=password]", PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url("**/accounts/2fa/authenticate/")
    check(tab, "two-factor-code")
    tab.fill("input[name=code]", _code(secret))
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_url(f"{hosted_url}/")
    assert tab.locator('nav[aria-label="Main"]').is_visible()

    tab.goto("/settings/")
    tab.get_by_role("heading", name="Your account").scroll_into_view_if_needed()
    check(tab, "settings-account")
    tab.goto("/accounts/2fa/")
    check(tab, "two-factor")
    pages_seen.append(("two-factor", tab.url))
    storage = tab.context.storage_state()

    # Switching two-factor on, for a member without it: the QR code and the code field.
    olive = member("olive@example.org")
    assert olive
    tab.context.clear_cookies()
    tab.goto("/accounts/login/")
    tab.fill("input[name=login]", "olive@example.org")
    tab.fill("input[name=password]", PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(f"{hosted_url}/")
    tab.goto("/accounts/2fa/totp/activate/")
    if "reauthenticate" in tab.url:
        check(tab, "reauthenticate")
        tab.fill("input[name=password]", PASSWORD)
        tab.locator("form button[type=submit]").first.click()
        tab.wait_for_url("**/accounts/2fa/totp/activate/")
    tab.wait_for_selector("input[name=code]")
    check(tab, "two-factor-activate")
    pages_seen.append(("two-factor-activate", tab.url))
    olive_storage = tab.context.storage_state()

    problems = {}
    for name, url in pages_seen:
        state = olive_storage if name == "two-factor-activate" else (
            storage if name == "two-factor" else None)
        if found := axe(browser, url, state):
            problems[name] = found
    assert not problems, problems
