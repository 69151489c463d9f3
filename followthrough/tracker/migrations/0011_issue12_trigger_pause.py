"""Issue 12: the trigger functions (PostgreSQL) read ``followthrough.quiet`` first, so a
restore can pause them (``tracker.trigger_pause``).

Nothing to do here: the triggers and their functions are made again after every
migrate (``tracker.triggers``); this migration is what makes an upgraded install
migrate (the CLI migrates when a migration is missing).
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('tracker', '0010_issue12_sync_dirty'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop),
    ]
