"""The tracker's pages. Opportunities (the pipeline) live in ``urls_opportunities``."""

from django.urls import include, path

from .views import documents, log, network, organizations, people, postings, search, today
from .views import settings as settings_views

urlpatterns = [
    path("", today.today, name="today"),
    path("tasks/add/", today.task_add, name="task-add"),
    path("tasks/<int:pk>/done/", today.task_done, name="task-done"),
    path("tasks/<int:pk>/dismiss/", today.task_dismiss, name="task-dismiss"),
    path("tasks/<int:pk>/snooze/", today.task_snooze, name="task-snooze"),
    path("tasks/<int:pk>/reopen/", today.task_reopen, name="task-reopen"),
    path("tasks/<int:pk>/let-go/", today.task_let_go, name="task-let-go"),
    path("network/", network.network, name="network"),
    path("summary/", network.summary, name="summary"),
    path("settings/", settings_views.settings_page, name="settings"),
    path("settings/mode/", settings_views.settings_mode, name="settings-mode"),
    path("settings/bookmarklet/", postings.bookmarklet_page, name="bookmarklet"),
    path("settings/bookmarklet/renew/", postings.bookmarklet_renew, name="bookmarklet-renew"),
    path("people/", people.person_list, name="people"),
    path("people/add/", people.person_add, name="person-add"),
    path("people/<int:pk>/", people.person_detail, name="person-detail"),
    path("people/<int:pk>/edit/", people.person_edit, name="person-edit"),
    path("people/<int:pk>/delete/", people.person_delete, name="person-delete"),
    path("organizations/", organizations.organization_list, name="organizations"),
    path("organizations/add/", organizations.organization_add, name="organization-add"),
    path("organizations/<int:pk>/", organizations.organization_detail, name="organization-detail"),
    path("organizations/<int:pk>/edit/", organizations.organization_edit, name="organization-edit"),
    path(
        "organizations/<int:pk>/delete/",
        organizations.organization_delete,
        name="organization-delete",
    ),
    path("documents/", documents.document_list, name="documents"),
    path("documents/archive.zip", documents.documents_archive, name="documents-archive"),
    path("documents/<int:pk>/download/", documents.document_download, name="document-download"),
    path("documents/<int:pk>/delete/", documents.document_delete, name="document-delete"),
    path("log/", log.log, name="log"),
    path("search/", search.search, name="search"),
    path("opportunities/", include("followthrough.tracker.urls_opportunities")),
]
