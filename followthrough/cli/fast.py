"""``followthrough today --json [--on DATE]`` without Typer: the call scripts make most.

Typer builds its option parsing on pydantic, which costs more to import than the
whole agenda takes to read when nothing changed. This path reads exactly the
same options as ``today`` (``--json``, ``--on DATE`` or ``--on=DATE``, in any
order) and prints exactly the same JSON; anything else (``--help``, a typo, an
input error) goes to the full command line, which answers in its usual words.
"""

from __future__ import annotations

import sys


def parse(args: list[str]) -> str | bool | None:
    """The ``--on`` value (``None`` for the default) of ``today --json`` arguments,
    or ``False`` when these arguments are not (only) that."""
    if not args or args[0] != "today":
        return False
    on, seen_json, rest = None, False, args[1:]
    while rest:
        arg = rest.pop(0)
        if arg == "--json" and not seen_json:
            seen_json = True
        elif arg == "--on" and on is None and rest and not rest[0].startswith("-"):
            on = rest.pop(0)
        elif arg.startswith("--on=") and on is None and len(arg) > 5:
            on = arg[5:]
        else:
            return False
    return on if seen_json else False


def today_json(args: list[str]) -> bool:
    """Run ``today --json`` if ``args`` are just that; True if it ran (and printed)."""
    on = parse(args)
    if on is False:
        return False
    import json

    from . import django_setup

    try:
        owner = django_setup.owner()
        from followthrough.tracker.services import parsing
        from followthrough.tracker.services.tasks import agenda

        day = parsing.parse_date(on, "--on") or django_setup.today(owner)
        text = json.dumps([item.as_json() for item in agenda(owner, day)], indent=2,
                          ensure_ascii=False)  # fmt: skip
    except Exception as error:  # reported below, or by the full command line
        from django.db import OperationalError

        if not isinstance(error, OperationalError):
            return False  # the full command line reports it, in its own words
        from followthrough.dberrors import describe

        sys.stderr.write(f"error: {describe(error)}\n")
        raise SystemExit(1) from None
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
    return True
