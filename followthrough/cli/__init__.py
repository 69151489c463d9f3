"""The ``followthrough`` command line: a thin layer over ``followthrough.tracker.services``.

Importing this package is cheap; Django starts only when a command needs data.
"""

from __future__ import annotations


def main() -> None:
    """Entry point of the ``followthrough`` executable."""
    import sys

    from .fast import today_json

    if today_json(sys.argv[1:]):  # the scripts' most frequent call, without Typer
        return
    from .app import app

    app(prog_name="followthrough")
