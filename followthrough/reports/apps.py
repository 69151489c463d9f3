from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "followthrough.reports"
    label = "reports"
    verbose_name = "Reports"
