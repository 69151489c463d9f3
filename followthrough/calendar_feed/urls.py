"""Mounted at ``calendar/``: the page, regenerate, the feed by token, one interview."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.calendar_page, name="calendar"),
    path("regenerate/", views.regenerate, name="calendar-regenerate"),
    path("interviews/<int:pk>.ics", views.interview_ics, name="interview-ics"),
    path("<str:token>.ics", views.feed, name="calendar-feed"),
]
