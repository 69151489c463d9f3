from django.urls import path

from . import views

urlpatterns = [
    path("", views.mail_page, name="mail"),
    path("addresses/", views.save_addresses, name="mail-addresses"),
    path("account/", views.save_account, name="mail-account"),
    path("sync/", views.sync_now, name="mail-sync"),
    path("import/", views.import_file, name="mail-import"),
    path("people/", views.people_page, name="mail-people"),
    path("people/add/", views.people_add, name="mail-people-add"),
    path("suggestions/<int:pk>/accept/", views.suggestion_accept, name="mail-suggestion-accept"),
    path("suggestions/<int:pk>/dismiss/", views.suggestion_dismiss, name="mail-suggestion-dismiss"),
]
