"""The agenda's sync state: a row per owner, and the triggers that count changes.

The triggers themselves: ``followthrough.tracker.triggers``.

Every insert, update and delete of what the etiquette rules read bumps the
owner's ``tracker_syncstate.change`` in the same transaction (SQLite: a trigger
per row; PostgreSQL: a trigger per statement over its transition table), so a
process can tell in one read whether anything changed since the last sync.
"""

from django.conf import settings
from django.db import migrations, models


def create_triggers(apps, schema_editor):
    # Nothing here: the triggers are made after every migrate, once every table
    # has its final shape (see followthrough/tracker/triggers.py for why).
    pass


def drop_triggers(apps, schema_editor):
    from followthrough.tracker import triggers

    triggers.drop(schema_editor.connection)


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
