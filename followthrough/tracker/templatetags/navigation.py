"""``{{ url_name|nav_section }}``: which item of the main navigation a page belongs to.

Sub-pages light up their section (issue 13): the calendar feed, the digest, the
message templates, your data and the preferred culture are Settings; importing
and duplicates are People; a culture rating belongs to its organization.
Registered as a built-in library (settings.TEMPLATES), so base.html needs no load.
"""

from __future__ import annotations

from django import template

register = template.Library()

_EXACT = {
    "today": "today",
    "task-draft": "today",
    "network": "network",
    "reports": "reports",
    "summary": "reports",
    "culture-fit": "pipeline",
    "board": "pipeline",
    "import": "people",
    "import-done": "people",
    "import-preview": "people",
    "import-run": "people",
    "people": "people",
    "people-duplicates": "people",
    "culture": "settings",
    "culture-preferred": "settings",
    "culture-threshold": "settings",
    "your-data": "settings",
}

# (url name prefix, section), first match wins.
_PREFIXES = (
    ("settings", "settings"),
    ("calendar", "settings"),
    ("digest", "settings"),
    ("draft-template", "settings"),
    ("draft-sign-as", "settings"),
    ("person", "people"),
    ("organization", "organizations"),
    ("culture-", "organizations"),
    ("opportunity", "pipeline"),
    ("task-", "today"),
    ("forecast-", "today"),
    ("bookmarklet", "settings"),
    ("mail", "settings"),
    ("document", "pipeline"),
    ("posting", "pipeline"),
    ("club", "club"),  # the job club (hosted mode only)
    # Hosted mode's account pages (allauth's names): your account is under Settings.
    ("account", "settings"),
    ("mfa", "settings"),
)


@register.filter
def nav_section(url_name: str | None) -> str:
    name = url_name or ""
    if name in _EXACT:
        return _EXACT[name]
    for prefix, section in _PREFIXES:
        if name.startswith(prefix):
            return section
    return ""
