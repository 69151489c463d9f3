from django.urls import include, path

urlpatterns = [
    path("", include("followthrough.tracker.urls")),
]
