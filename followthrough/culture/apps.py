from django.apps import AppConfig


class CultureConfig(AppConfig):
    name = "followthrough.culture"
    label = "culture"
    verbose_name = "Culture fit"
