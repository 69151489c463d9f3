"""Mounted at ``club/``: the job club, in hosted mode only (a 404 on a local install)."""

from django.urls import path

from .views import groups, leader, member

urlpatterns = [
    path("", groups.club, name="club"),
    path("new/", groups.group_add, name="club-group-add"),
    path("join/<str:token>/", groups.join, name="club-join"),
    path("messages/<int:pk>/read/", groups.message_read, name="club-message-read"),
    path("<int:pk>/", groups.group, name="club-group"),
    path("<int:pk>/leave/", groups.leave, name="club-leave"),
    path("<int:pk>/sharing/", member.sharing_page, name="club-sharing"),
    path("<int:pk>/sharing/items/", member.share_item, name="club-share-item"),
    path("<int:pk>/sharing/items/<int:item>/remove/", member.unshare_item,
         name="club-unshare-item"),
    path("<int:pk>/buddy/", member.buddy, name="club-buddy"),
    path("<int:pk>/buddy/note/", member.buddy_note, name="club-buddy-note"),
    path("<int:pk>/buddy/ask/", member.buddy_propose, name="club-buddy-propose"),
    path("<int:pk>/buddy/requests/<int:proposal>/accept/", member.buddy_accept,
         name="club-buddy-accept"),
    path("<int:pk>/buddy/end/", member.buddy_end, name="club-buddy-end"),
    path("<int:pk>/dashboard/", leader.dashboard, name="club-dashboard"),
    path("<int:pk>/summary/", leader.class_summary, name="club-summary"),
    path("<int:pk>/summary/send/", leader.send_summary, name="club-summary-send"),
    path("<int:pk>/invite/", leader.invite, name="club-invite"),
    path("<int:pk>/link/", leader.renew_link, name="club-link-renew"),
    path("<int:pk>/pair/", leader.pair, name="club-pair"),
    path("<int:pk>/handover/", leader.handover, name="club-handover"),
]
