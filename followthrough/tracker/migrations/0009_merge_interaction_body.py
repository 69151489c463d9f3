from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0005_issue13ui_interaction_body"),
        ("tracker", "0008_task_rule_choices"),
    ]

    operations = []
