"""The pipeline's pages, included under ``/opportunities/``."""

from django.urls import path

from .views import documents, postings
from .views import opportunities as views

urlpatterns = [
    path("", views.board, name="board"),
    path("list/", views.opportunity_list, name="opportunity-list"),
    path("add/", views.opportunity_add, name="opportunity-add"),
    path("from-posting/", postings.posting_add, name="opportunity-from-posting"),
    path("capture/<str:token>/", postings.posting_bookmarklet, name="posting-bookmarklet"),
    path("<int:pk>/", views.opportunity_detail, name="opportunity-detail"),
    path("<int:pk>/edit/", views.opportunity_edit, name="opportunity-edit"),
    path("<int:pk>/delete/", views.opportunity_delete, name="opportunity-delete"),
    path("<int:pk>/move/", views.opportunity_move, name="opportunity-move"),
    path("<int:pk>/people/", views.opportunity_involve, name="opportunity-involve"),
    path("<int:pk>/documents/", documents.opportunity_document_add, name="opportunity-document"),
    path(
        "<int:pk>/documents/<int:sent_id>/remove/",
        documents.opportunity_document_remove,
        name="opportunity-document-remove",
    ),
    path(
        "<int:pk>/people/<int:link_id>/remove/",
        views.opportunity_uninvolve,
        name="opportunity-uninvolve",
    ),
]
