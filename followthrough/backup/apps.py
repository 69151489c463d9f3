from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "followthrough.backup"
    label = "backup"
    verbose_name = "Export and backup"
