from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "followthrough.drafts"
    label = "drafts"
    verbose_name = "Message drafts"
