"""Logging an interaction: the page, the "+ Log" dialog fragment, errors and warnings."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from followthrough.tracker.models import Interaction, Kind, Opportunity, Stage
from followthrough.tracker.services import interactions as log_service
from followthrough.tracker.services import opportunities as opp_service
from followthrough.tracker.services import people as people_service

TODAY = dt.date(2026, 3, 2)
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture(autouse=True)
def no_engine_warnings(monkeypatch):
    """The page's own behaviour; the etiquette engine's warnings are tested with the engine."""
    monkeypatch.setattr(log_service, "WARNING_CHECKS", [])


def person(owner, name, **fields):
    return people_service.add_person(owner, people_service.PersonInput(name=name, **fields))


def opportunity(owner, role="Backend Engineer", org="Acme"):
    return opp_service.add_opportunity(
        owner, opp_service.OpportunityInput(role=role, organization=org, stage="applied"), TODAY
    )


def test_the_log_page_asks_kind_whom_and_when_defaulting_to_today(owner_client, owner):
    person(owner, "Ann Lee")
    response = owner_client.get(reverse("log"))
    html = response.content.decode()
    assert "<h1>Log an interaction</h1>" in html
    assert 'name="kind"' in html and 'name="people"' in html
    assert 'name="on" value="2026-03-02"' in html
    assert '<option value="Ann Lee">' in html  # the datalist of people


def test_the_dialog_gets_the_form_alone(owner_client, owner):
    html = owner_client.get(reverse("log"), headers=HTMX).content.decode()
    assert html.lstrip().startswith("<form")
    assert "<html" not in html


def test_every_page_has_the_log_button_returning_to_that_page(owner_client):
    html = owner_client.get(reverse("people")).content.decode()
    assert 'href="/log/?next=/people/"' in html
    assert 'id="log-dialog"' in html


def test_person_and_opportunity_are_prefilled_from_the_query(owner_client, owner):
    ann = person(owner, "Ann Lee")
    job = opportunity(owner)
    form = owner_client.get(reverse("log"), {"person": ann.pk, "opp": job.pk}).context["form"]
    assert form.people_values == ["Ann Lee"]
    assert form.initial["opportunity"] == str(job.pk)
    assert form.shows_more


def test_a_shared_name_is_prefilled_with_its_id(owner_client, owner):
    person(owner, "Ann Lee")
    second = person(owner, "Ann Lee")
    form = owner_client.get(reverse("log"), {"person": second.pk}).context["form"]
    assert form.people_values == [f"Ann Lee (id {second.pk})"]


def test_logging_an_interview_with_two_people_and_a_decision_date(owner_client, owner):
    ann = person(owner, "Ann Lee")
    bob = person(owner, "Bob Stone")
    job = opportunity(owner)
    response = owner_client.post(
        reverse("log"),
        {
            "kind": "interview",
            "people": ["Ann Lee, Bob"],
            "on": "2026-03-02",
            "at": "14:30",
            "summary": "Panel, system design.",
            "rapport_note": "Ann: Both sail\nBob = Grew up in Leeds",
            "direction": "",
            "opportunity": str(job.pk),
            "decision_date": "2026-03-12",
            "next": reverse("person-detail", args=[ann.pk]),
        },
        follow=True,
    )
    interaction = Interaction.objects.get(owner=owner)
    assert interaction.kind == Kind.INTERVIEW
    assert set(interaction.people.all()) == {ann, bob}
    assert interaction.occurred_time == dt.time(14, 30)
    assert interaction.decision_date == dt.date(2026, 3, 12)
    assert interaction.opportunity == job
    job.refresh_from_db()
    assert job.stage == Stage.INTERVIEWING
    assert response.redirect_chain[-1][0] == reverse("person-detail", args=[ann.pk])
    html = response.content.decode()
    assert "Logged: interview with Ann Lee, Bob Stone on Mon 2 Mar 2026." in html
    assert "Panel, system design." in html  # on Ann's timeline
    # One rapport note per person (issue 9, point 1).
    notes = dict(interaction.rapport_notes.values_list("person__name", "note"))
    assert notes == {"Ann Lee": "Both sail", "Bob Stone": "Grew up in Leeds"}


def test_several_people_may_come_in_repeated_inputs(owner_client, owner):
    ann = person(owner, "Ann Lee")
    bob = person(owner, "Bob Stone")
    owner_client.post(
        reverse("log"), {"kind": "call", "people": ["Ann", "", str(bob.pk)], "on": ""}
    )
    assert set(Interaction.objects.get().people.all()) == {ann, bob}
    assert Interaction.objects.get().occurred_on == TODAY


def test_a_single_person_log_returns_to_their_page_by_default(owner_client, owner):
    ann = person(owner, "Ann Lee")
    response = owner_client.post(reverse("log"), {"kind": "email", "people": "Ann"})
    assert response["Location"] == reverse("person-detail", args=[ann.pk])


def test_an_unsafe_next_is_ignored(owner_client, owner):
    ann = person(owner, "Ann Lee")
    response = owner_client.post(
        reverse("log"), {"kind": "email", "people": "Ann", "next": "//evil.example/"}
    )
    assert response["Location"] == reverse("person-detail", args=[ann.pk])


def test_the_checkboxes_and_direction_are_saved(owner_client, owner):
    person(owner, "Ann Lee")
    owner_client.post(
        reverse("log"),
        {
            "kind": "message",
            "people": "Ann",
            "direction": "out",
            "awaiting_reply": "on",
            "asked": "on",
            "gave": "on",
        },
    )
    i = Interaction.objects.get()
    assert (i.direction, i.awaiting_reply, i.asked, i.gave, i.clear_no) == (
        "out",
        True,
        True,
        True,
        False,
    )


def test_an_inbound_note_with_neither_direction(owner_client, owner):
    person(owner, "Ann Lee")
    owner_client.post(reverse("log"), {"kind": "call", "people": "Ann", "direction": "none"})
    assert Interaction.objects.get().direction == ""


# Errors ---------------------------------------------------------------------------


def test_an_unknown_person_is_an_error_on_with_and_nothing_is_saved(owner_client, owner):
    person(owner, "Ann Lee")
    response = owner_client.post(
        reverse("log"), {"kind": "call", "people": ["Ann, Zed"], "summary": "Kept text"}
    )
    assert response.status_code == 200
    error = response.context["form"].errors["people"][0]
    assert error == "With whom: nobody called 'Zed' yet; add them first."
    html = response.content.decode()
    assert 'value="Ann, Zed"' in html and "Kept text" in html
    assert not Interaction.objects.exists()


def test_an_ambiguous_name_lists_the_candidates_with_ids(owner_client, owner):
    first = person(owner, "Ann Lee", organization="Acme")
    second = person(owner, "Ann Lee", organization="Globex")
    response = owner_client.post(reverse("log"), {"kind": "call", "people": "Ann Lee"})
    error = response.context["form"].errors["people"][0]
    assert error.startswith("With whom: 'Ann Lee' could be")
    assert f"Ann Lee (id {first.pk}) at Acme" in error
    assert f"Ann Lee (id {second.pk}) at Globex" in error
    assert not Interaction.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "call", "people": ""}, "people", "say whom this was with"),
        ({"kind": "tea", "people": "Ann"}, "kind", "Select a valid choice"),
        ({"kind": "call", "people": "Ann", "on": "yesterday"}, "on", "is not a date"),
        (
            {
                "kind": "interview",
                "people": "Ann",
                "on": "2026-03-02",
                "decision_date": "2026-03-01",
            },
            "decision_date",
            "the decision date is before the interaction",
        ),
        (
            {"kind": "call", "people": "Ann", "direction": "in", "awaiting_reply": "on"},
            "awaiting_reply",
            "only something you sent",
        ),
        ({"kind": "call", "people": "Ann", "opportunity": "999"}, "opportunity", "Select a valid"),
    ],
)
def test_bad_input_is_an_error_on_its_field(owner_client, owner, data, field, message):
    person(owner, "Ann Lee")
    response = owner_client.post(reverse("log"), data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not Interaction.objects.exists()


def test_an_error_in_the_dialog_comes_back_as_the_form_fragment(owner_client, owner):
    response = owner_client.post(reverse("log"), {"kind": "call", "people": "Zed"}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<form") and "nobody called" in html
    assert 'aria-invalid="true"' in html


def test_a_success_in_the_dialog_sends_the_browser_back(owner_client, owner):
    person(owner, "Ann Lee")
    response = owner_client.post(
        reverse("log"), {"kind": "call", "people": "Ann", "next": "/people/"}, headers=HTMX
    )
    assert response["HX-Redirect"] == "/people/"
    assert Interaction.objects.count() == 1


def test_warnings_from_the_rules_are_shown_after_saving(owner_client, owner, monkeypatch):
    person(owner, "Ann Lee")
    monkeypatch.setattr(
        log_service, "WARNING_CHECKS", [lambda who, interaction: ["This reads as chasing."]]
    )
    response = owner_client.post(
        reverse("log"), {"kind": "email", "people": "Ann", "next": "/"}, follow=True
    )
    html = response.content.decode()
    assert '<p class="message warning">This reads as chasing.</p>' in html
    assert Interaction.objects.count() == 1


# Outsiders ------------------------------------------------------------------------


def test_an_outsider_cannot_log_with_someone_elses_person(outsider_client, owner):
    ann = person(owner, "Ann Lee")
    response = outsider_client.post(reverse("log"), {"kind": "call", "people": str(ann.pk)})
    assert response.context["form"].errors["people"]
    assert "Ann Lee" not in response.content.decode()
    assert not Interaction.objects.exists()


def test_an_outsider_cannot_log_about_someone_elses_opportunity(outsider_client, owner, outsider):
    person(outsider, "Olive's friend")
    job = opportunity(owner)
    response = outsider_client.post(
        reverse("log"), {"kind": "call", "people": "friend", "opportunity": str(job.pk)}
    )
    assert response.context["form"].errors["opportunity"]
    assert not Interaction.objects.exists()
    assert Opportunity.objects.get(pk=job.pk).stage == Stage.APPLIED


def test_an_outsider_gets_nothing_prefilled_from_someone_elses_ids(outsider_client, owner):
    ann = person(owner, "Ann Lee")
    job = opportunity(owner)
    response = outsider_client.get(reverse("log"), {"person": ann.pk, "opp": job.pk})
    html = response.content.decode()
    assert "Ann Lee" not in html and "Backend Engineer" not in html
