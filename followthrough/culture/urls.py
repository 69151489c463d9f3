"""The culture pages, included under ``/culture/``."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.culture_home, name="culture"),
    path("preferred/", views.preferred_edit, name="culture-preferred"),
    path("threshold/", views.threshold, name="culture-threshold"),
    path("fit/", views.fit_list, name="culture-fit"),
    path("organizations/<int:pk>/", views.organization_culture, name="culture-organization"),
    path("organizations/<int:pk>/rate/", views.rating_add, name="culture-rate"),
    path("ratings/<int:pk>/edit/", views.rating_edit, name="culture-rating-edit"),
    path("ratings/<int:pk>/delete/", views.rating_delete, name="culture-rating-delete"),
]
