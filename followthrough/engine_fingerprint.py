"""A digest of the etiquette engine's source: new rules, a new fingerprint, a new sync.

Kept apart from Django so that ``followthrough today --json`` can compare it with
the sync state without starting Django (``cli.fast``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_fingerprint: str | None = None
_ROOT = Path(__file__).resolve().parent


def sources() -> list[Path]:
    """What the stored tasks' titles and reasons are written with: the engine, and the
    one date format they name days in (``tracker/dates.py``, ``formats/``)."""
    found = [*_ROOT.glob("engine/**/*.py"), _ROOT / "tracker" / "dates.py",
             *_ROOT.glob("formats/**/*.py")]  # fmt: skip
    return sorted(found)


def engine_fingerprint() -> str:
    """The sha1 of the ``sources()`` (names and contents), once per process."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha1(usedforsecurity=False)
        for path in sources():
            digest.update(str(path.relative_to(_ROOT)).encode())
            digest.update(path.read_bytes())
        _fingerprint = digest.hexdigest()
    return _fingerprint
