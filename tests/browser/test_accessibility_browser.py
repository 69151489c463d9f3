"""axe-core on every page (issue 13, point 15): no serious or critical violation.

axe-core is vendored as a test asset (tests/browser/assets, MPL-2.0, see its LICENSE
file beside it) and injected by Playwright, never served by the app: the pages keep
their Content-Security-Policy (the context bypasses it for the injected script only).
The workspace is the demo's, so every page has something on it. The job club's pages
exist in hosted mode only (a 404 on this local install): tests/club/test_club_browser.py
runs axe on each of them, hosted, at both widths.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from followthrough.culture.models import Rating
from followthrough.tracker.demo import build_demo
from followthrough.tracker.models import Opportunity, Organization, Person, Task, TaskStatus
from followthrough.tracker.services.owners import local_owner, today_for

from .artifacts import DESKTOP, PHONE, keep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "assets" / "axe-4.14.1.min.js"
BLOCKING = {"serious", "critical"}

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
  }));
}"""


def every_page(owner) -> list[str]:
    person = Person.objects.filter(owner=owner, interactions__isnull=False).first()
    org = Organization.objects.filter(owner=owner, culture_ratings__isnull=False).first()
    opp = Opportunity.objects.filter(owner=owner, stage="interviewing").first()
    task = Task.objects.filter(owner=owner, status=TaskStatus.OPEN).first()
    rating = Rating.objects.filter(owner=owner).first()
    return [
        "/", "/people/", "/people/add/", f"/people/{person.pk}/", f"/people/{person.pk}/edit/",
        f"/people/{person.pk}/delete/", "/people/duplicates/", "/import/",
        "/organizations/", "/organizations/add/", f"/organizations/{org.pk}/",
        f"/organizations/{org.pk}/edit/", f"/organizations/{org.pk}/delete/",
        "/opportunities/", "/opportunities/list/", "/opportunities/add/",
        f"/opportunities/{opp.pk}/", f"/opportunities/{opp.pk}/edit/",
        f"/opportunities/{opp.pk}/move/", f"/opportunities/{opp.pk}/delete/",
        f"/drafts/opportunities/{opp.pk}/withdraw/",
        "/network/", "/summary/", "/reports/", "/search/?q=an", "/log/",
        "/settings/", "/calendar/", "/digest/", "/data/",
        "/drafts/templates/", "/drafts/templates/thank-you/",
        f"/drafts/tasks/{task.pk}/", f"/drafts/people/{person.pk}/",
        "/culture/", "/culture/preferred/", "/culture/fit/",
        f"/culture/organizations/{org.pk}/", f"/culture/organizations/{org.pk}/rate/",
        f"/culture/ratings/{rating.pk}/edit/", f"/culture/ratings/{rating.pk}/delete/",
        "/settings/bookmarklet/", "/documents/", "/mail/", "/mail/people/",
        "/no-such-page/",
    ]


@pytest.fixture
def axe_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in BLOCKING]


def test_every_page_passes_axe_at_1280_and_390(axe_page):
    """Every page at 1280 px; at 390 px the pages whose layout changes most on a phone.

    Each page's screenshot is kept in test-artifacts/pages/<width>/.
    """
    owner = local_owner()
    build_demo(owner, today_for(owner))
    pages = every_page(owner)
    phone = [u for u in pages if not u.endswith(("/edit/", "/delete/", "/add/", "/rate/"))]
    found = {}
    for viewport, urls in ((DESKTOP, pages), (PHONE, phone)):
        axe_page.set_viewport_size(viewport)
        for url in urls:
            axe_page.goto(url)
            problems = violations(axe_page)
            # The page-by-page pictures at both widths (test-artifacts/pages/).
            slug = url.strip("/").replace("/", "-").replace("?", "-").replace("=", "") or "today"
            keep(axe_page, f"pages/{viewport['width']}/{slug}")
            if problems:
                found[f"{url} at {viewport['width']}"] = problems
    assert found == {}


def test_the_open_states_pass_axe_too(axe_page):
    """The "+ Log" dialog and Today's "More" sheet on a phone, open."""
    owner = local_owner()
    build_demo(owner, today_for(owner))
    axe_page.goto("/people/")
    axe_page.get_by_role("link", name="+ Log").click()
    axe_page.locator("#log-dialog input[name='people']").first.wait_for()
    assert violations(axe_page) == []
    axe_page.set_viewport_size(PHONE)
    axe_page.goto("/")
    axe_page.locator(".task-more").first.click()
    axe_page.locator(".task-menu:popover-open").wait_for()
    assert violations(axe_page) == []
    keep(axe_page, "axe-today-menu-390", full_page=False)


def test_the_culture_hints_are_readable(axe_page):
    """The "Listen for" hints were 3.7:1; AA asks 4.5:1 for their size."""
    owner = local_owner()
    build_demo(owner, today_for(owner))
    org = Organization.objects.filter(owner=owner, culture_ratings__isnull=False).first()
    axe_page.goto(f"/culture/organizations/{org.pk}/")
    cue = axe_page.locator(".listen .cue-type").first
    cue.wait_for()
    axe_page.add_script_tag(path=str(AXE))
    result = axe_page.evaluate("""async () => (await axe.run('.listen', {
        runOnly: ['color-contrast'], resultTypes: ['violations', 'passes']}))""")
    assert result["violations"] == [] and result["passes"]
    keep(axe_page, "culture-listen-for", full_page=False)


def test_axe_is_the_vendored_release():
    """A file of the repository, never fetched at test time."""
    assert AXE.read_text()[:40].startswith("/*! axe v4.14.1")
