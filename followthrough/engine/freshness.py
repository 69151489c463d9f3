"""Skip the sync when nothing changed: moved to ``followthrough.tracker.sync_state``.

The state now lives in the database (a row per owner, with a change counter kept
by triggers), so a new process with nothing changed does no sync either. These
names stay for the code and tests that import them from here.
"""

from __future__ import annotations

from followthrough.tracker.sync_state import current_change, forget, install, is_fresh, refresh

__all__ = ["current_change", "forget", "install", "is_fresh", "refresh"]
