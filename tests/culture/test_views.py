"""The culture pages: forms and their errors, the chart, the cards, sorting, outsiders."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.urls import reverse

from followthrough.culture import services
from followthrough.culture.models import PreferredProfile, Rating
from followthrough.tracker.models import Stage
from followthrough.tracker.services.interactions import LogInput, log_interaction
from followthrough.tracker.services.people import PersonInput, add_person

from .conftest import (
    NUMBERS_FIRST,
    PEOPLE_FIRST,
    TODAY,
    opportunity,
    organization,
    profile,
    rate,
)

FROZEN = "2026-03-02 12:00Z"


def cells(rows) -> dict[str, str]:
    """Form data for six rows of four numbers (``None`` leaves a row blank)."""
    from followthrough.culture.framework import DIMENSION_KEYS, TYPE_KEYS

    data = {}
    for dimension, row in zip(DIMENSION_KEYS, rows, strict=True):
        for culture_type, value in zip(TYPE_KEYS, row or ("", "", "", ""), strict=True):
            data[f"{dimension}-{culture_type}"] = str(value)
    return data


def text(response) -> str:
    return response.content.decode()


def test_the_culture_page_invites_the_seeker_to_fill_in_a_preference(owner_client):
    page = text(owner_client.get(reverse("culture")))
    assert "Fill in the culture you prefer" in page
    assert "No organization rated yet" in page


def test_the_preferred_form_saves_a_complete_profile(owner_client, owner):
    response = owner_client.post(reverse("culture-preferred"), cells(PEOPLE_FIRST))
    assert response.status_code == 302
    assert PreferredProfile.objects.get(owner=owner).is_complete
    page = text(owner_client.get(reverse("culture")))
    assert 'data-polygon="preferred"' in page and 'data-polygon="perceived"' not in page


def test_a_wrong_sum_is_refused_naming_the_dimension_and_its_sum(owner_client, owner):
    rows = [*PEOPLE_FIRST[:3], (40, 30, 10, 10), (60, 30, 10, 20), PEOPLE_FIRST[5]]
    response = owner_client.post(reverse("culture-preferred"), cells(rows))
    assert response.status_code == 400
    page = text(response)
    assert "Organizational glue adds up to 90; make its four numbers add up to 100." in page
    assert "Strategic emphases adds up to 120; make its four numbers add up to 100." in page
    assert "Total 90 of 100: 10 left to give." in page
    assert "Total 120 of 100: 20 too many." in page
    assert 'value="60"' in page  # what was typed stays
    assert not PreferredProfile.objects.exists()


def test_a_half_filled_profile_is_saved_as_a_draft_and_the_page_says_so(owner_client, owner):
    rows = [*PEOPLE_FIRST[:4], None, None]
    response = owner_client.post(reverse("culture-preferred"), cells(rows), follow=True)
    page = text(response)
    assert "Saved as a draft: 4 of 6 dimensions filled in." in page
    assert "A draft: 4 of 6 dimensions filled in. Drafts are not used for the fit." in page
    assert not PreferredProfile.objects.get(owner=owner).is_complete


def test_the_form_shows_the_running_sum_of_each_dimension(owner_client, owner):
    services.save_preferred(owner, {"leadership": {"clan": 100}})
    page = text(owner_client.get(reverse("culture-preferred")))
    assert page.count("data-total") == 6
    assert "Total 100 of 100 ✓" in page
    assert page.count("Blank: left for later (a draft).") == 5
    assert "culture/culture.js" in page


def test_the_organization_page_shows_the_fit_with_both_polygons(
    owner_client, owner, acme, prefers_people
):
    rate(owner, acme, NUMBERS_FIRST)
    page = text(owner_client.get(reverse("organization-detail", args=[acme.pk])))
    svg = re.search(r"<svg class=\"kite-svg\".*?</svg>", page, re.S).group(0)
    assert svg.count("<polygon") == 2
    assert 'data-polygon="preferred"' in svg and 'data-polygon="perceived"' in svg
    # Clan to the top-left, market to the bottom-right, on the diagonals.
    preferred = re.search(r'kite-preferred".*?points="([^"]+)"', svg, re.S).group(1).split()
    clan_x, clan_y = map(float, preferred[0].split(","))
    assert clan_x < 200 and clan_y < 200 and clan_x == clan_y
    assert "You prefer" in page and "As you saw it" in page
    assert "60%" in page  # the fit
    assert "Acme has more market (results and winning, +40)" in page
    assert page.count("big-gap") >= 4


def test_the_organization_page_says_what_is_missing_for_a_fit(owner_client, owner, acme):
    page = text(owner_client.get(reverse("organization-detail", args=[acme.pk])))
    assert "Fill in the culture you prefer" in page
    assert "No rating of Acme\u2019s culture yet" in page
    services.save_preferred(owner, {"glue": {"clan": 100}})
    rate(owner, acme, [(25, 25, 25, 25)])
    page = text(owner_client.get(reverse("organization-detail", args=[acme.pk])))
    assert "Your preferred culture is a draft (1 of 6 dimensions)" in page
    assert "1 draft rating of Acme, not used for the fit" in page
    assert "<polygon" not in page


def test_the_culture_page_of_an_organization_lists_ratings_evidence_and_questions(
    owner_client, owner, acme, prefers_people
):
    rate(owner, acme, NUMBERS_FIRST, evidence={"leadership": "The VP only talked targets."})
    rate(owner, acme, [(25, 25, 25, 25)] * 2, source="Coffee with Bea")
    page = text(owner_client.get(reverse("culture-organization", args=[acme.pk])))
    assert "The VP only talked targets." in page
    assert "draft · 2 of 6" in page and "Coffee with Bea" in page
    assert "Gap per dimension" in page
    assert "Questions to ask" in page and "What is the organization putting money" in page


def test_rating_an_organization_from_an_interaction(owner_client, owner, acme):
    add_person(owner, PersonInput(name="Ann", organization=acme))
    interview = log_interaction(
        owner, LogInput(kind="interview", people=["Ann"], on="2026-02-27"), TODAY
    ).interaction
    url = reverse("culture-rate", args=[acme.pk])
    with time_machine.travel(FROZEN):
        form = text(owner_client.get(url, {"interaction": interview.pk}))
        assert f'<option value="{interview.pk}" selected>' in form
        data = {
            **cells(NUMBERS_FIRST),
            "leadership-evidence": "Targets on every wall.",
            "rated_on": "2026-02-27",
            "interaction": str(interview.pk),
        }
        response = owner_client.post(url, data)
    assert response.status_code == 302
    rating = Rating.objects.get()
    assert (rating.interaction, rating.evidence) == (
        interview,
        {"leadership": "Targets on every wall."},
    )


def test_a_draft_rating_is_saved_with_a_warning(owner_client, owner, acme):
    data = {**cells([*NUMBERS_FIRST[:2], None, None, None, None]), "rated_on": ""}
    response = owner_client.post(reverse("culture-rate", args=[acme.pk]), data, follow=True)
    assert "Saved as a draft: 2 of 6 dimensions filled in." in text(response)
    assert not Rating.objects.get().is_complete


def test_editing_and_deleting_a_rating(owner_client, owner, acme):
    rating = rate(owner, acme, NUMBERS_FIRST)
    edit = reverse("culture-rating-edit", args=[rating.pk])
    assert 'value="50"' in text(owner_client.get(edit))
    owner_client.post(edit, {**cells(PEOPLE_FIRST), "rated_on": "2026-03-01"})
    rating.refresh_from_db()
    assert rating.points["leadership"]["clan"] == 40
    delete = reverse("culture-rating-delete", args=[rating.pk])
    assert "Delete this rating?" in text(owner_client.get(delete))
    owner_client.post(delete)
    assert not Rating.objects.exists()


def test_the_threshold_is_a_setting_on_the_culture_page(owner_client, owner):
    response = owner_client.post(reverse("culture-threshold"), {"threshold": "15"})
    assert response.status_code == 302 and services.threshold_for(owner) == 15
    response = owner_client.post(reverse("culture-threshold"), {"threshold": "0"})
    assert response.status_code == 400
    assert "Threshold: write a whole number of points from 1 to 100." in text(response)


def test_opportunities_can_be_sorted_by_fit(owner_client, owner, prefers_people):
    close, far = organization(owner, "Close"), organization(owner, "Far")
    rate(owner, close, [(35, 30, 15, 20)] * 6)
    rate(owner, far, NUMBERS_FIRST)
    opportunity(owner, "Unrated job", organization(owner, "Unknown"), interest=5)
    opportunity(owner, "Far job", far)
    opportunity(owner, "Close job", close)
    listing = text(owner_client.get(reverse("opportunity-list")))
    assert reverse("culture-fit") in listing and "Sort by culture fit" in listing
    page = text(owner_client.get(reverse("culture-fit")))
    order = [page.index(role) for role in ("Close job", "Far job", "Unrated job")]
    assert order == sorted(order)
    assert "95%" in page and "60%" in page and "Rate Unknown\u2019s culture" in page


@pytest.mark.parametrize("stage", [Stage.SCREENING, Stage.INTERVIEWING])
def test_questions_appear_on_the_opportunity_page_before_an_interview(
    owner_client, owner, acme, stage
):
    rate(owner, acme, PEOPLE_FIRST, evidence={"characteristics": "Busy", "leadership": "Kind"})
    opp = opportunity(owner, "Analyst", acme, stage=stage)
    with time_machine.travel(FROZEN):
        page = text(owner_client.get(reverse("opportunity-detail", args=[opp.pk])))
    assert "Questions to ask" in page
    assert "Management of employees" in page and "How are decisions about" in page
    assert "Dominant characteristics ·" not in page  # known: not asked about


def test_questions_appear_for_an_upcoming_interview_and_not_otherwise(owner_client, owner, acme):
    add_person(owner, PersonInput(name="Ann", organization=acme))
    opp = opportunity(owner, "Analyst", acme, stage=Stage.APPLIED)
    url = reverse("opportunity-detail", args=[opp.pk])
    with time_machine.travel(FROZEN):
        assert "Questions to ask" not in text(owner_client.get(url))
        log_interaction(
            owner,
            LogInput(kind="informational", people=["Ann"], on="2026-03-05", opportunity=opp.pk),
            TODAY,
        )
        page = text(owner_client.get(url))
    assert "Questions to ask" in page and "Interview on Thu 5 Mar 2026" in page


def test_settings_and_organization_pages_link_to_the_culture_pages(owner_client, acme):
    assert reverse("culture") in text(owner_client.get(reverse("settings")))
    page = text(owner_client.get(reverse("organization-detail", args=[acme.pk])))
    assert reverse("culture-rate", args=[acme.pk]) in page


def test_outsiders_get_404_on_every_page_with_an_id(client, owner, outsider, acme):
    rating = rate(owner, acme, PEOPLE_FIRST)
    client.force_login(outsider)
    pages = [
        reverse("culture-organization", args=[acme.pk]),
        reverse("culture-rate", args=[acme.pk]),
        reverse("culture-rating-edit", args=[rating.pk]),
        reverse("culture-rating-delete", args=[rating.pk]),
    ]
    for url in pages:
        assert client.get(url).status_code == 404, url
        assert client.post(url, cells(NUMBERS_FIRST)).status_code == 404, url
    assert Rating.objects.get().points["leadership"]["clan"] == 40


def test_an_outsiders_pages_show_none_of_the_owners_culture(client, owner, outsider, acme):
    services.save_preferred(owner, profile(PEOPLE_FIRST))
    rate(owner, acme, NUMBERS_FIRST)
    opportunity(owner, "Secret job", acme)
    client.force_login(outsider)
    assert "Acme" not in text(client.get(reverse("culture")))
    assert "Secret job" not in text(client.get(reverse("culture-fit")))
