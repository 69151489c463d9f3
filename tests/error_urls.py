"""The app's URLs plus one that fails, for the 500 page's tests."""

from django.urls import path

from followthrough.urls import handler500  # noqa: F401
from followthrough.urls import urlpatterns as app_urls


def boom(request):
    raise RuntimeError("a test failure")


urlpatterns = [path("boom/", boom), *app_urls]
