"""Templates the seeker edits: the sandbox, errors with their line, save, reset, preview."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from followthrough.drafts import context as contexts
from followthrough.drafts import rendering, services
from followthrough.drafts.defaults import TEMPLATES
from followthrough.drafts.models import MessageTemplate

from .conftest import d, frozen

pytestmark = pytest.mark.django_db


# The sandbox ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ first_name.__class__.__base__.__subclasses__() }}",
        "{{ first_name|attr('__class__') }}",
        "{{ '{0.__class__}'.format(first_name) }}",
        "{{ cycler.__init__.__globals__ }}",
    ],
)
def test_a_template_reaching_for_python_internals_is_refused_with_a_clear_error(owner, source):
    body = f"Hi {{{{ first_name }}}},\n\n{source}\n"

    with pytest.raises(rendering.TemplateProblem) as caught:
        services.save_template(owner, "birthday", "Happy birthday", body)

    assert caught.value.line == 3
    assert str(caught.value).startswith("body, line 3: not allowed: ")
    assert str(caught.value).endswith("; fix the template or reset it to the default.")
    assert not MessageTemplate.objects.exists()


def test_a_syntax_error_names_its_line_and_nothing_is_saved(owner):
    with pytest.raises(rendering.TemplateProblem) as caught:
        services.save_template(owner, "birthday", "Hi", "Hi {{ first_name }},\n\n{% if %}\n")

    assert (caught.value.part, caught.value.line) == ("body", 3)
    assert str(caught.value) == (
        "body, line 3: Expected an expression, got 'end of statement block'; "
        "fix the template or reset it to the default."
    )
    assert not MessageTemplate.objects.exists()


def test_a_broken_subject_is_named_as_the_subject(owner):
    with pytest.raises(rendering.TemplateProblem) as caught:
        services.save_template(owner, "birthday", "Hi {{ first_name ", "Hi\n")
    assert caught.value.part == "subject"
    assert str(caught.value).startswith("subject, line 1: ")


def test_a_template_that_fails_when_a_detail_is_missing_is_not_saved(owner):
    with pytest.raises(rendering.TemplateProblem, match="body, line 1"):
        services.save_template(owner, "birthday", "Hi", "{{ first_name.upper() }}\n")


def test_the_context_holds_only_plain_values(search, signed):
    ada = search.person("Ada Lovelace", organization="Acme", introduced_by=None)
    acme = search.opportunity("Designer", "Acme", stage="applied", decision_date="2026-03-12")
    search.log("interview", ada, "Mar 2", opportunity=acme, rapport_note="rowing")
    task = search.due("Mar 3", "thank-you")

    context = contexts.for_task(search.owner, task, d("Mar 3"), ada)

    assert context["first_name"] == "Ada" and context["decision_date"] == "Thursday 12 March"
    assert all(type(value) in (str, int, bool) for value in context.values()), context
    with pytest.raises(TypeError):
        contexts.clean({"person": ada})
    with pytest.raises(TypeError):
        contexts.clean({"day": dt.date(2026, 3, 2)})


def test_dates_outside_this_year_carry_the_year():
    assert contexts.human_date(dt.date(2026, 3, 12), dt.date(2026, 1, 1)) == "Thursday 12 March"
    last_year = contexts.human_date(dt.date(2025, 12, 30), dt.date(2026, 1, 1))
    assert last_year == "Tuesday 30 December 2025"


# Save, reset, and drafts that use them ---------------------------------------------------------


def test_a_saved_template_makes_the_drafts_and_a_reset_brings_the_default_back(search, signed):
    search.person("Eve Adams", birthday="--03-04")
    services.save_template(
        search.owner, "birthday", "Many happy returns, {{ first_name }}",
        "Dear {{ first_name }},\r\nHave a lovely day.\r\n{{ my_name }}",
    )

    edited = search.draft("Mar 4", "birthday")
    assert edited.subject == "Many happy returns, Eve"
    assert edited.body == "Dear Eve,\nHave a lovely day.\nSam Rivera\n"

    services.reset_template(search.owner, "birthday")
    assert not MessageTemplate.objects.exists()
    assert search.draft("Mar 4", "birthday").subject == "Happy birthday, Eve!"


def test_saving_the_default_wording_keeps_no_row(owner):
    default = TEMPLATES["nudge"]
    services.save_template(owner, "nudge", default.subject, default.body)
    assert not MessageTemplate.objects.exists()


def test_a_template_broken_after_saving_falls_back_to_the_default_and_says_so(search, signed):
    search.person("Eve Adams", birthday="--03-04")
    MessageTemplate.objects.create(owner=search.owner, name="birthday", subject="Hi",
                                   body="{{ 1 / 0 }}")

    draft = search.draft("Mar 4", "birthday")

    assert draft.subject == "Happy birthday, Eve!"
    assert draft.error.startswith("Your “Birthday” template does not work (body, line 1: ")
    assert draft.error.endswith("this draft uses the default wording.")


def test_one_owners_template_is_not_anothers(search, signed, outsider):
    services.save_template(outsider, "birthday", "Olive's words", "Olive's body\n")
    search.person("Eve Adams", birthday="--03-04")

    assert search.draft("Mar 4", "birthday").subject == "Happy birthday, Eve!"


def test_an_unknown_template_name_is_one_sentence(owner):
    with pytest.raises(services.InputError, match=r"template: no template named 'nope'"):
        services.template_text(owner, "nope")


# The pages -------------------------------------------------------------------------------------


def test_the_templates_page_lists_every_template_and_marks_the_edited(owner_client, owner):
    services.save_template(owner, "nudge", "A nudge", "Hi {{ first_name }}\n")

    page = owner_client.get(reverse("draft-templates")).content.decode()

    for default in TEMPLATES.values():
        assert default.label in page
    assert page.count(">edited<") == 1
    assert reverse("draft-templates") in owner_client.get(reverse("settings")).content.decode()


def test_the_signature_is_saved_from_the_templates_page(owner_client, owner):
    response = owner_client.post(reverse("draft-templates"), {"sign_as": "  Sam   Rivera "})
    assert response.status_code == 302
    assert services.sign_as(owner) == "Sam Rivera"


def test_saving_a_template_from_its_page(owner_client, owner):
    url = reverse("draft-template-edit", args=["birthday"])
    response = owner_client.post(
        url, {"subject": "Cheers {{ first_name }}", "body": "Hi\n", "action": "save"}
    )
    assert response.status_code == 302
    assert MessageTemplate.objects.get(owner=owner, name="birthday").subject == (
        "Cheers {{ first_name }}"
    )


def test_a_broken_template_on_its_page_shows_the_line_and_keeps_the_text(owner_client, owner):
    url = reverse("draft-template-edit", args=["birthday"])
    body = "Hi {{ first_name }},\n{% for %}\n"
    response = owner_client.post(url, {"subject": "Hi", "body": body, "action": "save"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "body, line 2: " in page and "Nothing was saved." in page
    assert "{% for %}" in page  # the text typed stays in the form
    assert not MessageTemplate.objects.exists()


def test_reset_from_its_page(owner_client, owner):
    services.save_template(owner, "birthday", "Cheers", "Hi\n")
    response = owner_client.post(reverse("draft-template-reset", args=["birthday"]))
    assert response.status_code == 302
    assert not MessageTemplate.objects.exists()


def test_preview_renders_unsaved_text_on_a_real_task_and_saves_nothing(search, signed, client):
    client.force_login(search.owner)
    eve = search.person("Eve Adams", birthday="--03-04", emails="eve@example.org")
    task = search.due("Mar 4", "birthday")
    url = reverse("draft-template-edit", args=["birthday"])

    with frozen(d("Mar 4")):
        response = client.post(url, {
            "subject": "Cheers, {{ first_name }}", "body": "{{ name }} turns a year older\n",
            "preview": f"task:{task.pk}", "action": "preview",
        }, HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<section class="card preview"')  # the partial only
    assert "Cheers, Eve" in page and "Eve Adams turns a year older" in page
    assert "eve@example.org" in page
    assert not MessageTemplate.objects.exists()
    by_person = client.get(url, {"preview": f"person:{eve.pk}"}).content.decode()
    assert "Happy birthday, Eve!" in by_person


def test_preview_of_a_broken_template_shows_the_error(owner_client):
    url = reverse("draft-template-edit", args=["birthday"])
    response = owner_client.post(
        url, {"subject": "Hi", "body": "{{ ''.__class__ }}", "action": "preview"}
    )
    assert "body, line 1: not allowed" in response.content.decode()


def test_an_unknown_template_page_is_404(owner_client):
    assert owner_client.get(reverse("draft-template-edit", args=["nope"])).status_code == 404
    assert owner_client.post(reverse("draft-template-reset", args=["nope"])).status_code == 404


def test_an_outsider_cannot_preview_on_sams_task_or_person(search, signed, outsider_client):
    eve = search.person("Eve Adams", birthday="--03-04")
    task = search.due("Mar 4", "birthday")
    url = reverse("draft-template-edit", args=["birthday"])

    assert outsider_client.get(url, {"preview": f"task:{task.pk}"}).status_code == 404
    assert outsider_client.get(url, {"preview": f"person:{eve.pk}"}).status_code == 404
    page = outsider_client.get(url).content.decode()
    assert "Eve Adams" not in page
