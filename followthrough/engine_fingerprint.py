"""A digest of the etiquette engine's source: new rules, a new fingerprint, a new sync.

Kept apart from Django so that ``followthrough today --json`` can compare it with
the sync state without starting Django (``cli.fast``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_fingerprint: str | None = None


def engine_fingerprint() -> str:
    """The sha1 of ``followthrough/engine/**/*.py`` (names and contents), once per process."""
    global _fingerprint
    if _fingerprint is None:
        root = Path(__file__).resolve().parent / "engine"
        digest = hashlib.sha1(usedforsecurity=False)
        for path in sorted(root.rglob("*.py")):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
        _fingerprint = digest.hexdigest()
    return _fingerprint
