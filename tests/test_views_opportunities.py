"""The pipeline's web pages: the board, moving cards (with and without htmx), an
opportunity's page and its forms, the outsider's 404s and the board's query count."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followthrough.tracker.models import (
    Interaction,
    Opportunity,
    OpportunityPerson,
    Organization,
    Role,
    Stage,
    StageChange,
    Task,
)
from followthrough.tracker.services.interactions import LogInput, log_interaction
from followthrough.tracker.services.opportunities import (
    OpportunityInput,
    add_opportunity,
    involve,
    move,
)
from followthrough.tracker.services.people import PersonInput, add_person
from followthrough.tracker.services.tasks import add_task

TODAY = dt.date(2026, 3, 2)
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def dana(owner):
    return add_person(owner, PersonInput("Dana Reyes", organization="Acme", title="Engineer"))


@pytest.fixture
def opp(owner, dana):
    """A lead at Acme that Dana referred, added ten days ago."""
    return add_opportunity(
        owner,
        OpportunityInput("Data analyst", "Acme", referred_by="Dana Reyes", interest=4),
        TODAY - dt.timedelta(days=10),
    )


def add(owner, role: str, org: str = "Acme", **fields) -> Opportunity:
    return add_opportunity(owner, OpportunityInput(role, org, **fields), TODAY)


def form_data(**overrides) -> dict:
    data = {
        "role": "Product designer",
        "organization": "Globex",
        "stage": "lead",
        "source": "",
        "referred_by": "",
        "interest": "3",
        "decision_date": "",
        "offer_deadline": "",
        "posting_url": "",
        "notes": "",
    }
    return {**data, **overrides}


# The board -------------------------------------------------------------------


def test_the_board_shows_a_column_per_active_stage_with_each_card_details(owner_client, owner, opp):
    move(owner, opp, "applied", on=TODAY - dt.timedelta(days=4))
    offer = add(owner, "Analyst II", "Initech", stage="offer", offer_deadline="2026-03-04")
    add(owner, "Engineer", "Hooli", stage="interviewing", decision_date="2026-03-12")

    response = owner_client.get(reverse("board"))

    assert response.status_code == 200
    html = response.content.decode()
    for label in ("Lead", "Applied", "Screening", "Interviewing", "Offer"):
        assert f"<span>{label}</span>" in html
    card = _card(html, opp.pk)
    assert "Data analyst" in card and "Acme" in card
    assert "Interest 4 of 5" in card
    assert "4 days" in card
    assert "Referred by Dana Reyes" in card
    assert 'data-stage="applied"' in card
    assert "Answer offer by" in _card(html, offer.pk) and "Wed 4 Mar 2026" in _card(html, offer.pk)
    assert "Decision" in html and "Thu 12 Mar 2026" in html
    assert "followthrough/board.js" in html


def test_closed_opportunities_are_summarised_below_the_board(owner_client, owner, opp):
    move(owner, opp, "rejected", on=TODAY)

    html = owner_client.get(reverse("board")).content.decode()

    closed = html[html.index('id="closed-heading"') :]
    assert "Data analyst" in closed
    assert "Rejected" in closed
    assert 'class="board-card" id="opp-' not in html


def test_the_board_lists_the_latest_closed_ones_and_links_to_all(owner_client, owner):
    for i in range(25):
        opp = add(owner, f"Old role {i}", "Acme")
        move(owner, opp, "rejected", on=TODAY - dt.timedelta(days=i))

    html = owner_client.get(reverse("board")).content.decode()

    assert html.count('class="closed-item"') == 20
    assert "Old role 0<" in html and "Old role 24<" not in html
    assert "See all 25 closed" in html
    assert reverse("opportunity-list") + "?stage=closed" in html


def test_an_empty_board_says_how_to_begin(owner_client):
    html = owner_client.get(reverse("board")).content.decode()

    assert "Your pipeline is empty" in html
    assert reverse("opportunity-add") in html


def _card(html: str, pk: int) -> str:
    start = html.index(f'id="opp-{pk}"')
    return html[start : html.index("</li>", start)]


# Moving a card ---------------------------------------------------------------


def test_moving_a_card_without_javascript_records_the_stage_and_goes_back_to_the_board(
    owner_client, owner, opp
):
    response = owner_client.post(reverse("opportunity-move", args=[opp.pk]), {"stage": "applied"})

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('board')}#opp-{opp.pk}"
    opp.refresh_from_db()
    assert opp.stage == Stage.APPLIED
    assert opp.stage_changed_on == TODAY
    assert list(opp.stage_changes.values_list("stage", "on")) == [
        ("lead", TODAY - dt.timedelta(days=10)),
        ("applied", TODAY),
    ]
    board = owner_client.get(response["Location"]).content.decode()
    assert "Moved “Data analyst at Acme” to Applied." in board


def test_the_arrow_button_moves_a_card_to_the_next_stage(owner_client, opp):
    owner_client.post(
        reverse("opportunity-move", args=[opp.pk]), {"stage": "lead", "to": "applied"}
    )

    opp.refresh_from_db()
    assert opp.stage == Stage.APPLIED


def test_moving_with_htmx_answers_with_the_board_fragment(owner_client, opp):
    response = owner_client.post(
        reverse("opportunity-move", args=[opp.pk]), {"stage": "screening"}, **HTMX
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="board"')
    assert "<html" not in html
    assert "Moved “Data analyst at Acme” to Screening." in html
    assert 'data-stage="screening"' in _card(html, opp.pk)
    assert StageChange.objects.filter(opportunity=opp, stage="screening", on=TODAY).exists()


def test_moving_to_offer_from_a_card_asks_for_the_deadline_first(owner_client, opp):
    url = reverse("opportunity-move", args=[opp.pk])

    asked = owner_client.post(url, {"stage": "offer"})

    assert asked.status_code == 200
    assert "Offer deadline" in asked.content.decode()
    opp.refresh_from_db()
    assert opp.stage == Stage.LEAD

    response = owner_client.post(url, {"stage": "offer", "deadline": "2026-03-09", "on": ""})

    assert response.status_code == 302
    opp.refresh_from_db()
    assert (opp.stage, opp.offer_deadline) == (Stage.OFFER, dt.date(2026, 3, 9))


def test_an_htmx_move_to_offer_without_a_deadline_sends_the_browser_to_ask_it(owner_client, opp):
    url = reverse("opportunity-move", args=[opp.pk])

    response = owner_client.post(url, {"stage": "offer"}, **HTMX)

    assert response["HX-Redirect"] == f"{url}?stage=offer&next=%2Fopportunities%2F"
    page = owner_client.get(response["HX-Redirect"]).content.decode()
    assert '<option value="offer" selected>Offer</option>' in page
    assert 'name="deadline"' in page
    opp.refresh_from_db()
    assert opp.stage == Stage.LEAD


def test_moving_to_offer_with_an_empty_deadline_moves_without_one(owner_client, opp):
    owner_client.post(
        reverse("opportunity-move", args=[opp.pk]), {"stage": "offer", "deadline": ""}
    )

    opp.refresh_from_db()
    assert (opp.stage, opp.offer_deadline) == (Stage.OFFER, None)


def test_a_deadline_on_a_stage_other_than_offer_is_refused_and_nothing_moves(owner_client, opp):
    response = owner_client.post(
        reverse("opportunity-move", args=[opp.pk]), {"stage": "applied", "deadline": "2026-03-09"}
    )

    assert response.status_code == 400
    assert "deadline: only an offer has a deadline" in response.content.decode()
    opp.refresh_from_db()
    assert opp.stage == Stage.LEAD
    assert opp.stage_changes.count() == 1


def test_a_bad_stage_or_date_is_one_sentence_on_the_field(owner_client, opp):
    url = reverse("opportunity-move", args=[opp.pk])

    bad_stage = owner_client.post(url, {"stage": "hired"})
    bad_date = owner_client.post(url, {"stage": "applied", "on": "yesterday"})

    assert bad_stage.status_code == 400
    assert "Stage: hired is not one of the choices." in bad_stage.content.decode()
    assert bad_date.status_code == 400
    assert "When: &#x27;yesterday&#x27; is not a date; write it as YYYY-MM-DD" in (
        bad_date.content.decode()
    )
    opp.refresh_from_db()
    assert opp.stage == Stage.LEAD


def test_a_refused_htmx_move_answers_with_the_board_and_the_reason(owner_client, opp):
    response = owner_client.post(
        reverse("opportunity-move", args=[opp.pk]), {"stage": "nowhere"}, **HTMX
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="board"')
    assert "is-error" in html and "nowhere is not one of the choices" in html


def test_a_move_from_the_opportunity_page_goes_back_there_but_never_off_site(owner_client, opp):
    url = reverse("opportunity-move", args=[opp.pk])
    here = reverse("opportunity-detail", args=[opp.pk])

    back = owner_client.post(url, {"stage": "applied", "on": "2026-02-27", "next": here})
    off_site = owner_client.post(url, {"stage": "screening", "next": "https://evil.example/"})

    assert back["Location"] == here
    assert off_site["Location"] == f"{reverse('board')}#opp-{opp.pk}"
    assert opp.stage_changes.filter(stage="applied", on=dt.date(2026, 2, 27)).exists()


# Adding, editing, deleting ------------------------------------------------------


def test_adding_an_opportunity_creates_its_organization_and_opens_its_page(owner_client, owner):
    response = owner_client.post(
        reverse("opportunity-add"),
        form_data(stage="applied", decision_date="2026-03-20", posting_url="jobs.globex.com/1"),
    )

    opp = Opportunity.objects.get(owner=owner)
    assert response.status_code == 302
    assert response["Location"] == reverse("opportunity-detail", args=[opp.pk])
    assert (opp.role, opp.organization.name, opp.stage) == ("Product designer", "Globex", "applied")
    assert opp.decision_date == dt.date(2026, 3, 20)
    assert opp.posting_url == "https://jobs.globex.com/1"
    assert list(opp.stage_changes.values_list("stage", "on")) == [("applied", TODAY)]


def test_a_referred_opportunity_is_a_referral_unless_said_otherwise(owner_client, owner, dana):
    owner_client.post(reverse("opportunity-add"), form_data(referred_by="Dana"))
    owner_client.post(
        reverse("opportunity-add"),
        form_data(role="Recruited", referred_by="Dana", source="recruiter"),
    )

    sources = dict(Opportunity.objects.filter(owner=owner).values_list("role", "source"))
    assert sources == {"Product designer": "referral", "Recruited": "recruiter"}
    assert OpportunityPerson.objects.filter(person=dana, role=Role.REFERRER).count() == 2


def test_the_add_page_is_prefilled_from_its_link(owner_client):
    html = owner_client.get(reverse("opportunity-add") + "?organization=Acme").content.decode()

    assert 'value="Acme"' in html
    assert 'list="organization-names"' in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("role", "", "Role is required: what is the job called?"),
        ("organization", " ", "Organization is required: where is this job?"),
        ("decision_date", "next week", "Decision date: &#x27;next week&#x27; is not a date"),
        ("interest", "9", "Interest: 9 is not one of the choices."),
        ("posting_url", "not a link", "Posting link: &#x27;not a link&#x27; is not a web"),
        ("referred_by", "Nobody Known", "Referred by: nobody called &#x27;Nobody Known&#x27;"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(owner_client, owner, field, value, message):
    response = owner_client.post(reverse("opportunity-add"), form_data(**{field: value}))

    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_errors"' in html
    assert not Opportunity.objects.filter(owner=owner).exists()
    assert not Organization.objects.filter(owner=owner, name="Globex").exists()


def test_an_empty_role_and_organization_are_both_named_at_once(owner_client, owner):
    response = owner_client.post(
        reverse("opportunity-add"), form_data(role="", organization="", decision_date="soon")
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "Role is required: what is the job called?" in html
    assert html.count("Organization is required: where is this job?") == 1
    assert 'id="id_organization_errors"' in html
    assert "Decision date: &#x27;soon&#x27; is not a date" in html
    assert not Opportunity.objects.filter(owner=owner).exists()


def test_an_ambiguous_referrer_lists_the_candidates(owner_client, owner):
    add_person(owner, PersonInput("Sam Lee", organization="Acme"))
    add_person(owner, PersonInput("Sam Lee", organization="Hooli"))

    response = owner_client.post(reverse("opportunity-add"), form_data(referred_by="Sam Lee"))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Referred by: &#x27;Sam Lee&#x27; could be Sam Lee (id" in html
    assert "Choose one by its id" in html
    assert not Opportunity.objects.filter(owner=owner).exists()


def test_editing_keeps_the_referrer_even_when_someone_shares_the_name(owner_client, owner, opp):
    add_person(owner, PersonInput("Dana Reyes", organization="Hooli"))
    page = owner_client.get(reverse("opportunity-edit", args=[opp.pk])).content.decode()
    # shared name: the form names the referrer with their id
    assert f'value="{opp.referred_by.name} (id {opp.referred_by_id})"' in page

    response = owner_client.post(
        reverse("opportunity-edit", args=[opp.pk]),
        form_data(
            role="Senior data analyst",
            organization="Acme",
            referred_by=str(opp.referred_by_id),
            interest="5",
            source="referral",
        ),
    )

    assert response.status_code == 302
    referrer = opp.referred_by
    opp.refresh_from_db()
    assert (opp.role, opp.interest, opp.referred_by) == ("Senior data analyst", 5, referrer)


def test_a_bad_edit_changes_nothing(owner_client, opp):
    response = owner_client.post(
        reverse("opportunity-edit", args=[opp.pk]),
        form_data(role="Renamed", organization="Acme", offer_deadline="31/12/2026"),
    )

    assert response.status_code == 400
    assert "Offer deadline: &#x27;31/12/2026&#x27; is not a date" in response.content.decode()
    opp.refresh_from_db()
    assert opp.role == "Data analyst"


def test_deleting_asks_first_and_keeps_the_interactions(owner_client, owner, opp, dana):
    log_interaction(owner, LogInput("call", [dana], opportunity=opp), TODAY)
    add_task(owner, "Send portfolio", TODAY, today=TODAY, opportunity=opp)
    url = reverse("opportunity-delete", args=[opp.pk])

    confirm = owner_client.get(url).content.decode()
    assert "Delete “Data analyst at Acme”?" in confirm
    assert "Its 1 interaction stay" in confirm
    assert "Its 1 open task will be deleted." in confirm
    assert Opportunity.objects.filter(pk=opp.pk).exists()

    response = owner_client.post(url)

    assert response["Location"] == reverse("board")
    assert not Opportunity.objects.filter(pk=opp.pk).exists()
    assert Interaction.objects.filter(owner=owner, opportunity=None).count() == 1
    assert not Task.objects.filter(owner=owner).exists()


# The opportunity page ---------------------------------------------------------


def test_the_opportunity_page_shows_its_facts_history_people_interactions_and_tasks(
    owner_client, owner, opp, dana
):
    kim = add_person(owner, PersonInput("Kim Ortiz", organization="Acme"))
    involve(owner, opp, kim, "hiring_manager")
    log_interaction(
        owner,
        LogInput(
            "interview",
            [kim],
            on="2026-03-01",
            at=dt.time(14, 30),
            opportunity=opp,
            rapport_note="Both love trail running",
            decision_date="2026-03-12",
        ),
        TODAY,
    )
    add_task(owner, "Send thank-you to Kim", TODAY, today=TODAY, person=kim, opportunity=opp)

    response = owner_client.get(reverse("opportunity-detail", args=[opp.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Data analyst</h1>" in html
    assert reverse("organization-detail", args=[opp.organization_id]) in html
    assert "referred by <a" in html and "Dana Reyes" in html
    assert "Thu 12 Mar 2026" in html  # the decision date the interview stated
    assert ">Sun 1 Mar 2026</time>, 14:30<" in html  # as the person's timeline writes it
    history = html[html.index('class="stage-history"') :]
    assert history.index("Lead") < history.index("Interviewing")
    people = html[html.index('id="people"') :]
    assert people.index("Hiring manager") < people.index("Kim Ortiz")
    assert "Referrer" in people and "Interviewer" in people
    assert "Both love trail running" in html
    assert "Send thank-you to Kim" in html
    assert f"{reverse('log')}?opp={opp.pk}&amp;next=%2Fopportunities%2F{opp.pk}%2F" in html


def test_adding_an_interviewer_by_name(owner_client, owner, opp):
    kim = add_person(owner, PersonInput("Kim Ortiz"))

    response = owner_client.post(
        reverse("opportunity-involve", args=[opp.pk]), {"person": "kim", "role": "interviewer"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("#people")
    assert OpportunityPerson.objects.filter(
        opportunity=opp, person=kim, role="interviewer"
    ).exists()


def test_adding_an_unknown_or_ambiguous_person_says_so_and_adds_nobody(owner_client, owner, opp):
    add_person(owner, PersonInput("Kim Ortiz"))
    add_person(owner, PersonInput("Kim Park"))
    url = reverse("opportunity-involve", args=[opp.pk])
    before = OpportunityPerson.objects.count()

    unknown = owner_client.post(url, {"person": "Lou", "role": "interviewer"})
    ambiguous = owner_client.post(url, {"person": "Kim", "role": "interviewer"})
    bad_role = owner_client.post(url, {"person": "Kim Park", "role": "boss"})

    assert unknown.status_code == ambiguous.status_code == bad_role.status_code == 400
    assert "Person: nobody called &#x27;Lou&#x27;" in unknown.content.decode()
    assert "Person: &#x27;Kim&#x27; could be Kim Ortiz (id" in ambiguous.content.decode()
    assert "Role: boss is not one of the choices." in bad_role.content.decode()
    assert OpportunityPerson.objects.count() == before


def test_removing_a_person_from_the_opportunity(owner_client, owner, opp):
    link = OpportunityPerson.objects.get(opportunity=opp, role=Role.REFERRER)
    url = reverse("opportunity-uninvolve", args=[opp.pk, link.pk])

    assert owner_client.get(url).status_code == 405
    response = owner_client.post(url)

    assert response.status_code == 302
    assert not OpportunityPerson.objects.filter(pk=link.pk).exists()


# The list -------------------------------------------------------------------


def test_the_list_filters_by_stage(owner_client, owner, opp):
    add(owner, "Engineer", "Hooli", stage="rejected")

    everything = owner_client.get(reverse("opportunity-list")).content.decode()
    active = owner_client.get(reverse("opportunity-list") + "?stage=active").content.decode()
    closed = owner_client.get(reverse("opportunity-list") + "?stage=rejected").content.decode()

    assert "Data analyst" in everything and "Engineer" in everything
    assert "Data analyst" in active and ">Engineer<" not in active
    assert ">Data analyst<" not in closed and ">Engineer<" in closed
    assert "Dana Reyes" in active  # the main contact (here: the referrer)


# Outsiders --------------------------------------------------------------------


def test_an_outsider_gets_404_on_every_opportunity_url_and_changes_nothing(outsider_client, opp):
    link = opp.involved.get()
    urls = {
        "detail": reverse("opportunity-detail", args=[opp.pk]),
        "edit": reverse("opportunity-edit", args=[opp.pk]),
        "delete": reverse("opportunity-delete", args=[opp.pk]),
        "move": reverse("opportunity-move", args=[opp.pk]),
        "involve": reverse("opportunity-involve", args=[opp.pk]),
        "uninvolve": reverse("opportunity-uninvolve", args=[opp.pk, link.pk]),
    }

    for name in ("detail", "edit", "delete", "move"):
        assert outsider_client.get(urls[name]).status_code == 404, name
    posts = {
        "edit": form_data(organization="Acme"),
        "delete": {},
        "move": {"stage": "applied"},
        "involve": {"person": "Dana Reyes", "role": "recruiter"},
        "uninvolve": {},
    }
    for name, data in posts.items():
        assert outsider_client.post(urls[name], data).status_code == 404, name
    assert outsider_client.post(urls["move"], {"stage": "applied"}, **HTMX).status_code == 404

    opp.refresh_from_db()
    assert (opp.role, opp.stage) == ("Data analyst", Stage.LEAD)
    assert opp.involved.count() == 1


def test_an_outsider_sees_nothing_of_the_owners_pipeline(outsider_client, opp):
    board = outsider_client.get(reverse("board")).content.decode()
    table = outsider_client.get(reverse("opportunity-list")).content.decode()

    assert "Data analyst" not in board and "Data analyst" not in table


# Query counts -------------------------------------------------------------------


def _populate(owner, count: int) -> None:
    stages = list(Stage)
    for i in range(count):
        person = add_person(owner, PersonInput(f"Person {i}", organization=f"Org {i % 7}"))
        opp = add(
            owner,
            f"Role {i}",
            f"Org {i % 7}",
            stage=stages[i % len(stages)],
            referred_by=person,
            decision_date="2026-03-20",
        )
        involve(owner, opp, person, "hiring_manager")


def _queries(client, url: str) -> int:
    client.get(url)  # warm the session and the workspace
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["board", "opportunity-list"])
def test_the_query_count_does_not_grow_with_the_opportunities(owner_client, owner, name):
    _populate(owner, 3)
    few = _queries(owner_client, reverse(name))

    for i in range(27):
        add(owner, f"Extra {i}", f"Org {i % 5}", referred_by=f"Person {i % 3}")
    many = _queries(owner_client, reverse(name))

    assert Opportunity.objects.filter(owner=owner).count() == 30
    assert many == few


def test_the_opportunity_page_query_count_does_not_grow_with_its_people(owner_client, owner, opp):
    def meet(i: int) -> None:
        person = add_person(owner, PersonInput(f"Interviewer {i}"))
        involve(owner, opp, person, "interviewer")
        log_interaction(owner, LogInput("interview", [person], opportunity=opp), TODAY)
        add_task(owner, f"Thank {person.name}", TODAY, today=TODAY, person=person, opportunity=opp)

    url = reverse("opportunity-detail", args=[opp.pk])
    meet(0)
    few = _queries(owner_client, url)
    for i in range(1, 11):
        meet(i)

    assert _queries(owner_client, url) == few
