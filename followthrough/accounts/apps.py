from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "followthrough.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from . import gate, invitations

        gate.register(invitations.is_valid)
