from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "followthrough.imports"
    label = "imports"
    verbose_name = "Followthrough imports"
