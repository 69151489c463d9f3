from django.urls import include, path

urlpatterns = [
    path("", include("followthrough.tracker.urls")),
    path("calendar/", include("followthrough.calendar_feed.urls")),
    path("digest/", include("followthrough.digest.urls")),
    path("drafts/", include("followthrough.drafts.urls")),
    path("culture/", include("followthrough.culture.urls")),
    path("reports/", include("followthrough.reports.urls")),
    path("", include("followthrough.imports.urls")),
    path("data/", include("followthrough.backup.urls")),
    path("mail/", include("followthrough.mail.urls")),
    path("club/", include("followthrough.club.urls")),
    # Hosted mode's accounts (allauth); a local install answers 404 here.
    path("accounts/", include("followthrough.accounts.urls")),
]

# Django renders 404.html (tracker/templates) itself; the 500 page needs care.
handler500 = "followthrough.tracker.views.errors.server_error"
