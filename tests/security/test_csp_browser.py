"""Issue 10, point 6: every page runs in Chromium under the Content-Security-Policy
without a single violation (no inline script, no handler attribute, no eval, no
injected <style>), including the pages htmx fills in.

Every GET route of the app is listed here, either with a page to load or with the
reason it is not an HTML page; a new route fails the test until it is listed.
"""

from __future__ import annotations

import io

import pytest
from django.urls import get_resolver, reverse
from django.urls.resolvers import URLResolver

from followthrough.culture.models import Rating
from followthrough.tracker.demo import build_demo
from followthrough.tracker.models import Opportunity, Organization, Person, Task
from followthrough.tracker.services.documents import add_document
from followthrough.tracker.services.owners import local_owner, today_for

pytestmark = pytest.mark.browser

NOT_PAGES = {
    # Actions: POST only (a GET redirects to a page listed below, or is refused).
    "task-add",
    "task-done",
    "task-dismiss",
    "task-snooze",
    "task-reopen",
    "task-let-go",
    "settings-mode",
    "person-delete",
    "organization-delete",
    "opportunity-delete",
    "opportunity-uninvolve",
    "calendar-regenerate",
    "digest-test",
    "task-draft-sent",
    "person-draft-sent",
    "draft-sign-as",
    "draft-template-reset",
    "culture-rating-delete",
    "import-run",
    "bookmarklet-renew",
    "opportunity-from-posting",
    "opportunity-document",
    "opportunity-document-remove",
    "mail-addresses",
    "mail-account",
    "mail-sync",
    "mail-import",
    "mail-people-add",
    "mail-suggestion-accept",
    "mail-suggestion-dismiss",
    # Answers the bookmarklet's POST from a job site (then a page listed here).
    "posting-bookmarklet",
    # Redirects to a task's draft (listed).
    "forecast-draft",
    # Files.
    "document-download",
    "documents-archive",
    "opportunity-involve",
    "culture-threshold",
    # Files, not pages.
    "interview-ics",
    "calendar-feed",
    "task-draft-eml",
    "person-draft-eml",
    "opportunity-withdraw-eml",
    "your-data-json",
    "your-data-csv",
    "your-data-vcard",
    # Reached by uploading a file (below), not by address.
    "import-preview",
    # The job club: hosted mode only (a 404 here, on the local owner's install);
    # tests/club/test_club_browser.py runs each of its pages under the CSP, hosted.
    "club",
    "club-group-add",
    "club-join",
    "club-message-read",
    "club-group",
    "club-leave",
    "club-sharing",
    "club-share-item",
    "club-unshare-item",
    "club-buddy",
    "club-buddy-note",
    "club-buddy-propose",
    "club-buddy-accept",
    "club-buddy-end",
    "club-dashboard",
    "club-summary",
    "club-summary-send",
    "club-invite",
    "club-link-renew",
    "club-pair",
    "club-handover",
    # Hosted mode's account pages (allauth): not there in local mode (404);
    # tests/accounts/test_accounts_browser.py loads them in hosted mode under the CSP.
    "account-invitation", "account_login", "account_logout", "account_inactive",
    "account_signup", "account_reauthenticate", "account_request_reauthentication_code",
    "account_confirm_reauthentication_code", "account_email",
    "account_email_verification_sent", "account_change_password", "account_set_password",
    "account_reset_password", "account_confirm_login_code", "account_confirm_email",
    "account_reset_password_from_key_done", "account_reset_password_from_key",
    "account_reset_password_done", "mfa_index", "mfa_authenticate", "mfa_reauthenticate",
    "mfa_activate_totp", "mfa_deactivate_totp", "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes", "mfa_download_recovery_codes",
}


def route_names() -> set[str]:
    def walk(patterns):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns)
            else:
                yield p.name

    return set(walk(get_resolver().url_patterns))


@pytest.fixture
def demo(transactional_db):
    owner = local_owner()
    build_demo(owner, today_for(owner))
    return owner


