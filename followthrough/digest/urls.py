"""Mounted at ``digest/``: the digest's settings page."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.digest_settings, name="digest-settings"),
    path("test/", views.digest_test, name="digest-test"),
]
