"""Where the etiquette engine plugs into the services, without the services importing it.

The lists live here, in a module that imports nothing, so that the tracker app's
``ready`` can fill them in every process without loading the services (and so a
command like ``followthrough today`` loads only what it uses).
``services.tasks.AGENDA_REFRESHERS`` and ``services.interactions.WARNING_CHECKS``
are these same lists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

AGENDA_REFRESHERS: list[Callable[[object, dt.date], object]] = []
"""Before the agenda is read, each brings the owner's rule-made tasks up to date for the day."""

WARNING_CHECKS: list[Callable[[object, object], list[str]]] = []
"""Run after an interaction is saved, each returning warnings (not errors)."""
