from django.apps import AppConfig


class ClubConfig(AppConfig):
    name = "followthrough.club"
    label = "club"
    verbose_name = "Job club"

    def ready(self) -> None:
        from . import signals

        signals.connect()
