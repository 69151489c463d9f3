"""The agenda's sync state: a row per owner, and the triggers that count changes.

Every insert, update and delete of what the etiquette rules read bumps the
owner's ``tracker_syncstate.change`` in the same transaction (SQLite: a trigger
per row; PostgreSQL: a trigger per statement over its transition table), so a
process can tell in one read whether anything changed since the last sync.
"""

from django.conf import settings
from django.db import migrations, models

STATE = "tracker_syncstate"
OWNED = ["tracker_person", "tracker_interaction", "tracker_opportunity",
         "tracker_organization", "tracker_task", "tracker_workspace"]
# Tables without an owner column: (table, parent column, parent table).
CHILDREN = [
    ("tracker_opportunityperson", "opportunity_id", "tracker_opportunity"),
    ("tracker_stagechange", "opportunity_id", "tracker_opportunity"),
    ("tracker_interaction_people", "interaction_id", "tracker_interaction"),
]
EVENTS = {"insert": "NEW", "update": "NEW", "delete": "OLD"}


def _name(table: str, event: str) -> str:
    return f"ft_change_{table.removeprefix('tracker_')}_{event}"


def _sqlite(forward: bool) -> list[str]:
    statements = []
    for table, parent in [(t, None) for t in OWNED] + [(c[0], c[1:]) for c in CHILDREN]:
        for event, row in EVENTS.items():
            name = _name(table, event)
            if not forward:
                statements.append(f"DROP TRIGGER IF EXISTS {name}")
                continue
            if parent is None:
                owner = f"{row}.owner_id"
            else:
                column, parent_table = parent
                owner = f"(SELECT owner_id FROM {parent_table} WHERE id = {row}.{column})"
            statements.append(
                f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} FOR EACH ROW "
                f"BEGIN UPDATE {STATE} SET change = change + 1 WHERE owner_id = {owner}; END"
            )
    return statements


def _postgresql(forward: bool) -> list[str]:
    functions = {"ft_bump_owned": "SELECT owner_id FROM ft_changed"}
    for _table, column, parent_table in CHILDREN:
        functions[f"ft_bump_via_{column}"] = (
            f"SELECT owner_id FROM {parent_table} WHERE id IN (SELECT {column} FROM ft_changed)"
        )
    statements = []
    for table, parent in [(t, None) for t in OWNED] + [(c[0], c[1]) for c in CHILDREN]:
        for event, row in EVENTS.items():
            name = _name(table, event)
            if not forward:
                statements.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                continue
            function = "ft_bump_owned" if parent is None else f"ft_bump_via_{parent}"
            transition = "NEW TABLE" if row == "NEW" else "OLD TABLE"
            statements.append(
                f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} "
                f"REFERENCING {transition} AS ft_changed FOR EACH STATEMENT "
                f"EXECUTE FUNCTION {function}()"
            )
    if not forward:
        return statements + [f"DROP FUNCTION IF EXISTS {name}()" for name in functions]
    return [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN UPDATE {STATE} SET change = change + 1 WHERE owner_id IN ({owners}); "
        f"RETURN NULL; END $$"
        for name, owners in functions.items()
    ] + statements


def _triggers(schema_editor, forward: bool) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = _sqlite(forward)
    elif vendor == "postgresql":
        statements = _postgresql(forward)
    else:  # another database: no triggers, the agenda syncs every time
        return
    for statement in statements:
        schema_editor.execute(statement)


def create_triggers(apps, schema_editor):
    _triggers(schema_editor, True)
    schema_editor.execute(
        f"INSERT INTO {STATE} (owner_id, change, created, updated, removed, synced_engine) "
        "SELECT owner_id, 0, 0, 0, 0, '' FROM tracker_workspace"
    )


def drop_triggers(apps, schema_editor):
    _triggers(schema_editor, False)


class Migration(migrations.Migration):

    dependencies = [
        ('tracker', '0004_change_marker_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SyncState',
            fields=[
                ('owner', models.OneToOneField(on_delete=models.deletion.CASCADE, primary_key=True, related_name='sync_state', serialize=False, to=settings.AUTH_USER_MODEL)),
                ('change', models.BigIntegerField(default=0)),
                ('synced_change', models.BigIntegerField(blank=True, null=True)),
                ('synced_day', models.DateField(blank=True, null=True)),
                ('synced_engine', models.CharField(blank=True, max_length=40)),
                ('synced_at', models.DateTimeField(blank=True, null=True)),
                ('created', models.PositiveIntegerField(default=0)),
                ('updated', models.PositiveIntegerField(default=0)),
                ('removed', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
