from django.apps import AppConfig


class DigestConfig(AppConfig):
    name = "followthrough.digest"
    label = "digest"
    verbose_name = "Daily digest"
