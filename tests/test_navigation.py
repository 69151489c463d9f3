"""Sub-pages light up their section in the main navigation, and go back the same way
(issue 13, point 13)."""

from __future__ import annotations

import re

import pytest
from django.urls import get_resolver

from followthrough.tracker.templatetags.navigation import nav_section

pytestmark = pytest.mark.django_db

CRUMB = "\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}"

SETTINGS_PAGES = ["/calendar/", "/digest/", "/drafts/templates/", "/drafts/templates/thank-you/",
                  "/data/", "/culture/", "/culture/preferred/"]
PEOPLE_PAGES = ["/import/", "/people/duplicates/"]


def current(html: str) -> list[str]:
    nav = html[html.index('aria-label="Main"'):html.index("</nav>")]
    return re.findall(r'aria-current="page">([^<]+)<', nav)


@pytest.mark.parametrize("url", SETTINGS_PAGES)
def test_settings_sub_pages_light_up_settings_and_lead_back_to_it(owner_client, url):
    html = owner_client.get(url).content.decode()
    assert current(html) == ["Settings"]
    assert f'<p class="breadcrumb"><a href="/settings/">Settings</a> {CRUMB}' in html
    assert "Back to settings" not in html


@pytest.mark.parametrize("url", PEOPLE_PAGES)
def test_import_and_duplicates_belong_to_people(owner_client, url):
    html = owner_client.get(url).content.decode()
    assert current(html) == ["People"]
    assert f'<p class="breadcrumb"><a href="/people/">People</a> {CRUMB}' in html


def test_settings_itself_and_the_main_pages_light_up_one_item(owner_client):
    for url, item in [("/", "Today"), ("/people/", "People"), ("/settings/", "Settings"),
                      ("/organizations/", "Organizations"), ("/opportunities/", "Pipeline"),
                      ("/opportunities/list/", "Pipeline"), ("/culture/fit/", "Pipeline"),
                      ("/network/", "Network"), ("/reports/", "Reports"), ("/summary/", "Reports")]:
        assert current(owner_client.get(url).content.decode()) == [item], url


def test_every_page_of_the_app_belongs_to_a_section():
    machine = {"calendar-feed", "interview-ics", "your-data-json", "your-data-csv",
               "your-data-vcard", "task-draft-eml", "person-draft-eml", "opportunity-withdraw-eml",
               "search", "log"}
    names = [n for n in get_resolver().reverse_dict if isinstance(n, str)]
    orphans = sorted(n for n in names if n not in machine and not nav_section(n))
    assert orphans == []
