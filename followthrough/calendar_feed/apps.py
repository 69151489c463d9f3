from django.apps import AppConfig


class CalendarFeedConfig(AppConfig):
    name = "followthrough.calendar_feed"
    label = "calendar_feed"
    verbose_name = "Calendar feed"
