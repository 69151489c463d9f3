from django.urls import path

from . import views

urlpatterns = [
    path("import/", views.import_start, name="import"),
    path("import/done/", views.import_done, name="import-done"),
    path("import/<str:token>/", views.import_preview, name="import-preview"),
    path("import/<str:token>/run/", views.import_run, name="import-run"),
    path("people/duplicates/", views.duplicates, name="people-duplicates"),
    path("people/merge/<int:keep>/<int:other>/", views.merge, name="person-merge"),
]
