"""A restore writes with the change triggers off, then says once what they would have noted.

(Issue 12: the triggers made a big restore a third slower.) After a restore, or a
failed one, the kept facts equal fresh aggregates, the next sync is a full one,
the agenda is what a rebuild gives, and the triggers work again.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection

from followthrough.backup.restore import clear, restore
from followthrough.tracker import person_facts, sync_state, triggers
from followthrough.tracker.models import (
    Interaction,
    Person,
    PersonFacts,
    SyncDirty,
    SyncState,
    Task,
    TaskStatus,
)
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.interactions import LogInput, log_interaction

from .conftest import TODAY, build_workspace, export_text
from .test_json_backup import _with


def restore_text(owner, text: str, **kwargs) -> dict:
    return restore(owner, io.StringIO(text), name="backup.json", **kwargs)


def open_tasks(owner) -> set[tuple]:
    return set(
        Task.objects.filter(owner=owner, status=TaskStatus.OPEN)
        .values_list("key", "rule", "due", "title", "reason", "person_id", "opportunity_id")
    )  # fmt: skip


def change(owner) -> int | None:
    return sync_state.current_change(owner)


def full_sync_noted(owner) -> bool:
    return SyncDirty.objects.filter(
        owner_id=owner.pk, kind=SyncDirty.FULL, synced__isnull=True
    ).exists()


@pytest.fixture(autouse=True)
def every_trigger(db):
    """Every trigger is there after each test, as before it (SQLite drops them for a
    restore and makes them again in its transaction)."""
    before = triggers.names(connection)
    assert before
    yield before
    assert triggers.names(connection) == before


def assert_triggers_fire(owner) -> None:
    """A write after the restore is counted and kept in the facts, as ever."""
    sync_state.refresh(owner, TODAY)
    before = change(owner)
    person = Person.objects.filter(owner=owner).order_by("pk").first()
    log_interaction(owner, LogInput("coffee", [person], on=TODAY), TODAY)
    assert change(owner) > before
    assert PersonFacts.objects.get(person=person).last_contact == TODAY
    assert person_facts.stale(connection, owner.pk) == []


def test_the_restored_peoples_facts_equal_fresh_aggregates(owner, sam_data, fresh):
    restore_text(fresh, export_text(owner))

    assert person_facts.stale(connection, fresh.pk) == []
    assert PersonFacts.objects.filter(person__owner=fresh).count() == 3


def test_the_sync_after_a_restore_is_full_and_gives_the_agenda_of_a_rebuild(
    owner, sam_data, fresh
):
    restore_text(fresh, export_text(owner))
    assert full_sync_noted(fresh)

    assert sync_state.refresh(fresh, TODAY) is True
    assert sync_state.last_sync(fresh)["incremental"] is False
    synced = open_tasks(fresh)
    assert any(rule for _, rule, *_ in synced)  # the rules made tasks, not just the file's
    sync_state.rebuild(fresh, TODAY)
    assert open_tasks(fresh) == synced


def test_a_replace_moves_the_counter_on_so_every_process_syncs_again(owner, sam_data, fresh):
    build_workspace(fresh)
    sync_state.refresh(fresh, TODAY)
    assert sync_state.is_fresh(fresh, TODAY)
    before = change(fresh)

    restore_text(fresh, export_text(owner), replace=True)

    assert change(fresh) > before
    assert not sync_state.is_fresh(fresh, TODAY)
    assert full_sync_noted(fresh)
    assert person_facts.stale(connection, fresh.pk) == []
    assert not PersonFacts.objects.exclude(person_id__in=Person.objects.values("id")).exists()


def test_a_replace_leaves_the_others_facts_and_counter_alone(owner, sam_data, fresh, outsider):
    build_workspace(outsider)
    sync_state.refresh(outsider, TODAY)
    facts = sorted(PersonFacts.objects.filter(person__owner=outsider).values_list())
    before = change(outsider)

    restore_text(fresh, export_text(owner))

    assert sorted(PersonFacts.objects.filter(person__owner=outsider).values_list()) == facts
    assert change(outsider) == before
    assert sync_state.is_fresh(outsider, TODAY)


def test_the_triggers_work_again_after_a_restore(owner, sam_data, fresh):
    restore_text(fresh, export_text(owner))

    assert_triggers_fire(fresh)


def test_a_failed_restore_leaves_the_data_and_the_triggers_as_they_were(owner, sam_data, fresh):
    build_workspace(fresh)
    sync_state.refresh(fresh, TODAY)
    facts = sorted(PersonFacts.objects.filter(person__owner=fresh).values_list())
    before = change(fresh)
    text = _with(export_text(owner), "tasks", 3, due="soon")

    with pytest.raises(InputError):
        restore_text(fresh, text, replace=True)

    assert sorted(PersonFacts.objects.filter(person__owner=fresh).values_list()) == facts
    assert change(fresh) == before
    assert not full_sync_noted(fresh)
    assert_triggers_fire(fresh)


def test_a_file_that_is_no_backup_changes_nothing(fresh):
    sync_state.refresh(fresh, TODAY)
    before = change(fresh)

    with pytest.raises(InputError):
        restore_text(fresh, '{"format": "something else"}')

    assert not full_sync_noted(fresh)
    assert change(fresh) == before


def test_clearing_a_workspace_notes_a_full_sync(owner, sam_data):
    sync_state.refresh(owner, TODAY)
    before = change(owner)

    clear(owner)

    assert not Interaction.objects.filter(owner=owner).exists()
    assert not PersonFacts.objects.filter(person__owner=owner).exists()
    assert change(owner) > before
    assert full_sync_noted(owner)
    assert SyncState.objects.filter(owner_id=owner.pk).exists()


def test_the_pause_needs_a_transaction():
    from followthrough.tracker.trigger_pause import paused

    class Outside:
        in_atomic_block = False
        vendor = connection.vendor

    with pytest.raises(RuntimeError), paused(Outside()):
        pass


def test_no_trigger_fires_while_paused_and_all_do_after(owner, sam_data):
    from django.db import transaction

    from followthrough.tracker.trigger_pause import paused

    ada = sam_data["ada"]
    facts = PersonFacts.objects.get(person=ada).last_contact
    before = change(owner)
    with transaction.atomic(), paused(connection):
        log_interaction(owner, LogInput("coffee", [ada], on=TODAY), TODAY)
        assert change(owner) == before
        assert PersonFacts.objects.get(person=ada).last_contact == facts
    assert person_facts.stale(connection, owner.pk) == [ada.pk]
    person_facts.recompute(connection, owner.pk)
    assert_triggers_fire(owner)


def test_stale_names_a_person_whose_kept_facts_are_wrong(owner, sam_data):
    ada = sam_data["ada"]
    PersonFacts.objects.filter(person=ada).update(helps=9)

    assert person_facts.stale(connection, owner.pk) == [ada.pk]


def test_the_sync_after_a_restore_consumes_its_note(owner, sam_data, fresh):
    restore_text(fresh, export_text(owner))
    sync_state.refresh(fresh, TODAY + dt.timedelta(days=1))

    assert not full_sync_noted(fresh)
