"""The drafts pages, under ``/drafts/``. ``task-draft`` (a task's pk) is the public one."""

from django.urls import path

from . import views

urlpatterns = [
    path("tasks/<int:pk>/", views.task_draft, name="task-draft"),
    path("coming/", views.forecast_draft, name="forecast-draft"),
    path("tasks/<int:pk>/draft.eml", views.task_draft_eml, name="task-draft-eml"),
    path("tasks/<int:pk>/sent/", views.task_draft_sent, name="task-draft-sent"),
    path("people/<int:pk>/", views.person_draft, name="person-draft"),
    path("people/<int:pk>/draft.eml", views.person_draft_eml, name="person-draft-eml"),
    path("people/<int:pk>/sent/", views.person_draft_sent, name="person-draft-sent"),
    path("opportunities/<int:pk>/withdraw/", views.opportunity_withdraw,
         name="opportunity-withdraw"),
    path("opportunities/<int:pk>/withdraw.eml", views.opportunity_withdraw_eml,
         name="opportunity-withdraw-eml"),
    path("sign-as/", views.sign_as, name="draft-sign-as"),
    path("templates/", views.template_list, name="draft-templates"),
    path("templates/<slug:name>/", views.template_edit, name="draft-template-edit"),
    path("templates/<slug:name>/reset/", views.template_reset, name="draft-template-reset"),
]
