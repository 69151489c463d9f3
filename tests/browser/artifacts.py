"""Screenshots kept as test artifacts: ``test-artifacts/<name>.png`` (git-ignored).

The visual tests of issue 13 call ``keep(page, name)`` after their checks, so a
person can look at what the browser saw; a failed check keeps nothing new.
"""

from __future__ import annotations

from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def keep(page, name: str, *, full_page: bool = True) -> Path:
    path = ARTIFACTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path
