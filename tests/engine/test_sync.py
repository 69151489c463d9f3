"""Rule items become tasks: stable, never resurrected, snoozes kept, fast and owner-scoped."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followthrough import engine
from followthrough.tracker.models import Rule, Task, TaskStatus
from followthrough.tracker.services import tasks
from followthrough.tracker.services.people import PersonInput, update_person

from .conftest import Search, d, frozen


@pytest.fixture
def ana(search):
    ana = search.person("Ana Ruiz")
    search.log("interview", ana, "Mar 2")
    return ana


def _thank_you(search, on="Mar 3"):
    return [i for i in search.agenda(on, Rule.THANK_YOU)]


def test_the_agenda_shows_rule_items_as_tasks_with_their_reason(search, ana):
    (item,) = _thank_you(search)

    task = Task.objects.get(pk=item.id)
    assert (task.rule, task.key, task.status) == (Rule.THANK_YOU, task.key, TaskStatus.OPEN)
    assert task.key.startswith("thank-you:") and task.person_id == ana.pk
    assert item.as_json()["reason"] == task.reason


def test_a_done_rule_task_never_comes_back(search, ana):
    (item,) = _thank_you(search)
    with frozen(d("Mar 3")):
        tasks.complete(search.owner, Task.objects.get(pk=item.id))

    assert _thank_you(search, "Mar 4") == []
    assert search.items("Mar 4", Rule.THANK_YOU) != []  # the rule still says so; the task wins
    assert Task.objects.get(pk=item.id).status == TaskStatus.DONE


def test_a_dismissed_rule_task_never_comes_back(search, ana):
    (item,) = _thank_you(search)
    tasks.dismiss(search.owner, Task.objects.get(pk=item.id))

    for day in ("Mar 3", "Mar 5", "Mar 10"):
        assert _thank_you(search, day) == []
    assert Task.objects.filter(owner=search.owner, rule=Rule.THANK_YOU).count() == 1


def test_a_snooze_sticks_and_the_task_returns_on_the_day(search, ana):
    (item,) = _thank_you(search)
    tasks.snooze(search.owner, Task.objects.get(pk=item.id), d("Mar 6"), today=d("Mar 3"))

    assert _thank_you(search, "Mar 4") == []
    (back,) = _thank_you(search, "Mar 6")
    assert back.id == item.id
    assert Task.objects.get(pk=item.id).snoozed_until == d("Mar 6")


def test_the_item_is_stable_as_facts_grow(search, ana):
    (item,) = _thank_you(search)
    ben = search.person("Ben Okafor")
    search.log("email", ben, "Mar 3", awaiting_reply=True)
    search.log("coffee", ben, "Mar 4")
    search.opportunity("Analyst", "Beta")

    (again,) = [i for i in _thank_you(search, "Mar 5") if i.person_id == ana.pk]
    assert again.id == item.id and again.due == d("Mar 3")


def test_a_handled_item_quietly_goes_and_the_interaction_is_the_record(search, ana):
    (item,) = _thank_you(search)
    search.log("email", ana, "Mar 3", summary="Thank you")

    assert _thank_you(search) == []
    assert not Task.objects.filter(pk=item.id).exists()


def test_a_renamed_person_is_renamed_in_their_open_task(search, ana):
    (item,) = _thank_you(search)
    update_person(search.owner, ana, PersonInput(name="Ana Ruiz-Diaz"))

    (again,) = _thank_you(search, "Mar 4")
    assert again.id == item.id
    assert again.title == "Send Ana Ruiz-Diaz a thank-you note"


def test_a_second_sync_writes_nothing(search, ana):
    assert engine.sync(search.owner, d("Mar 3")).created >= 1

    with CaptureQueriesContext(connection) as queries:
        result = engine.sync(search.owner, d("Mar 3"))

    assert result == engine.SyncResult(created=0, updated=0, removed=0)
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


def test_looking_at_a_past_day_does_not_remove_later_tasks(search, ana):
    (item,) = _thank_you(search)

    search.agenda("Feb 20")

    assert Task.objects.filter(pk=item.id, status=TaskStatus.OPEN).exists()


def test_another_owners_interviews_never_reach_this_agenda(search, outsider, ana):
    olive = Search(outsider)
    olives_contact = olive.person("Ana Ruiz")
    olive.log("interview", olives_contact, "Mar 2")

    assert [i.person_id for i in _thank_you(search)] == [ana.pk]
    assert [i.person_id for i in olive.agenda("Mar 3", Rule.THANK_YOU)] == [olives_contact.pk]


def _busy_search(owner, n: int) -> None:
    """``n`` interviewers (a thank-you and a give-first each) and ``n`` other contacts
    (a nudge, a birthday and a keep-in-touch each)."""
    search = Search(owner)
    search.workspace(buddy_name="Bea Lund")
    opp = search.opportunity("Designer", "Acme", stage="interviewing")
    for k in range(n):
        person = search.person(f"Person {k}")
        search.log("interview", person, "Mar 2", opportunity=opp)
        search.log("email", person, "Feb 2", asked=True)
        search.log("email", person, "Feb 3", asked=True)
        contact = search.person(f"Contact {k}", cadence_days=7, birthday="--03-03")
        search.log("email", contact, "Feb 24", awaiting_reply=True)


def _agenda_queries(owner, on: dt.date) -> tuple[int, int, int]:
    """(queries other than inserts on the first call, queries on the next, items)."""
    with CaptureQueriesContext(connection) as first, frozen(on):
        items = tasks.agenda(owner, on)
    with CaptureQueriesContext(connection) as second, frozen(on):
        tasks.agenda(owner, on)
    # New tasks are inserted in batches (SQLite binds at most 999 values a query),
    # so only the inserts of the very first sync depend on how much is new.
    reads = [q for q in first if not q["sql"].lstrip().upper().startswith("INSERT")]
    return len(reads), len(second), len(items)


def test_the_agendas_query_count_does_not_grow_with_people(owner, outsider):
    _busy_search(owner, 10)
    _busy_search(outsider, 100)

    few = _agenda_queries(owner, d("Mar 3"))
    many = _agenda_queries(outsider, d("Mar 3"))

    # Each contact's birthday covers their keep-in-touch item: 4 items per k, not 5.
    assert (few[2], many[2]) == (10 * 4 + 2, 100 * 4 + 2)  # + momentum, buddy-summary
    assert few[:2] == many[:2]
    assert few[1] <= 15
