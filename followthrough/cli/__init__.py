"""The ``followthrough`` command line: a thin layer over ``followthrough.tracker.services``.

Importing this package is cheap; Django starts only when a command needs data.
"""

from __future__ import annotations


def main() -> None:
    """Entry point of the ``followthrough`` executable."""
    from .app import app

    app(prog_name="followthrough")
