"""Issue 12: what changed since the last sync (``SyncDirty``), what the rules read of a
person's whole history (``PersonFacts``), the sync's own state and indexes for it.

The triggers that fill the new tables are made after every migrate (``tracker.triggers``).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tracker', '0009_merge_interaction_body'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PersonFacts',
            fields=[
                ('person', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='facts', serialize=False, to='tracker.person')),
                ('last_contact', models.DateField(blank=True, null=True)),
                ('helps', models.IntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='SyncDirty',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(max_length=1)),
                ('ref', models.BigIntegerField(default=0)),
                ('synced', models.BigIntegerField(blank=True, null=True)),
            ],
        ),
        migrations.AddField(
            model_name='syncstate',
            name='incremental',
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name='syncstate',
            name='kept_since',
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='syncstate',
            name='synced_start',
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name='opportunity',
            index=models.Index(fields=['owner', 'stage'], name='opportunity_owner_stage'),
        ),
        migrations.AddIndex(
            model_name='task',
            index=models.Index(fields=['owner', 'status', 'rule'], name='task_owner_status_rule'),
        ),
        migrations.AddField(
            model_name='syncdirty',
            name='owner',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddConstraint(
            model_name='syncdirty',
            constraint=models.UniqueConstraint(fields=('owner', 'kind', 'ref'), name='syncdirty_unique'),
        ),
    ]
