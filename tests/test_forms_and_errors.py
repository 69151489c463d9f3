"""What a new user meets when they type something wrong: every error at once, in their words.

Also: people who share a name (warned on add, told apart in the name suggestions),
long text (limited, and wrapped on the page) and the organization page's dates.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib

import pytest
import time_machine
from django.urls import reverse
from typer.testing import CliRunner

from followthrough.cli.app import app
from followthrough.tracker.forms.base import person_ref
from followthrough.tracker.models import Interaction, Opportunity, Organization, Person, Stage, Task
from followthrough.tracker.services.errors import InputError, NotFound
from followthrough.tracker.services.owners import local_owner
from followthrough.tracker.services.people import (
    OrganizationInput,
    PersonInput,
    add_organization,
    add_person,
    resolve_person,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def person_post(**overrides) -> dict:
    data = {
        "name": "Ann Lee",
        "emails": "",
        "phones": "",
        "linkedin_url": "",
        "organization": "",
        "title": "",
        "situation": "unknown",
        "how_met": "",
        "met_on": "",
        "introduced_by": "",
        "birthday_month": "",
        "birthday_day": "",
        "birthday_year": "",
        "tags": "",
        "cadence_days": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def page_text(response) -> str:
    return htmllib.unescape(response.content.decode())


def cli(*args: str):
    return CliRunner().invoke(app, list(args))


# Every error at once ----------------------------------------------------------------


def test_the_person_form_shows_every_wrong_field_in_one_submit_and_keeps_what_was_typed(
    owner_client, owner
):
    response = owner_client.post(
        reverse("person-add"),
        person_post(
            name="",
            emails="ann at acme",
            linkedin_url="linkedin",
            met_on="2026-02-30",
            birthday_month="2",
            birthday_day="30",
        ),
    )

    errors = response.context["form"].errors
    assert errors["name"] == ["Name is required: who is this person?"]
    assert errors["emails"] == ["Email: 'ann at acme' is not an email address."]
    assert errors["linkedin_url"] == [
        "LinkedIn: 'linkedin' is not a web address; paste the profile link,"
        " e.g. https://www.linkedin.com/in/name"
    ]
    assert errors["met_on"] == ["Met on: '2026-02-30' is not a date: February 2026 has no day 30."]
    assert errors["birthday_month"] == ["Birthday: February has no day 30."]
    html = response.content.decode()
    # A browser empties a date input holding 2026-02-30: it shows as text, as typed.
    assert 'type="text" name="met_on" value="2026-02-30"' in html
    assert 'value="linkedin"' in html and 'value="ann at acme"' in html
    assert not Person.objects.exists()


def test_a_wrong_type_still_shows_the_other_fields_errors(owner_client):
    response = owner_client.post(
        reverse("person-add"),
        person_post(birthday_day="abc", met_on="soon", emails="nope"),
    )

    errors = response.context["form"].errors
    assert set(errors) == {"birthday_day", "met_on", "emails"}
    assert errors["met_on"][0].startswith("Met on: 'soon' is not a date")
    assert not Person.objects.exists()


def test_no_error_on_the_web_names_a_field_by_its_internal_name(owner_client):
    response = owner_client.post(
        reverse("person-add"),
        person_post(met_on="x", linkedin_url="x", introduced_by="Nobody", cadence_days="0"),
    )

    text = page_text(response)
    for internal in ("met_on:", "linkedin_url:", "introduced_by:", "cadence:"):
        assert internal not in text
    assert "Introduced by: nobody called 'Nobody' yet; add them first." in text
    assert "followthrough person add" not in text  # no command for web users


def test_a_linkedin_address_without_https_is_completed(owner_client, owner):
    response = owner_client.post(
        reverse("person-add"), person_post(linkedin_url="www.linkedin.com/in/annlee")
    )

    assert response.status_code == 302
    assert Person.objects.get().linkedin_url == "https://www.linkedin.com/in/annlee"


def test_the_organization_form_shows_every_wrong_field_at_once(owner_client, owner):
    response = owner_client.post(
        reverse("organization-add"),
        {"name": "", "website": "not a site", "notes": "x" * 10_001, "culture_notes": ""},
    )

    errors = response.context["form"].errors
    assert errors["name"] == ["Name is required: what is the organization called?"]
    assert errors["website"][0].startswith("Website: 'not a site' is not a web address")
    assert errors["notes"] == ["Notes: 10,001 characters is too long; keep it to 10,000."]
    assert not Organization.objects.exists()


def test_the_opportunity_form_shows_every_wrong_field_at_once(owner_client, owner):
    response = owner_client.post(
        reverse("opportunity-add"),
        {
            "role": "Analyst",
            "organization": "Acme",
            "stage": "lead",
            "interest": "3",
            "referred_by": "Nobody Known",
            "decision_date": "next week",
            "offer_deadline": "2026-02-30",
            "posting_url": "not a link",
        },
    )

    text = page_text(response)
    assert "Referred by: nobody called 'Nobody Known' yet; add them first." in text
    assert "Decision date: 'next week' is not a date" in text
    assert "Offer deadline: '2026-02-30' is not a date: February 2026 has no day 30." in text
    assert "Posting link: 'not a link' is not a web address" in text
    assert not Opportunity.objects.exists()
    assert not Organization.objects.exists()


def test_the_task_form_shows_every_wrong_field_at_once(owner_client, owner):
    response = owner_client.post(
        reverse("task-add"), {"title": "", "due": "next week", "person": "Nobody"}
    )

    errors = response.context["task_form"].errors
    assert errors["title"] == ["What to do is required: what is there to do?"]
    assert errors["due"][0].startswith("Due: 'next week' is not a date")
    assert errors["person"] == ["With: nobody called 'Nobody' yet; add them first."]
    assert not Task.objects.exists()


def test_the_log_form_shows_every_unknown_person_and_bad_date_at_once(owner_client, owner):
    add_person(owner, PersonInput("Ann Lee"))
    response = owner_client.post(
        reverse("log"),
        {
            "kind": "call",
            "people": ["Zed, Ann", "Quinn"],
            "on": "2026-02-30",
            "decision_date": "soon",
            "rapport_note": "both restore old bicycles",
        },
    )

    errors = response.context["form"].errors
    assert errors["people"] == [
        "With whom: nobody called 'Zed' yet; add them first.",
        "With whom: nobody called 'Quinn' yet; add them first.",
    ]
    assert errors["on"] == ["When: '2026-02-30' is not a date: February 2026 has no day 30."]
    assert errors["decision_date"][0].startswith("Decision date: 'soon' is not a date")
    assert "both restore old bicycles" in response.content.decode()
    assert not Interaction.objects.exists()


def test_the_rapport_note_says_it_is_one_line_per_person_for_the_thank_you(owner_client):
    html = owner_client.get(reverse("log")).content.decode()
    assert "for each thank-you note: one line per person" in html
    assert "Lena: we both ran Berlin" in html


# The CLI names its options ----------------------------------------------------------


def test_the_cli_names_the_option_and_reports_every_wrong_one_on_its_own_line(db):
    result = cli(
        "person", "add", "Ann", "--met-on", "2026-02-30", "--linkedin", "linkedin",
        "--email", "nope",
    )  # fmt: skip

    assert result.exit_code == 1
    assert result.stderr == (
        "error: --email: 'nope' is not an email address.\n"
        "error: --linkedin: 'linkedin' is not a web address; paste the profile link,"
        " e.g. https://www.linkedin.com/in/name\n"
        "error: --met-on: '2026-02-30' is not a date: February 2026 has no day 30.\n"
    )
    assert not Person.objects.exists()


def test_the_cli_adds_how_to_add_a_missing_person(db):
    result = cli("log", "call", "--with", "Zed")

    assert result.stderr == (
        "error: --with: nobody called 'Zed' yet; add them first with `followthrough person add`.\n"
    )


def test_an_all_digit_reference_is_an_id_not_a_name(db):
    result = cli("person", "show", "99")

    assert result.stderr == "error: person: no person with id 99.\n"


# People who share a name ------------------------------------------------------------


def test_adding_a_second_person_with_the_same_name_saves_and_warns_with_links(
    owner_client, owner
):
    first = add_person(owner, PersonInput("Dana Whitfield"))

    response = owner_client.post(
        reverse("person-add"), person_post(name="Dana Whitfield"), follow=True
    )

    assert Person.objects.filter(name="Dana Whitfield").count() == 2
    html = response.content.decode()
    assert "You already had someone with this name or email" in html
    assert f'<a href="/people/{first.pk}/">Dana Whitfield (id {first.pk})</a>' in html
    assert f'href="{reverse("people-duplicates")}"' in html


def test_adding_someone_with_a_known_email_warns_too(owner_client, owner):
    add_person(owner, PersonInput("Dana Whitfield", emails="dana@acme.example"))

    response = owner_client.post(
        reverse("person-add"), person_post(name="Dana W.", emails="Dana@acme.example"), follow=True
    )

    assert "You already had someone with this name or email" in response.content.decode()


def test_a_new_name_adds_without_a_warning(owner_client, owner):
    add_person(owner, PersonInput("Dana Whitfield"))

    response = owner_client.post(reverse("person-add"), person_post(name="Dana"), follow=True)

    assert "You already had someone" not in response.content.decode()


def test_the_cli_warns_on_stderr_when_the_name_is_taken(db):
    assert cli("person", "add", "Dana Whitfield").exit_code == 0
    first = Person.objects.get()

    result = cli("person", "add", "Dana Whitfield")

    assert result.exit_code == 0
    assert result.stderr.startswith(
        f"warning: you already had someone with this name or email: Dana Whitfield (id {first.pk});"
    )
    assert Person.objects.count() == 2


def test_the_name_suggestions_tell_namesakes_apart(owner_client, owner):
    acme = add_person(owner, PersonInput("Sam Okafor", organization="Acme"))
    initech = add_person(owner, PersonInput("Sam Okafor", organization="Initech"))
    add_person(owner, PersonInput("Kim Park"))

    html = owner_client.get(reverse("log")).content.decode()

    assert f'<option value="Sam Okafor (id {acme.pk})">Acme</option>' in html
    assert f'<option value="Sam Okafor (id {initech.pk})">Initech</option>' in html
    assert '<option value="Kim Park"></option>' in html


def test_logging_with_a_suggested_name_and_id_picks_that_person(owner_client, owner):
    add_person(owner, PersonInput("Sam Okafor", organization="Acme"))
    second = add_person(owner, PersonInput("Sam Okafor", organization="Initech"))

    owner_client.post(reverse("log"), {"kind": "call", "people": f"Sam Okafor (id {second.pk})"})

    assert list(Interaction.objects.get().people.all()) == [second]


def test_name_and_id_must_agree(owner):
    sam = add_person(owner, PersonInput("Sam Okafor"))

    assert resolve_person(owner, f"sam okafor (id {sam.pk})") == sam
    with pytest.raises(InputError, match=f"id {sam.pk} is Sam Okafor, not 'Kim'"):
        resolve_person(owner, f"Kim (id {sam.pk})")
    with pytest.raises(NotFound, match="no person with id 999"):
        resolve_person(owner, "Sam Okafor (id 999)")


def test_a_shared_name_is_written_with_its_id_in_a_prefilled_field(owner):
    add_person(owner, PersonInput("Sam Okafor"))
    second = add_person(owner, PersonInput("Sam Okafor"))

    assert person_ref(second) == f"Sam Okafor (id {second.pk})"
    assert resolve_person(owner, person_ref(second)) == second


# Long text ----------------------------------------------------------------------------


def test_notes_and_names_have_limits_with_a_clear_error(owner):
    with pytest.raises(InputError) as error:
        add_person(owner, PersonInput("x" * 201, notes="y" * 200_000))

    assert [str(e) for e in error.value.errors] == [
        "name: 201 characters is too long; keep it to 200.",
        "notes: 200,000 characters is too long; keep it to 10,000.",
    ]
    assert add_person(owner, PersonInput("Ann", notes="y" * 10_000)).notes == "y" * 10_000
    with pytest.raises(InputError, match="notes: 10,001 characters"):
        add_organization(owner, OrganizationInput("Acme", notes="z" * 10_001))


def test_the_cli_refuses_long_notes_as_the_web_does(db):
    result = cli("person", "add", "Ann", "--notes", "y" * 10_001)

    assert result.stderr == "error: --notes: 10,001 characters is too long; keep it to 10,000.\n"


def test_a_long_summary_is_refused_when_logging(owner_client, owner):
    add_person(owner, PersonInput("Ann Lee"))

    response = owner_client.post(
        reverse("log"), {"kind": "call", "people": "Ann Lee", "summary": "s" * 10_001}
    )

    assert response.context["form"].errors["summary"] == [
        "Summary: 10,001 characters is too long; keep it to 10,000."
    ]


def test_long_words_wrap_in_cards_and_timelines():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("followthrough/app.css")).read_text(encoding="utf-8")
    assert ".card, .timeline > li" in css and "overflow-wrap: anywhere" in css


# The organization page -------------------------------------------------------------


def test_an_offer_shows_its_deadline_and_others_their_decision_date(owner_client, owner):
    acme = add_organization(owner, OrganizationInput("Acme"))
    Opportunity.objects.create(
        owner=owner,
        organization=acme,
        role="Offer role",
        stage=Stage.OFFER,
        decision_date=dt.date(2026, 11, 17),
        offer_deadline=dt.date(2026, 11, 29),
        stage_changed_on=TODAY,
    )
    Opportunity.objects.create(
        owner=owner,
        organization=acme,
        role="Interview role",
        stage=Stage.INTERVIEWING,
        decision_date=dt.date(2026, 11, 17),
        stage_changed_on=TODAY,
    )

    html = owner_client.get(reverse("organization-detail", args=[acme.pk])).content.decode()

    assert "answer by Sun 29 Nov 2026" in html
    assert html.count("decision Tue 17 Nov 2026") == 1


def test_the_local_owner_is_who_the_cli_adds_for(db):
    cli("person", "add", "Ann")
    assert Person.objects.get().owner == local_owner()
