# The daily digest's claim becomes a lease (issue 10): a day is marked sent
# only after the mail server accepted it.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("digest", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="digestsettings",
            name="claimed_on",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="digestsettings",
            name="claimed_until",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
