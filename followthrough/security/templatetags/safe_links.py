"""``{{ value|web_url }}``: the address if it is http(s), else empty (show it as text)."""

from __future__ import annotations

from django import template

from followthrough.security import links

register = template.Library()


@register.filter
def web_url(value: object) -> str:
    return links.web_url(value)
