"""The draft pages: a task's draft, "Sent", the .eml, a person's draft, withdrawing."""

from __future__ import annotations

import email
import html
import re
from email import policy

import pytest
from django.urls import reverse

from followthrough.tracker.models import (
    Direction,
    Interaction,
    Kind,
    Person,
    Stage,
    StageChange,
    Task,
    TaskStatus,
)
from followthrough.tracker.services import interactions as log_service

from .conftest import d, frozen
from .test_mail import parse_mailto

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam(search, signed, client):
    client.force_login(search.owner)
    return client


@pytest.fixture
def thank_you(search):
    ada = search.person("Ada Lovelace", emails="ada@acme.example")
    acme = search.opportunity("Designer", "Acme & Sons", stage="applied")
    search.log("interview", ada, "Mar 2", opportunity=acme, rapport_note="rowing")
    return search.due("Mar 3", "thank-you"), ada, acme


def get(client, url, day="Mar 3", **params):
    with frozen(d(day)):
        return client.get(url, params)


def post(client, url, data=None, day="Mar 3"):
    with frozen(d(day)):
        return client.post(url, data or {})


def test_the_draft_page_shows_the_text_and_every_way_to_send_it(sam, thank_you):
    task, _, _ = thank_you

    response = get(sam, reverse("task-draft", args=[task.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Send Ada Lovelace a thank-you note" in page
    assert 'value="Thank you for the conversation on Monday 2 March"' in page
    assert "our conversation: rowing." in page
    assert "&lt;ada@acme.example&gt;" in page
    mailto = html.unescape(page.split('href="mailto:', 1)[1].split('"', 1)[0])
    to, fields = parse_mailto("mailto:" + mailto)
    assert to == "ada@acme.example"
    assert fields["subject"] == "Thank you for the conversation on Monday 2 March"
    assert "Designer role at Acme & Sons." in fields["body"] and "\r\n" in fields["body"]
    assert reverse("task-draft-eml", args=[task.pk]) in page
    assert reverse("task-draft-sent", args=[task.pk]) in page
    assert 'data-copy="draft-body"' in page


def field_value(page: str, name: str) -> str:
    """The value of the input or textarea called ``name`` on ``page`` (unescaped)."""
    found = re.search(rf'<textarea [^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    if found is None:
        found = re.search(rf'<input [^>]*name="{name}" value="([^"]*)"', page)
    return html.unescape(found[1])


def mailto_of(page: str) -> tuple[str, dict[str, str]]:
    return parse_mailto("mailto:" + html.unescape(page.split('href="mailto:', 1)[1].split('"')[0]))


EDITED = {
    "subject": "Thanks for Monday",
    "body": "Hi Ada,\r\n\r\nThank you & see you soon.\r\n\r\nSam\r\n",
}


def test_the_draft_is_editable_and_every_button_sends_the_edited_text(sam, thank_you):
    task, _, _ = thank_you

    page = get(sam, reverse("task-draft", args=[task.pk])).content.decode()

    subject_tag = page.split('id="draft-subject"', 1)[1].split(">", 1)[0]
    body_tag = page.split('id="draft-body"', 1)[1].split(">", 1)[0]
    assert "readonly" not in subject_tag and 'name="subject"' in subject_tag
    assert "readonly" not in body_tag and 'name="body"' in body_tag
    form = page.split('id="draft-form"', 1)[1].split("</form>", 1)[0]
    assert 'method="post"' in page.split('id="draft-form"', 1)[0][-200:]
    assert f'formaction="{reverse("task-draft-eml", args=[task.pk])}"' in form
    assert 'name="action" value="mailto"' in form  # "Make the mail link", without JS
    sent = f'form="draft-form" formaction="{reverse("task-draft-sent", args=[task.pk])}"'
    assert sent in page


def test_make_the_mail_link_shows_the_page_with_a_mailto_of_the_edited_text(sam, thank_you):
    task, _, _ = thank_you

    with frozen(d("Mar 3")):
        response = sam.post(reverse("task-draft", args=[task.pk]), {**EDITED, "action": "mailto"})

    page = response.content.decode()
    assert response.status_code == 200
    assert field_value(page, "subject") == "Thanks for Monday"
    assert field_value(page, "body") == "Hi Ada,\n\nThank you & see you soon.\n\nSam\n"
    to, fields = mailto_of(page)
    assert to == "ada@acme.example"
    assert fields["subject"] == "Thanks for Monday"
    assert fields["body"] == "Hi Ada,\r\n\r\nThank you & see you soon.\r\n\r\nSam\r\n"
    assert "The mail link and the .eml now hold your edited text." in page
    assert Task.objects.get(pk=task.pk).status == TaskStatus.OPEN
    assert not Interaction.objects.filter(kind=Kind.EMAIL).exists()


def test_the_eml_download_of_a_posted_edit_holds_the_edited_text(sam, thank_you):
    task, _, _ = thank_you

    response = post(sam, reverse("task-draft-eml", args=[task.pk]), EDITED)

    assert response["Content-Type"] == "message/rfc822"
    message = email.message_from_bytes(response.content, policy=policy.default)
    assert message["Subject"] == "Thanks for Monday"
    assert message["To"].addresses[0].addr_spec == "ada@acme.example"
    text = message.get_content().replace("\r\n", "\n")
    assert text == "Hi Ada,\n\nThank you & see you soon.\n\nSam\n"


def test_sent_logs_the_edited_subject_as_what_was_sent(sam, thank_you):
    task, ada, _ = thank_you

    post(sam, reverse("task-draft-sent", args=[task.pk]), {**EDITED, "next": "/"})

    sent = Interaction.objects.get(kind=Kind.EMAIL)
    assert sent.summary == "Thanks for Monday"
    assert list(sent.people.all()) == [ada]
    assert Task.objects.get(pk=task.pk).status == TaskStatus.DONE


def test_a_subject_edited_onto_two_lines_becomes_one(sam, thank_you):
    task, _, _ = thank_you

    response = post(sam, reverse("task-draft-eml", args=[task.pk]),
                    {"subject": "Thanks\r\nBcc: someone@example.org", "body": "Hi"})

    message = email.message_from_bytes(response.content, policy=policy.default)
    assert message["Subject"] == "Thanks Bcc: someone@example.org"
    assert message["Bcc"] is None


def test_without_a_signature_the_draft_page_asks_how_to_sign_and_comes_back(
    search, client, thank_you
):
    task, _, _ = thank_you
    client.force_login(search.owner)
    url = reverse("task-draft", args=[task.pk]) + "?template=note"

    page = get(client, url).content.decode()
    assert "[your name]" in field_value(page, "body")
    assert "Your drafts end with “[your name]”. Set how you sign, once:" in page
    assert f'action="{reverse("draft-sign-as")}"' in page

    response = post(client, reverse("draft-sign-as"), {"sign_as": " Sam  Rivera ", "next": url})

    assert response.status_code == 302 and response["Location"] == url
    page = get(client, url).content.decode()
    assert field_value(page, "body").endswith("Sam Rivera\n")
    assert "Sign as" not in page
    assert "Your drafts are signed “Sam Rivera”." in page


def test_the_signature_form_refuses_a_long_name_and_goes_nowhere_else(search, client, thank_you):
    task, _, _ = thank_you
    client.force_login(search.owner)
    url = reverse("task-draft", args=[task.pk])

    response = post(client, reverse("draft-sign-as"), {"sign_as": "x" * 121, "next": url})
    assert response["Location"] == url
    assert "keep your signature under 120 characters" in get(client, url).content.decode()
    outside = post(client, reverse("draft-sign-as"),
                   {"sign_as": "Sam", "next": "https://evil.example/"})
    assert outside["Location"] == reverse("draft-templates")


def test_a_signed_seeker_is_not_asked_to_sign(sam, thank_you):
    task, _, _ = thank_you
    page = get(sam, reverse("task-draft", args=[task.pk])).content.decode()
    assert "Sign as" not in page


def test_the_today_row_offers_the_draft(sam, thank_you):
    task, _, _ = thank_you
    page = get(sam, reverse("today")).content.decode()
    assert reverse("task-draft", args=[task.pk]) in page


def test_the_eml_download_is_the_draft(sam, thank_you):
    task, _, _ = thank_you

    response = get(sam, reverse("task-draft-eml", args=[task.pk]))

    assert response["Content-Type"] == "message/rfc822"
    assert response["Content-Disposition"] == f'attachment; filename="thank-you-{task.pk}.eml"'
    message = email.message_from_bytes(response.content, policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == "Thank you for the conversation on Monday 2 March"
    assert message["To"].addresses[0].addr_spec == "ada@acme.example"
    assert "our conversation: rowing." in message.get_content()


def test_sent_logs_a_thank_you_without_awaiting_a_reply_and_completes_the_task(
    sam, search, thank_you
):
    task, ada, acme = thank_you

    response = post(sam, reverse("task-draft-sent", args=[task.pk]))

    assert response.status_code == 302 and response["Location"] == reverse("today")
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    sent = Interaction.objects.get(kind=Kind.EMAIL)
    assert (sent.direction, sent.occurred_on, sent.opportunity, sent.awaiting_reply) == (
        Direction.OUTBOUND, d("Mar 3"), acme, False
    )
    assert list(sent.people.all()) == [ada]
    assert sent.summary == "Thank you for the conversation on Monday 2 March"
    assert search.agenda("Mar 4", "thank-you") == []


def test_sent_on_a_nudge_awaits_a_reply(sam, search):
    bo = search.person("Bo Chen")
    search.log("email", bo, "Mar 2", awaiting_reply=True)
    task = search.due("Mar 9", "nudge")

    post(sam, reverse("task-draft-sent", args=[task.pk]), day="Mar 9")

    nudge = Interaction.objects.filter(kind=Kind.EMAIL).latest("id")
    assert nudge.awaiting_reply and nudge.occurred_on == d("Mar 9")
    assert Task.objects.get(pk=task.pk).status == TaskStatus.DONE


def test_sent_to_a_chosen_person_logs_an_informational_request(sam, search):
    search.person("Gil Grissom", situation="hiring_manager")
    kim = search.person("Kim Wexler", situation="employed", emails="kim@example.org")
    task = search.due("Mar 2", "momentum")

    page = get(sam, reverse("task-draft", args=[task.pk]), "Mar 2", person=kim.pk)
    assert "Hi Kim," in page.content.decode()
    post(sam, reverse("task-draft-sent", args=[task.pk]), {"person": kim.pk}, "Mar 2")

    sent = Interaction.objects.get()
    assert list(sent.people.all()) == [kim]
    assert sent.asked and sent.awaiting_reply


def test_sent_without_anyone_to_log_completes_the_task_only(sam, search):
    search.workspace(buddy_name="Bea Lund")  # not in the network: nobody to log it with
    bo = search.person("Bo Chen")
    search.log("email", bo, "Mar 3")
    task = search.due("Mar 6", "buddy-summary")

    response = post(sam, reverse("task-draft-sent", args=[task.pk]), day="Mar 6")

    assert response.status_code == 302
    assert Interaction.objects.count() == 1
    assert Task.objects.get(pk=task.pk).status == TaskStatus.DONE


def test_sent_twice_is_refused_and_logs_nothing_more(sam, thank_you):
    task, _, _ = thank_you
    post(sam, reverse("task-draft-sent", args=[task.pk]))

    response = post(sam, reverse("task-draft-sent", args=[task.pk]))

    assert Interaction.objects.filter(kind=Kind.EMAIL).count() == 1
    follow = get(sam, response["Location"]).content.decode()
    assert f"task {task.pk} is already done; reopen it first to send its draft." in follow


def test_a_persons_draft_page_and_its_sent_button(sam, search):
    fay = search.person("Fay Wong", organization="Globex", emails="fay@globex.example")

    page = get(sam, reverse("person-draft", args=[fay.pk]), template="congratulations")
    assert "Congratulations, Fay!" in page.content.decode()
    response = post(sam, reverse("person-draft-sent", args=[fay.pk]),
                    {"template": "congratulations"})

    assert response["Location"] == reverse("person-detail", args=[fay.pk])
    sent = Interaction.objects.get()
    assert sent.gave and not sent.asked and sent.summary == "Congratulations, Fay!"
    eml = get(sam, reverse("person-draft-eml", args=[fay.pk]), template="congratulations")
    assert eml["Content-Disposition"] == 'attachment; filename="congratulations-fay-wong.eml"'


def test_a_persons_draft_is_editable_and_sent_logs_the_edit(sam, search):
    fay = search.person("Fay Wong", organization="Globex", emails="fay@globex.example")
    url = reverse("person-draft", args=[fay.pk])
    edit = {"template": "congratulations", "subject": "Bravo, Fay!", "body": "Well done."}

    with frozen(d("Mar 3")):
        page = sam.post(url, {**edit, "action": "mailto"}).content.decode()
    assert mailto_of(page)[1] == {"subject": "Bravo, Fay!", "body": "Well done."}
    eml = post(sam, reverse("person-draft-eml", args=[fay.pk]), edit)
    assert email.message_from_bytes(eml.content, policy=policy.default)["Subject"] == (
        "Bravo, Fay!"
    )
    post(sam, reverse("person-draft-sent", args=[fay.pk]), edit)

    sent = Interaction.objects.get()
    assert sent.summary == "Bravo, Fay!" and sent.gave


# Withdrawing (rule 6) ----------------------------------------------------------------------


@pytest.fixture
def process(search):
    hana = search.person("Hana Sato", emails="hana@acme.example")
    rita = search.person("Rita Recruiter", emails="rita@agency.example")
    acme = search.opportunity("Designer", "Acme", stage="interviewing")
    search.involve(acme, hana, "hiring_manager")
    search.involve(acme, rita, "recruiter")
    return acme, hana, rita


def test_the_opportunity_page_offers_to_withdraw(sam, process):
    acme, _, _ = process
    page = get(sam, reverse("opportunity-detail", args=[acme.pk])).content.decode()
    assert reverse("opportunity-withdraw", args=[acme.pk]) in page


def test_the_withdraw_page_drafts_a_graceful_note_to_the_main_contact(sam, process):
    acme, _, _ = process

    page = get(sam, reverse("opportunity-withdraw", args=[acme.pk])).content.decode()

    assert 'value="My application for the Designer role"' in page
    assert "Hi Hana," in page and "&lt;hana@acme.example&gt;" in page
    assert "I have decided to withdraw my application: [a kind, honest reason" in page
    assert "I would be glad to stay in touch." in page
    assert "You keep Rita Recruiter as a contact: a keep-in-touch reminder every 90 days" in page


def test_withdrawing_moves_the_stage_logs_the_note_and_keeps_the_recruiter(sam, process):
    acme, hana, rita = process

    response = post(sam, reverse("opportunity-withdraw", args=[acme.pk]), {"sent": "1"})

    assert response["Location"] == reverse("opportunity-detail", args=[acme.pk])
    acme.refresh_from_db()
    assert (acme.stage, acme.stage_changed_on) == (Stage.WITHDRAWN, d("Mar 3"))
    assert StageChange.objects.filter(opportunity=acme, stage=Stage.WITHDRAWN).exists()
    note = Interaction.objects.get()
    assert list(note.people.all()) == [hana]
    assert (note.kind, note.opportunity, note.awaiting_reply) == (Kind.EMAIL, acme, False)
    assert note.summary == "My application for the Designer role"
    assert Person.objects.get(pk=rita.pk).cadence_days == 90
    message = get(sam, response["Location"]).content.decode()
    assert "Withdrawn from Designer at Acme. Logged your note to Hana Sato." in message
    assert "You will keep in touch with Rita Recruiter every 90 days." in message


def test_withdrawing_follows_the_default_cadence_and_off_sets_none(sam, search, process):
    acme, _, rita = process
    search.workspace(default_cadence_days=30)
    url = reverse("opportunity-withdraw", args=[acme.pk])
    assert "a keep-in-touch reminder every 30 days" in get(sam, url).content.decode()
    search.workspace(default_cadence_days=0)

    page = get(sam, url).content.decode()
    post(sam, url, {})

    assert "You keep Rita Recruiter as a contact.</li>" in page
    assert Person.objects.get(pk=rita.pk).cadence_days is None
    message = get(sam, reverse("opportunity-detail", args=[acme.pk])).content.decode()
    assert "Withdrawn from Designer at Acme." in message and "keep in touch" not in message


def test_the_withdrawal_note_is_editable_and_the_edit_is_what_is_logged(sam, process):
    acme, hana, _ = process
    url = reverse("opportunity-withdraw", args=[acme.pk])
    edit = {"subject": "Withdrawing, with thanks", "body": "Hi Hana, thank you."}

    with frozen(d("Mar 3")):
        page = sam.post(url, {**edit, "action": "mailto", "sent": "1"})
    assert page.status_code == 200
    assert mailto_of(page.content.decode())[1]["subject"] == "Withdrawing, with thanks"
    acme.refresh_from_db()
    assert acme.stage == Stage.INTERVIEWING and not Interaction.objects.exists()
    eml = post(sam, reverse("opportunity-withdraw-eml", args=[acme.pk]), edit)
    assert b"Hi Hana, thank you." in eml.content

    post(sam, url, {**edit, "sent": "1"})

    acme.refresh_from_db()
    assert acme.stage == Stage.WITHDRAWN
    note = Interaction.objects.get()
    assert note.summary == "Withdrawing, with thanks" and list(note.people.all()) == [hana]


def test_withdrawing_without_sending_logs_nothing_and_keeps_a_cadence_already_set(
    sam, search, process
):
    acme, _, rita = process
    Person.objects.filter(pk=rita.pk).update(cadence_days=30)

    post(sam, reverse("opportunity-withdraw", args=[acme.pk]))

    acme.refresh_from_db()
    assert acme.stage == Stage.WITHDRAWN
    assert not Interaction.objects.exists()
    assert Person.objects.get(pk=rita.pk).cadence_days == 30


def test_without_a_recruiter_the_main_contact_is_kept(sam, search):
    hana = search.person("Hana Sato")
    acme = search.opportunity("Designer", "Acme", stage="applied")
    search.involve(acme, hana, "hiring_manager")

    post(sam, reverse("opportunity-withdraw", args=[acme.pk]))

    assert Person.objects.get(pk=hana.pk).cadence_days == 90


def test_a_closed_opportunity_cannot_be_withdrawn_and_nothing_changes(sam, process):
    acme, _, rita = process
    acme.stage = Stage.REJECTED
    acme.save()

    response = post(sam, reverse("opportunity-withdraw", args=[acme.pk]), {"sent": "1"})

    assert response.status_code == 400
    assert "already rejected; only an active opportunity can be withdrawn from." in (
        response.content.decode()
    )
    acme.refresh_from_db()
    assert acme.stage == Stage.REJECTED
    assert not Interaction.objects.exists()
    assert Person.objects.get(pk=rita.pk).cadence_days is None


def test_a_failing_log_leaves_the_opportunity_as_it_was(sam, process, monkeypatch):
    acme, _, _ = process

    def broken(*args, **kwargs):
        raise log_service.InputError("with: something went wrong.", "people")

    monkeypatch.setattr(log_service, "log_interaction", broken)
    response = post(sam, reverse("opportunity-withdraw", args=[acme.pk]), {"sent": "1"})

    assert response.status_code == 400
    acme.refresh_from_db()
    assert acme.stage == Stage.INTERVIEWING


# Outsiders ------------------------------------------------------------------------------------


def test_an_outsider_gets_404_on_every_draft_url(search, thank_you, process, outsider_client):
    task, ada, _ = thank_you
    acme, _, _ = process
    gets = [
        reverse("task-draft", args=[task.pk]),
        reverse("task-draft-eml", args=[task.pk]),
        reverse("person-draft", args=[ada.pk]),
        reverse("person-draft-eml", args=[ada.pk]),
        reverse("opportunity-withdraw", args=[acme.pk]),
        reverse("opportunity-withdraw-eml", args=[acme.pk]),
    ]
    posts = [
        reverse("task-draft-sent", args=[task.pk]),
        reverse("person-draft-sent", args=[ada.pk]),
        reverse("opportunity-withdraw", args=[acme.pk]),
    ]
    for url in gets:
        assert outsider_client.get(url).status_code == 404, url
    for url in posts:
        assert outsider_client.post(url, {"sent": "1"}).status_code == 404, url
    assert Task.objects.get(pk=task.pk).status == TaskStatus.OPEN
    assert not Interaction.objects.filter(kind=Kind.EMAIL).exists()
    acme.refresh_from_db()
    assert acme.stage == Stage.INTERVIEWING


def test_an_outsiders_person_cannot_be_the_recipient(sam, search, outsider):
    from followthrough.tracker.services.people import PersonInput, add_person

    olive_friend = add_person(outsider, PersonInput(name="Oscar"))
    search.person("Gil Grissom", situation="hiring_manager")
    task = search.due("Mar 2", "momentum")

    url = reverse("task-draft", args=[task.pk])
    assert get(sam, url, "Mar 2", person=olive_friend.pk).status_code == 404
    response = post(sam, reverse("task-draft-sent", args=[task.pk]), {"person": olive_friend.pk})
    assert response.status_code == 404
    assert not Interaction.objects.exists()
