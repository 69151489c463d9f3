"""`followthrough task ...` and `followthrough today`: done, snoozed, dismissed, and due."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from typer.testing import CliRunner

from followthrough.cli.app import app
from followthrough.tracker.models import Person, Task
from followthrough.tracker.services import tasks as task_services
from followthrough.tracker.services.owners import local_owner
from tests.cli_helpers import failure, ok

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture(autouse=True)
def hand_made_tasks_only(monkeypatch):
    """The agenda here holds the tasks these tests make; the engine's rules have their tests."""
    monkeypatch.setattr(task_services, "AGENDA_REFRESHERS", [])




def add(title: str, *args: str) -> Task:
    data = json.loads(ok("task", "add", title, "--json", *args))
    return Task.objects.get(pk=data["id"])


def agenda(on: str | None = None) -> list[dict]:
    return json.loads(ok("today", "--json", *(["--on", on] if on else [])))


def test_task_add_is_due_today_unless_told_and_says_so():
    out = ok("task", "add", "Update the résumé")
    task = Task.objects.get()
    assert out == f"Added task {task.pk}: Update the résumé, due Mon 2 Mar 2026.\n"
    assert (task.rule, task.due, task.status, task.owner) == (
        "manual",
        TODAY,
        "open",
        local_owner(),
    )


def test_task_add_links_a_person_and_an_opportunity():
    ok("person", "add", "Ada Lovelace")
    ok("opp", "add", "Engineer", "--org", "Acme")
    opp_id = json.loads(ok("opp", "list", "--json"))[0]["id"]
    data = json.loads(
        ok("task", "add", "Call Ada", "--person", "ada", "--opp", str(opp_id), "--due",
           "2026-03-05", "--reason", "She asked for a call.", "--json")
    )  # fmt: skip
    ada = Person.objects.get()
    assert data == {
        "id": Task.objects.get().pk,
        "rule": "manual",
        "title": "Call Ada",
        "reason": "She asked for a call.",
        "due": "2026-03-05",
        "snoozed_until": None,
        "status": "open",
        "person_id": ada.pk,
        "opportunity_id": opp_id,
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--due", "tomorrow"], "error: --due: 'tomorrow' is not a date; write it as YYYY-MM-DD"),
        (["--person", "Zed"], "error: person: nobody called 'Zed' yet;"),
        (["--opp", "5"], "error: opp: no opportunity with id '5';"),
    ],
)
def test_bad_task_input_saves_nothing(args, message):
    assert failure("task", "add", "Call", *args).startswith(message)
    assert not Task.objects.exists()


def test_a_blank_title_is_refused():
    assert failure("task", "add", "  ") == "error: title is required: what is there to do?\n"


def test_done_takes_a_task_off_the_agenda_for_good():
    task = add("Call Ada")
    assert ok("task", "done", str(task.pk)) == f"Done: task {task.pk} (Call Ada).\n"
    task.refresh_from_db()
    assert task.status == "done" and task.completed_at is not None
    assert agenda() == []
    assert agenda("2026-04-01") == []


def test_dismiss_takes_a_task_off_the_agenda_and_reopen_brings_it_back():
    task = add("Call Ada")
    assert ok("task", "dismiss", str(task.pk)) == f"Dismissed: task {task.pk} (Call Ada).\n"
    task.refresh_from_db()
    assert task.status == "dismissed"
    assert agenda() == []
    assert ok("task", "reopen", str(task.pk)) == f"Reopened: task {task.pk} (Call Ada).\n"
    assert [item["id"] for item in agenda()] == [task.pk]


def test_snooze_defaults_to_tomorrow():
    task = add("Call Ada")
    assert ok("task", "snooze", str(task.pk)) == (
        f"Snoozed until Tue 3 Mar 2026: task {task.pk} (Call Ada).\n"
    )
    task.refresh_from_db()
    assert task.snoozed_until == dt.date(2026, 3, 3) and task.status == "open"
    assert agenda() == []
    assert [item["id"] for item in agenda("2026-03-03")] == [task.pk]


def test_snooze_until_a_day_hides_the_task_until_then():
    task = add("Call Ada")
    data = json.loads(ok("task", "snooze", str(task.pk), "--until", "2026-03-09", "--json"))
    assert data["snoozed_until"] == "2026-03-09"
    assert agenda("2026-03-08") == []
    assert [item["id"] for item in agenda("2026-03-09")] == [task.pk]


def test_snooze_refuses_today_a_bad_date_and_a_closed_task():
    task = add("Call Ada")
    assert failure("task", "snooze", str(task.pk), "--until", "2026-03-02") == (
        "error: until: snooze to a day after today (Mon 2 Mar 2026).\n"
    )
    assert failure("task", "snooze", str(task.pk), "--until", "next week").startswith(
        "error: --until: 'next week' is not a date"
    )
    ok("task", "done", str(task.pk))
    assert failure("task", "snooze", str(task.pk)) == (
        f"error: task {task.pk} is already done; nothing to snooze.\n"
    )
    task.refresh_from_db()
    assert task.snoozed_until is None


@pytest.mark.parametrize("action", ["done", "snooze", "dismiss", "reopen"])
def test_an_unknown_task_id_is_one_line(action):
    assert failure("task", action, "999") == (
        "error: task: no task with id '999'; `followthrough today` lists them.\n"
    )


def test_another_owners_task_cannot_be_touched(outsider):
    theirs = Task.objects.create(owner=outsider, title="Private", due=TODAY)
    assert "no task with id" in failure("task", "done", str(theirs.pk))
    theirs.refresh_from_db()
    assert theirs.status == "open"
    assert agenda() == []


