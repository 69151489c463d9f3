"""`followthrough draft` and `followthrough withdraw`: exact output, --json, errors."""

from __future__ import annotations

import email
import json
from email import policy

import pytest
from typer.testing import CliRunner

from followthrough.cli.app import app
from followthrough.drafts import services
from followthrough.tracker.models import Interaction, Person, Stage, Task, TaskStatus
from followthrough.tracker.services.owners import local_owner

from .conftest import DraftSearch, d, frozen
from .test_mail import parse_mailto

pytestmark = pytest.mark.django_db


@pytest.fixture
def search():
    owner = local_owner()
    services.set_sign_as(owner, "Sam Rivera")
    return DraftSearch(owner)


@pytest.fixture
def thank_you(search):
    ada = search.person("Ada Lovelace", emails="ada@acme.example")
    acme = search.opportunity("Designer", "Acme", stage="applied")
    search.log("interview", ada, "Mar 2", opportunity=acme, rapport_note="rowing & sculling")
    return search.due("Mar 3", "thank-you")


def run(*args: str, day: str = "Mar 3"):
    with frozen(d(day)):
        return CliRunner().invoke(app, list(args))


def ok(*args: str, day: str = "Mar 3") -> str:
    result = run(*args, day=day)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    return result.stdout


def failure(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == "" and "Traceback" not in result.output
    assert result.stderr.count("\n") == 1
    return result.stderr


def test_draft_prints_to_subject_and_message(thank_you):
    assert ok("draft", str(thank_you.pk)) == (
        "To: Ada Lovelace <ada@acme.example>\n"
        "Subject: Thank you for the conversation on Monday 2 March\n"
        "\n"
        "Hi Ada,\n"
        "\n"
        "Thank you for taking the time to talk with me on Monday 2 March about the Designer role "
        "at Acme. I especially enjoyed our conversation: rowing & sculling.\n"
        "\n"
        "It left me even more interested in the work, and I would be glad to bring my "
        "experience to the team.\n"
        "\n"
        "Warm regards,\n"
        "Sam Rivera\n"
    )
    assert Task.objects.get(pk=thank_you.pk).status == TaskStatus.OPEN


def test_draft_as_mailto_prints_one_url_that_parses_back(thank_you):
    out = ok("draft", str(thank_you.pk), "--as", "mailto")

    assert out.count("\n") == 1
    to, fields = parse_mailto(out.strip())
    assert to == "ada@acme.example"
    assert fields["subject"] == "Thank you for the conversation on Monday 2 March"
    assert ": rowing & sculling.\r\n\r\nIt left me" in fields["body"]


def test_draft_as_eml_prints_an_unsent_message(thank_you):
    result = run("draft", str(thank_you.pk), "--as", "eml")

    message = email.message_from_bytes(result.stdout_bytes, policy=policy.default)
    assert message["X-Unsent"] == "1"
    assert message["Subject"] == "Thank you for the conversation on Monday 2 March"
    assert str(message["To"]) == "Ada Lovelace <ada@acme.example>"
    assert "rowing & sculling" in message.get_content()


def test_draft_json(thank_you):
    data = json.loads(ok("draft", str(thank_you.pk), "--json"))

    assert data["task_id"] == thank_you.pk
    assert (data["template"], data["to"], data["person"]) == (
        "thank-you", "ada@acme.example", "Ada Lovelace"
    )
    assert data["subject"] == "Thank you for the conversation on Monday 2 March"
    assert data["body"].startswith("Hi Ada,\n")
    assert data["awaits_reply"] is False and data["error"] is None
    assert parse_mailto(data["mailto"])[0] == "ada@acme.example"


def test_draft_sent_logs_the_email_and_completes_the_task(thank_you):
    out = ok("draft", str(thank_you.pk), "--sent")

    assert out == f"Logged an email to Ada Lovelace and marked task {thank_you.pk} done.\n"
    assert Task.objects.get(pk=thank_you.pk).status == TaskStatus.DONE
    sent = Interaction.objects.get(kind="email")
    assert sent.direction == "out" and not sent.awaiting_reply and sent.occurred_on == d("Mar 3")


def test_draft_sent_on_a_nudge_says_it_awaits_a_reply(search):
    bo = search.person("Bo Chen")
    search.log("email", bo, "Mar 2", awaiting_reply=True)
    task = search.due("Mar 9", "nudge")

    out = ok("draft", str(task.pk), "--sent", "--json", day="Mar 9")

    data = json.loads(out)
    assert data["sent"]["awaiting_reply"] is True
    assert Interaction.objects.get(pk=data["sent"]["interaction_id"]).awaiting_reply


def test_draft_with_another_template_and_person(search):
    search.person("Gil Grissom", situation="hiring_manager")
    search.person("Kim Wexler")
    task = search.due("Mar 3", "momentum")

    out = ok("draft", str(task.pk), "--template", "congratulations", "--person", "kim")

    assert out.startswith("To: Kim Wexler (no email address yet)\nSubject: Congratulations, Kim!\n")


def test_draft_of_an_unknown_task_is_one_line():
    assert failure("draft", "999") == (
        "error: task: no task with id '999'; `followthrough today` lists them.\n"
    )


def test_draft_with_an_unknown_template_is_one_line(thank_you):
    assert failure("draft", str(thank_you.pk), "--template", "nope").startswith(
        "error: template: no template named 'nope'; choose one of thank-you, "
    )


def test_a_broken_template_warns_and_drafts_with_the_default(thank_you, search):
    from followthrough.drafts.models import MessageTemplate

    MessageTemplate.objects.create(owner=search.owner, name="thank-you", subject="x",
                                   body="{{ 1 / 0 }}")
    result = run("draft", str(thank_you.pk))

    assert result.exit_code == 0
    assert result.stderr.startswith("warning: Your “Thank-you after an interview” template ")
    assert "Subject: Thank you for the conversation on Monday 2 March\n" in result.stdout


# withdraw -----------------------------------------------------------------------------------


@pytest.fixture
def process(search):
    hana = search.person("Hana Sato", emails="hana@acme.example")
    rita = search.person("Rita Recruiter")
    acme = search.opportunity("Designer", "Acme", stage="interviewing")
    search.involve(acme, hana, "hiring_manager")
    search.involve(acme, rita, "recruiter")
    return acme, hana, rita


def test_withdraw_preview_changes_nothing(process):
    acme, _, _ = process

    out = ok("withdraw", str(acme.pk), "--preview")

    assert out.startswith(
        "To: Hana Sato <hana@acme.example>\nSubject: My application for the Designer role\n\n"
        "Hi Hana,\n"
    )
    acme.refresh_from_db()
    assert acme.stage == Stage.INTERVIEWING


def test_withdraw_sent_moves_logs_and_keeps_the_recruiter(process):
    acme, hana, rita = process

    out = ok("withdraw", str(acme.pk), "--sent")

    assert out.endswith(
        "\nWithdrawn from Designer at Acme. Logged your note to Hana Sato. "
        "Keeping in touch with Rita Recruiter every 90 days.\n"
    )
    acme.refresh_from_db()
    assert acme.stage == Stage.WITHDRAWN
    assert list(Interaction.objects.get().people.all()) == [hana]
    assert Person.objects.get(pk=rita.pk).cadence_days == 90


def test_withdraw_keeps_in_touch_at_the_workspaces_default_cadence(process):
    """Settings' keep-in-touch default (``--default-cadence``), not a fixed 90 days."""
    acme, _, rita = process
    ok("settings", "--default-cadence", "60")

    out = ok("withdraw", str(acme.pk))

    assert out.endswith("Keeping in touch with Rita Recruiter every 60 days.\n")
    assert Person.objects.get(pk=rita.pk).cadence_days == 60


def test_withdraw_sets_no_cadence_when_the_default_is_off(process):
    acme, _, rita = process
    ok("settings", "--default-cadence", "0")

    data = json.loads(ok("withdraw", str(acme.pk), "--json"))

    assert (data["recruiter_id"], data["cadence_set"]) == (rita.pk, False)
    assert Person.objects.get(pk=rita.pk).cadence_days is None


def test_withdraw_json(process):
    acme, _, rita = process
    data = json.loads(ok("withdraw", str(acme.pk), "--json"))
    assert (data["opportunity_id"], data["stage"], data["interaction_id"]) == (
        acme.pk, "withdrawn", None
    )
    assert (data["recruiter_id"], data["cadence_set"]) == (rita.pk, True)


def test_withdraw_twice_is_one_line(process):
    acme, _, _ = process
    ok("withdraw", str(acme.pk))
    assert failure("withdraw", str(acme.pk)) == (
        "error: opportunity: Designer at Acme is already withdrawn; "
        "only an active opportunity can be withdrawn from.\n"
    )
