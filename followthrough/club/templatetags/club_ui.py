"""``{% club_nav section %}`` and ``{% club_today %}``: the club in the layout and on Today.

Both render nothing on a local install (``services.hosted``), so local mode is unchanged.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from ..services import hosted

register = template.Library()


@register.simple_tag
def club_nav(section: str) -> str:
    if not hosted():
        return ""
    from django.urls import reverse

    if section == "club":
        return format_html('<a href="{}" aria-current="page">Club</a>', reverse("club"))
    return format_html('<a href="{}">Club</a>', reverse("club"))


@register.inclusion_tag("club/_today.html", takes_context=True)
def club_today(context):
    request = context["request"]
    if not hosted() or not request.user.is_authenticated:
        return {}
    from followthrough.tracker.services.owners import today_for

    from ..services import classroom
    from ..services import messages as inbox

    return {
        "messages_in": inbox.unread_for(request.user),
        "quiet": classroom.quiet_members(request.user, today_for(request.user)),
        "csrf_token": context.get("csrf_token"),
        "here": request.get_full_path(),
    }
