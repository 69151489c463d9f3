"""The agenda as ``today --json`` prints it: one SQL query and its text, without Django.

``followthrough today --json`` is the call scripts make most, and a busy network's
agenda has thousands of lines. Two readers share this module, so both print the
same bytes: the command line's path without Django (``cli.fast``, straight from
the SQLite file when nothing changed) and ``services.tasks.agenda_json`` (through
Django's connection, after a sync). The rows are the open tasks showing on the
day (``services.tasks.due_tasks``: due by then, or shown early, and not snoozed
past it), oldest first; ``tests/test_cli_startup.py`` pins that both agree with
``services.tasks.agenda``.

The text is made by orjson: with an indent, the standard library's encoder runs in
pure Python and took half of the command's time. For the values here (ints,
strings, ``None``) orjson's ``OPT_INDENT_2`` writes byte for byte what
``json.dumps(indent=2, ensure_ascii=False)`` writes (``tests/test_agenda_rows.py``).
"""

from __future__ import annotations

import datetime as dt

import orjson

AGENDA_SQL = """
SELECT t.id, t.due, t.snoozed_until, t.rule, t.title, t.reason, t.person_id, p.name,
       t.opportunity_id, o.role, g.name
FROM tracker_task t
LEFT JOIN tracker_person p ON p.id = t.person_id
LEFT JOIN tracker_opportunity o ON o.id = t.opportunity_id
LEFT JOIN tracker_organization g ON g.id = o.organization_id
WHERE t.owner_id = {0} AND t.status = 'open' AND (t.due <= {0} OR t.starts_on <= {0})
  AND (t.snoozed_until IS NULL OR t.snoozed_until <= {0})
ORDER BY t.due, t.id
"""


def sql(placeholder: str) -> str:
    """The agenda query with the driver's placeholder: ``?`` (sqlite3) or ``%s`` (Django)."""
    return AGENDA_SQL.format(placeholder)


def params(owner_id: int, on: dt.date) -> tuple:
    """The query's parameters, in order (the day as ISO text suits both drivers)."""
    day = on.isoformat()
    return (owner_id, day, day, day)


def item(row: tuple, on: dt.date) -> dict:
    """One row as ``AgendaItem.as_json`` writes it (days come as text or as dates)."""
    task_id, due, snoozed, rule, title, reason, person_id, person, opp_id, role, org = row
    if isinstance(due, str):
        due = dt.date.fromisoformat(due)
    if isinstance(snoozed, str):
        snoozed = dt.date.fromisoformat(snoozed)
    shows_on = snoozed if snoozed and snoozed > due else due
    return {
        "id": task_id,
        "due": due.isoformat(),
        "rule": rule,
        "title": title,
        "reason": reason,
        "person": person if person_id else None,
        "person_id": person_id,
        "opportunity": f"{role} at {org}" if opp_id else None,
        "opportunity_id": opp_id,
        "overdue_days": max(0, (on - shows_on).days),
    }


def text(items: list[dict]) -> str:
    """The items as the command prints them: JSON indented by two, non-ASCII as is."""
    return orjson.dumps(items, option=orjson.OPT_INDENT_2).decode()
