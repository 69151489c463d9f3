from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "followthrough.security"
    label = "security"
    verbose_name = "Followthrough security"
