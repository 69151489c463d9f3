"""Message drafts: the words to send for every agenda item, in templates the seeker edits.

The public API, for pages, commands and the daily digest:

* ``render_draft(owner, task) -> Draft`` (``Draft.subject``, ``.body``, ``.to``): the
  draft for an agenda item, filled from the owner's data (never raises for a broken
  template: the default wording is used and ``Draft.error`` says why);
* the URL name ``task-draft`` (the task's pk) for the page with copy, mailto, .eml
  and "Sent".

Defaults live in code (``defaults``); the database keeps only the owner's edits
(``models.MessageTemplate``). Templates run in Jinja2's sandbox on a plain dict
of strings (``rendering``), so a template reaches nothing but what it is given.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Draft", "render_draft"]


def __getattr__(name: str) -> Any:
    # Lazy, so importing the package never touches models before Django is ready.
    if name in __all__:
        from . import services

        return getattr(services, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
