from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "followthrough.tracker"
    label = "tracker"
    verbose_name = "Followthrough"

    def ready(self) -> None:
        # The etiquette engine plugs into the agenda and the interaction log
        # through the services' hooks, so services never import the engine; the
        # hooks import it on first use (a command that syncs nothing never does).
        from . import sync_state

        sync_state.install()
