from django.apps import AppConfig


class MailConfig(AppConfig):
    name = "followthrough.mail"
    label = "mail"
    verbose_name = "Followthrough mail and calendar"
    default_auto_field = "django.db.models.BigAutoField"
