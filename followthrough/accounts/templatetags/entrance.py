"""``{% invitation_for as group %}``: the group a waiting invitation opens (sign-in, sign-up)."""

from __future__ import annotations

from django import template

from followthrough.accounts import gate

register = template.Library()


@register.simple_tag(takes_context=True)
def invitation_for(context) -> str:
    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return ""
    return gate.waiting_for(request)
