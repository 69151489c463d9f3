"""A draft in real Chromium: the seeker signs once, edits the text, and the mail link,
the .eml and "Sent" all carry the edit."""

from __future__ import annotations

import email
from email import policy
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from followthrough.tracker.models import Interaction, Kind, Task, TaskStatus
from followthrough.tracker.services.owners import local_owner, today_for
from followthrough.tracker.services.people import PersonInput, add_person
from followthrough.tracker.services.tasks import add_task

pytestmark = pytest.mark.browser


@pytest.fixture
def task(transactional_db):
    owner = local_owner()
    ada = add_person(owner, PersonInput("Ada Lovelace", emails=["ada@example.org"]))
    return add_task(owner, "Send Ada the article", None, today=today_for(owner), person=ada)


def test_a_person_signs_edits_the_draft_and_every_way_to_send_it_uses_the_edit(page, task):
    page.goto(f"/drafts/tasks/{task.pk}/")
    message_box = page.get_by_role("textbox", name="Message")
    assert message_box.input_value().rstrip().endswith("[your name]")

    # Signing once, from the draft page itself.
    page.get_by_label("Sign as").fill("Sam Rivera")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".message.success")).to_contain_text("Your drafts are signed “Sam Rivera”.")
    assert page.get_by_role("textbox", name="Message").input_value().rstrip().endswith("Sam Rivera")
    expect(page.get_by_label("Sign as")).to_have_count(0)

    # Editing: the mail link follows the text as it is typed.
    expect(page.get_by_role("button", name="Make the mail link")).to_be_hidden()
    page.get_by_role("textbox", name="Subject").fill("The article I promised")
    page.get_by_role("textbox", name="Message").fill("Hi Ada,\nHere it is & enjoy.\nSam")
    href = page.get_by_role("link", name="Open in my mail program").get_attribute("href")
    assert href.startswith("mailto:ada@example.org?subject=")
    assert unquote(href.split("subject=", 1)[1].split("&", 1)[0]) == "The article I promised"
    assert unquote(href.split("&body=", 1)[1]) == "Hi Ada,\r\nHere it is & enjoy.\r\nSam"

    # Enter in the subject does not submit anything.
    page.get_by_role("textbox", name="Subject").press("Enter")
    expect(page.get_by_role("textbox", name="Subject")).to_have_value("The article I promised")

    # The .eml is the edited text.
    with page.expect_download() as info:
        page.get_by_role("button", name="Download .eml").click()
    message = email.message_from_bytes(info.value.path().read_bytes(), policy=policy.default)
    assert message["Subject"] == "The article I promised"
    assert "Here it is & enjoy." in message.get_content()

    # "Sent" logs what was sent.
    page.get_by_role("button", name="Sent", exact=True).click()
    expect(page.locator(".message.success")).to_contain_text("Logged an email to Ada Lovelace")
    sent = Interaction.objects.get(kind=Kind.EMAIL)
    assert sent.summary == "The article I promised"
    assert Task.objects.get(pk=task.pk).status == TaskStatus.DONE
