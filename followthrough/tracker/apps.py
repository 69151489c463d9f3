from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "followthrough.tracker"
    label = "tracker"
    verbose_name = "Followthrough"

    def ready(self) -> None:
        # The etiquette engine plugs into the agenda and the interaction log
        # through the services' hooks, so services never import the engine; the
        # hooks import it on first use (a command that syncs nothing never does).
        from django.db.models.signals import post_migrate, pre_migrate

        from . import sync_state

        sync_state.install()
        # SQLite loses triggers when a migration rebuilds a table: drop them before
        # every migrate and make them again after it (see ``triggers``).
        pre_migrate.connect(_drop_triggers, sender=self, dispatch_uid="followthrough-triggers")
        post_migrate.connect(_make_triggers, sender=self, dispatch_uid="followthrough-triggers")


def _drop_triggers(using="default", **_kwargs) -> None:
    from django.db import connections

    from . import triggers

    triggers.drop(connections[using])


def _make_triggers(using="default", **_kwargs) -> None:
    from django.db import connections

    from . import triggers

    triggers.install(connections[using])
