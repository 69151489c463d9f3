from django.urls import include, path

from . import views

urlpatterns = [
    path("invite/<str:token>/", views.accept_invitation, name="account-invitation"),
    path("", include("allauth.urls")),
]