def test_today_json_lists_what_is_due_with_the_contract_fields():
    ok("person", "add", "Ada Lovelace")
    ada = Person.objects.get()
    late = add("Send the references", "--due", "2026-02-27", "--person", "Ada")
    now = add("Call Bo")
    add("Later", "--due", "2026-03-05")
    items = agenda()
    assert [item["id"] for item in items] == [late.pk, now.pk]
    assert items[0] == {
        "id": late.pk,
        "due": "2026-02-27",
        "rule": "manual",
        "title": "Send the references",
        "reason": "",
        "person": "Ada Lovelace",
        "person_id": ada.pk,
        "opportunity": None,
        "opportunity_id": None,
        "overdue_days": 3,
    }


def test_today_on_a_date_computes_the_agenda_as_of_that_day():
    early = add("Early", "--due", "2026-03-01")
    later = add("Later", "--due", "2026-03-05")
    assert [item["id"] for item in agenda("2026-02-28")] == []
    assert [item["id"] for item in agenda("2026-03-05")] == [early.pk, later.pk]
    assert agenda("2026-03-05")[0]["overdue_days"] == 4


def wide(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "160"})
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def narrow(*args: str, columns: int = 80) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def test_today_at_80_columns_is_a_list_that_wraps_at_word_boundaries(small_ids):
    ok("person", "add", "Ada Lovelace")
    late = add("Send the references", "--due", "2026-02-27", "--person", "Ada")
    now = add(
        "Send Emil Yilmaz a thank-you note",
        "--reason",
        "You interviewed with Emil Yilmaz on Mar 1; thank-you notes are due within a day,"
        " and nobody sends them.",
    )
    bare = add("Call Bo")

    out = narrow("today")

    assert out == (
        "Overdue (1)\n"
        f"  {late.pk}  Manual  Send the references\n"
        "             Due Fri 27 Feb 2026, 3 days late · Ada Lovelace\n"
        "Due Mon 2 Mar 2026 (2)\n"
        f"  {now.pk}  Manual  Send Emil Yilmaz a thank-you note\n"
        "             You interviewed with Emil Yilmaz on Mar 1; thank-you notes are due\n"
        "             within a day, and nobody sends them.\n"
        f"  {bare.pk}  Manual  Call Bo\n"
        "\n"
        "followthrough task done ID · task snooze ID --until DATE · draft ID\n"
    )
    assert all(len(line) <= 80 for line in out.splitlines())


def test_today_in_a_very_narrow_terminal_still_breaks_only_between_words():
    add("Update the portfolio case study on the checkout redesign",
        "--reason", "Northwind and Cedar & Pine both asked to see it.")

    out = narrow("today", columns=40)

    words = {word for line in out.splitlines() for word in line.split()}
    assert {"portfolio", "checkout", "redesign", "Northwind", "Cedar"} <= words
    assert max(len(line) for line in out.splitlines()[:-1]) <= 40


def test_today_at_120_columns_or_more_groups_overdue_and_due_today_in_plain_tables():
    ok("person", "add", "Ada")
    late = add("Send the references", "--due", "2026-02-27", "--person", "Ada")
    now = add("Call Bo", "--reason", "Promised.")
    out = wide("today")
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert lines[0].strip() == "Overdue (1)"
    due_header = lines.index(next(line for line in lines if line.startswith("Due Mon 2 Mar 2026")))
    assert lines[due_header].strip() == "Due Mon 2 Mar 2026 (1)"
    overdue_part, today_part = "\n".join(lines[:due_header]), "\n".join(lines[due_header:])
    assert f"{late.pk}" in overdue_part and "Send the references" in overdue_part
    assert "Ada" in overdue_part and "Fri 27 Feb 2026" in overdue_part
    assert "Call Bo" in today_part and "Promised." in today_part and f"{now.pk}" in today_part
    assert out.endswith(
        "\nfollowthrough task done ID · task snooze ID --until DATE · draft ID\n"
    )


def test_today_says_so_when_nothing_is_due():
    assert ok("today") == (
        "Nothing is due on Mon 2 Mar 2026. A good day to reach out to someone just to connect.\n"
    )
    assert ok("today", "--on", "2026-03-09").startswith("Nothing is due on Mon 9 Mar 2026.")


def test_today_uses_the_owners_time_zone():
    owner = local_owner()
    owner.workspace.time_zone = "Pacific/Auckland"
    owner.workspace.save()
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        # 12:00 UTC on 2 March is 01:00 on 3 March in Auckland.
        add("Due on the 3rd", "--due", "2026-03-03")
        assert [item["title"] for item in agenda()] == ["Due on the 3rd"]
        assert ok("task", "add", "No date").endswith("due Tue 3 Mar 2026.\n")


def test_today_refuses_a_bad_date():
    assert failure("today", "--on", "someday").startswith(
        "error: --on: 'someday' is not a date; write it as YYYY-MM-DD"
    )


def test_today_asks_the_agenda_refreshers_for_the_day_shown(monkeypatch):
    seen = []
    monkeypatch.setattr(task_services, "AGENDA_REFRESHERS", [lambda owner, on: seen.append(on)])
    agenda("2026-03-12")
    ok("today")
    assert seen == [dt.date(2026, 3, 12), TODAY]


def test_a_long_backlog_is_a_list_at_any_width(monkeypatch):
    """A table is drawn cell by cell: past ``TABLE_MAX`` items, the list, every item in it."""
    from followthrough.cli import tasks as cli_tasks

    monkeypatch.setattr(cli_tasks, "TABLE_MAX", 2)
    made = [add(f"Write to person {n}", "--due", "2026-02-27") for n in range(3)]

    out = wide("today")

    assert "│" not in out and "─" not in out
    assert out.startswith("Overdue (3)\n")
    for task in made:
        assert f"  {task.pk}  Manual  Write to person" in out
