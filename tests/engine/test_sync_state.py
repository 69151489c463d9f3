"""The sync state lives in the database: a row per owner, a change counter kept by triggers."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection

from followthrough.tracker import sync_state
from followthrough.tracker.models import (
    Interaction,
    Opportunity,
    OpportunityPerson,
    Organization,
    Person,
    Rule,
    StageChange,
    SyncState,
    Task,
    Workspace,
)

from .conftest import d, frozen


@pytest.fixture
def ana(search):
    ana = search.person("Ana Ruiz")
    search.log("interview", ana, "Mar 2")
    return ana


def _change(owner) -> int:
    return SyncState.objects.get(owner=owner).change


def test_the_sync_records_the_day_the_change_and_what_it_did(search, ana):
    with frozen(d("Mar 3")):
        assert sync_state.refresh(search.owner, d("Mar 3")) is True

    state = SyncState.objects.get(owner=search.owner)
    assert state.synced_day == d("Mar 3")
    assert state.synced_change == state.change  # its own task writes included
    assert state.synced_engine == sync_state.engine_fingerprint()
    assert state.created >= 1 and state.synced_at is not None
    assert sync_state.is_fresh(search.owner, d("Mar 3"))
    assert not sync_state.is_fresh(search.owner, d("Mar 4"))


def test_every_table_the_rules_read_counts_a_change_however_it_is_written(search, ana):
    search.agenda("Mar 3")
    opp = search.opportunity("Designer", "Acme")
    search.involve(opp, ana, "recruiter")
    owner = search.owner
    tables = [
        (Person, Person.objects.filter(owner=owner)),
        (Interaction, Interaction.objects.filter(owner=owner)),
        (Opportunity, Opportunity.objects.filter(owner=owner)),
        (Organization, Organization.objects.filter(owner=owner)),
        (Task, Task.objects.filter(owner=owner)),
        (Workspace, Workspace.objects.filter(owner=owner)),
        (OpportunityPerson, OpportunityPerson.objects.filter(opportunity=opp)),
        (StageChange, StageChange.objects.filter(opportunity=opp)),
        (Interaction.people.through, Interaction.people.through.objects.filter(person=ana)),
    ]
    for model, rows in tables:
        pk = rows.values_list("pk", flat=True).first()
        assert pk is not None, model
        before = _change(owner)
        with connection.cursor() as cursor:  # as another program would: plain SQL
            table = connection.ops.quote_name(model._meta.db_table)
            column = connection.ops.quote_name(model._meta.pk.column)
            cursor.execute(f"UPDATE {table} SET {column} = {column} WHERE {column} = %s", [pk])
        assert _change(owner) > before, model


def test_an_update_that_leaves_updated_at_alone_is_seen(search, ana):
    search.agenda("Mar 3")

    Person.objects.filter(pk=ana.pk).update(name="Ana R.")

    (item,) = search.agenda("Mar 3", Rule.THANK_YOU)
    assert item.title == "Send Ana R. a thank-you note"


def test_another_owner_s_changes_do_not_count(search, ana, django_user_model):
    search.agenda("Mar 3")
    other = django_user_model.objects.create(username="other")
    Workspace.objects.create(owner=other)
    SyncState.objects.create(owner=other)

    Person.objects.create(owner=other, name="Zoe")

    assert sync_state.is_fresh(search.owner, d("Mar 3"))
    assert _change(other) > 0


def test_new_rules_make_the_next_agenda_sync(search, ana, monkeypatch):
    search.agenda("Mar 3")
    from followthrough import engine_fingerprint

    monkeypatch.setattr(engine_fingerprint, "_fingerprint", "an older engine")

    assert not sync_state.is_fresh(search.owner, d("Mar 3"))
    with frozen(d("Mar 3")):
        assert sync_state.refresh(search.owner, d("Mar 3")) is True
    monkeypatch.undo()
    assert not sync_state.is_fresh(search.owner, d("Mar 3"))  # the state names the older one


def test_an_owner_without_a_state_row_gets_one_on_the_first_sync(search, ana):
    SyncState.objects.filter(owner=search.owner).delete()

    with frozen(d("Mar 3")):
        assert sync_state.refresh(search.owner, d("Mar 3")) is True
        assert sync_state.refresh(search.owner, d("Mar 3")) is False


def test_the_triggers_are_made_again_after_a_migrate(search, ana):
    """SQLite loses a table's triggers when a migration rebuilds it, so every migrate
    drops them first and makes them all again after (``tracker.triggers``)."""
    from django.db.models.signals import post_migrate, pre_migrate

    from followthrough.tracker import triggers

    def count() -> int:
        with connection.cursor() as cursor:
            return len(triggers._existing(cursor, connection.vendor))

    made = triggers.statements(connection.vendor)
    expected = sum(1 for statement in made if statement.startswith("CREATE TRIGGER"))
    assert expected >= 3 * (len(triggers.OWNED) + len(triggers.CHILDREN))
    assert count() == expected  # the test database was made by migrate
    search.agenda("Mar 3")
    before = _change(search.owner)
    tracker = apps.get_app_config("tracker")

    pre_migrate.send(sender=tracker, app_config=tracker, using=connection.alias)
    assert count() == 0
    post_migrate.send(sender=tracker, app_config=tracker, using=connection.alias)

    assert count() == expected
    assert _change(search.owner) > before  # whatever the migration did, the agenda syncs
    Person.objects.filter(owner=search.owner).update(name="Ana R.")
    assert _change(search.owner) == before + 2
