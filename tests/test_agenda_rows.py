"""``today --json``'s one query and its text (``tracker.agenda_rows``): the same as the
items the Today page and ``followthrough today`` show, and the same bytes as the
standard library's JSON, whatever the names hold."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from followthrough.tracker import agenda_rows
from followthrough.tracker.models import Opportunity, Organization, Person, Rule, Task
from followthrough.tracker.services import tasks

ON = dt.date(2026, 3, 2)
AWKWARD = [
    'Zoë "Z" Ō\'Brien',
    "back\\slash, tab\t, newline\n, bell\x07, unit\x1f",
    "line\u2028separator, emoji 🎉, rtl שלום, combining é",
    "",
]


def test_the_text_is_what_the_standard_library_writes():
    items = [
        {"id": n, "due": "2026-03-02", "rule": "manual", "title": text, "reason": text,
         "person": None if n % 2 else text, "person_id": n or None, "opportunity": None,
         "opportunity_id": None, "overdue_days": n}
        for n, text in enumerate(AWKWARD)
    ]  # fmt: skip
    for value in (items, items[:1], []):
        assert agenda_rows.text(value) == json.dumps(value, indent=2, ensure_ascii=False)


@pytest.mark.django_db
def test_the_query_gives_the_agenda_items(owner, monkeypatch):
    """Due, overdue, shown early, snoozed to today (in) and past today (out), done (out)."""
    monkeypatch.setattr(tasks, "AGENDA_REFRESHERS", [])
    ana = Person.objects.create(owner=owner, name=AWKWARD[0])
    acme = Organization.objects.create(owner=owner, name="Ācme")
    opp = Opportunity.objects.create(owner=owner, role="Designer", organization=acme)
    made = [
        Task.objects.create(owner=owner, rule=Rule.MANUAL, title=AWKWARD[1], due=ON),
        Task.objects.create(owner=owner, rule=Rule.NUDGE, title="Nudge", reason=AWKWARD[2],
                            due=ON - dt.timedelta(days=3), person=ana, opportunity=opp),
        Task.objects.create(owner=owner, rule=Rule.THANK_YOU, title="Thanks", person=ana,
                            due=ON + dt.timedelta(days=2), starts_on=ON),
        Task.objects.create(owner=owner, rule=Rule.MANUAL, title="Snoozed to today",
                            due=ON - dt.timedelta(days=5), snoozed_until=ON),
        Task.objects.create(owner=owner, rule=Rule.MANUAL, title="Snoozed past today",
                            due=ON, snoozed_until=ON + dt.timedelta(days=1)),
        Task.objects.create(owner=owner, rule=Rule.MANUAL, title="Tomorrow",
                            due=ON + dt.timedelta(days=1)),
        Task.objects.create(owner=owner, rule=Rule.MANUAL, title="Done", due=ON, status="done"),
    ]  # fmt: skip

    rows = tasks.agenda_json(owner, ON)

    assert rows == [item.as_json() for item in tasks.agenda(owner, ON)]
    assert {row["id"] for row in rows} == {task.pk for task in made[:4]}
    (nudge,) = [row for row in rows if row["rule"] == "nudge"]
    assert (nudge["person"], nudge["opportunity"], nudge["overdue_days"]) == (
        AWKWARD[0], "Designer at Ācme", 3
    )