def pages(owner) -> dict[str, str]:
    person = Person.objects.filter(owner=owner).first()
    other = Person.objects.filter(owner=owner).exclude(pk=person.pk).first()
    org = Organization.objects.filter(owner=owner).first()
    opp = Opportunity.objects.filter(owner=owner).first()
    task = Task.objects.filter(owner=owner, status="open").exclude(person=None).first()
    document, _ = add_document(owner, io.BytesIO(b"%PDF-1.4 my resume"), "resume.pdf")
    rating = Rating.objects.create(
        owner=owner, organization=org, rated_on=today_for(owner), source="Interview"
    )
    plain = [
        "today",
        "network",
        "summary",
        "settings",
        "people",
        "person-add",
        "organizations",
        "organization-add",
        "log",
        "search",
        "board",
        "opportunity-list",
        "opportunity-add",
        "calendar",
        "digest-settings",
        "draft-templates",
        "culture",
        "culture-preferred",
        "culture-fit",
        "reports",
        "import",
        "import-done",
        "people-duplicates",
        "bookmarklet",
        "documents",
        "mail",
        "mail-people",
        "your-data",
        "mail",
        "mail-people",
    ]
    urls = {name: reverse(name) for name in plain}
    urls["search"] += "?q=a"
    urls |= {
        "person-detail": reverse("person-detail", args=[person.pk]),
        "person-edit": reverse("person-edit", args=[person.pk]),
        "organization-detail": reverse("organization-detail", args=[org.pk]),
        "organization-edit": reverse("organization-edit", args=[org.pk]),
        "opportunity-detail": reverse("opportunity-detail", args=[opp.pk]),
        "opportunity-edit": reverse("opportunity-edit", args=[opp.pk]),
        "opportunity-move": reverse("opportunity-move", args=[opp.pk]),
        "opportunity-withdraw": reverse("opportunity-withdraw", args=[opp.pk]),
        "task-draft": reverse("task-draft", args=[task.pk]),
        "person-draft": reverse("person-draft", args=[person.pk]),
        "draft-template-edit": reverse("draft-template-edit", args=["thank-you"]),
        "culture-organization": reverse("culture-organization", args=[org.pk]),
        "culture-rate": reverse("culture-rate", args=[org.pk]),
        "culture-rating-edit": reverse("culture-rating-edit", args=[rating.pk]),
        "person-merge": reverse("person-merge", args=[person.pk, other.pk]),
        "document-delete": reverse("document-delete", args=[document.pk]),
    }
    return urls


WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile || location.pathname}:${e.lineNumber}`);
});
"""


def violations(page, console: list[str]) -> list[str]:
    found = page.evaluate("window.__csp || []")
    return found + [m for m in console if "Content Security Policy" in m]


def test_every_page_runs_under_the_csp_without_a_violation(page, demo, tmp_path):
    urls = pages(demo)
    unlisted = route_names() - set(urls) - NOT_PAGES - {None}
    assert not unlisted, f"list these routes in {__name__}: {sorted(unlisted)}"

    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.add_init_script(WATCH)
    problems = {}
    for name, url in sorted(urls.items()):
        console.clear()
        response = page.goto(url)
        assert response.status == 200, (name, url, response.status)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
        if found := violations(page, console):
            problems[name] = found

    # htmx at work: the "+ Log" dialog loads its form, the people list filters as you type.
    page.goto(reverse("today"))
    console.clear()
    page.click("#log-button")
    page.wait_for_selector("#log-dialog-body form")
    page.goto(reverse("people"))
    page.fill("input[name=q]", "a")
    page.wait_for_timeout(600)
    if found := violations(page, console):
        problems["htmx"] = found

    # The import preview, reached by uploading a file.
    sheet = tmp_path / "people.csv"
    sheet.write_text("Name,Email\nAva Stone,ava@example.com\n")
    page.goto(reverse("import"))
    console.clear()
    page.set_input_files("input[type=file]", str(sheet))
    page.click('button:has-text("Upload and preview")')
    page.wait_for_url("**/import/*/")
    if found := violations(page, console):
        problems["import-preview"] = found

    assert not problems, problems
