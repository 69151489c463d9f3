"""The agenda skips the sync when nothing changed, and never when something did."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followthrough import engine
from followthrough.tracker import sync_state as freshness
from followthrough.tracker.models import Interaction, Rule, Task
from followthrough.tracker.services import tasks
from followthrough.tracker.services.interactions import delete_interaction
from followthrough.tracker.services.people import PersonInput, update_person

from .conftest import d, frozen


@pytest.fixture
def ana(search):
    ana = search.person("Ana Ruiz")
    search.log("interview", ana, "Mar 2")
    return ana


def _refresh(search, on: str = "Mar 3") -> bool:
    with frozen(d(on)):
        return freshness.refresh(search.owner, d(on))


def test_the_agenda_is_registered_through_the_freshness_check():
    assert freshness.refresh in tasks.AGENDA_REFRESHERS
    assert engine.sync not in tasks.AGENDA_REFRESHERS


def test_a_second_agenda_with_nothing_changed_skips_the_sync(search, ana):
    assert _refresh(search) is True

    with CaptureQueriesContext(connection) as queries:
        assert _refresh(search) is False

    assert len(queries) == 1  # the sync state, nothing else
    assert not any("SAVEPOINT" in q["sql"] or "BEGIN" in q["sql"] for q in queries)
    (item,) = search.agenda("Mar 3", Rule.THANK_YOU)
    assert item.person_id == ana.pk


def test_another_day_syncs_again(search, ana):
    """The state remembers the last day synced (``today --on`` another day costs a sync)."""
    assert _refresh(search, "Mar 3") is True
    assert _refresh(search, "Mar 4") is True
    assert _refresh(search, "Mar 4") is False
    assert _refresh(search, "Mar 3") is True


def test_a_logged_interaction_makes_the_next_agenda_sync(search, ana):
    assert [i.person_id for i in search.agenda("Mar 3", Rule.THANK_YOU)] == [ana.pk]

    search.log("email", ana, "Mar 3", summary="Thank you")

    assert search.agenda("Mar 3", Rule.THANK_YOU) == []


def test_a_deleted_interaction_brings_its_task_back(search, ana):
    search.log("email", ana, "Mar 3", summary="Thank you")
    assert search.agenda("Mar 3", Rule.THANK_YOU) == []

    delete_interaction(search.owner, Interaction.objects.get(owner=search.owner, kind="email"))

    assert [i.person_id for i in search.agenda("Mar 3", Rule.THANK_YOU)] == [ana.pk]


def test_a_rename_within_the_same_clock_tick_is_seen(search, ana):
    search.agenda("Mar 3")
    with frozen(d("Mar 3")):  # the very instant of the sync: updated_at cannot tell
        update_person(search.owner, ana, PersonInput(name="Ana Ruiz-Diaz"))

    (item,) = search.agenda("Mar 3", Rule.THANK_YOU)
    assert item.title == "Send Ana Ruiz-Diaz a thank-you note"


def test_a_changed_setting_is_seen(search, ana):
    assert search.agenda("Mar 3", Rule.THANK_YOU) != []

    search.workspace(mode="landed")  # the job-search rules rest

    assert search.agenda("Mar 3", Rule.THANK_YOU) == []


def test_a_change_made_by_another_process_is_seen(search, ana):
    """No signal reaches this process: the database's change counter alone tells."""
    assert search.agenda("Mar 3", Rule.THANK_YOU) != []
    email = search.log("email", ana, "Mar 3").interaction
    assert search.agenda("Mar 3", Rule.THANK_YOU) == []

    with connection.cursor() as cursor:  # as another process would: plain SQL
        through = Interaction.people.through._meta.db_table
        cursor.execute(f"DELETE FROM {through} WHERE interaction_id = %s", [email.pk])
        cursor.execute(f"DELETE FROM {Interaction._meta.db_table} WHERE id = %s", [email.pk])

    assert [i.person_id for i in search.agenda("Mar 3", Rule.THANK_YOU)] == [ana.pk]


def test_an_update_that_touches_updated_at_is_seen(search, ana):
    search.agenda("Mar 3")
    later = dt.datetime(2026, 3, 3, 13, tzinfo=dt.UTC)

    ana.__class__.objects.filter(pk=ana.pk).update(name="Ana R.", updated_at=later)

    (item,) = search.agenda("Mar 3", Rule.THANK_YOU)
    assert item.title == "Send Ana R. a thank-you note"


def test_a_skipped_sync_gives_the_same_agenda_as_a_full_one(search, ana):
    ben = search.person("Ben Okafor", cadence_days=7)
    search.log("email", ben, "Feb 20", awaiting_reply=True)
    first = search.agenda("Mar 3")

    skipped = search.agenda("Mar 3")
    engine.sync(search.owner, d("Mar 3"))
    full = tasks.agenda(search.owner, d("Mar 3"))

    assert skipped == first == full
    assert {i.rule for i in full} >= {Rule.THANK_YOU, Rule.NUDGE, Rule.KEEP_IN_TOUCH}


def test_forget_makes_the_next_agenda_sync(search, ana):
    assert _refresh(search) is True
    freshness.forget(search.owner, d("Mar 3"))
    assert _refresh(search) is True


def test_a_done_task_stays_done_when_the_sync_is_skipped(search, ana):
    (item,) = search.agenda("Mar 3", Rule.THANK_YOU)
    with frozen(d("Mar 3")):
        tasks.complete(search.owner, Task.objects.get(pk=item.id))

    assert search.agenda("Mar 3", Rule.THANK_YOU) == []
    assert search.agenda("Mar 3", Rule.THANK_YOU) == []
