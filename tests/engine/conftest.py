"""Helpers for the engine's tests: build a search through the services, read the agenda.

Every date is explicit, and the clock is frozen at it (``time_machine``) while
facts are written, so ``created_at`` agrees with the story being told.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from followthrough import engine
from followthrough.tracker.models import Task
from followthrough.tracker.services import tasks
from followthrough.tracker.services.interactions import LogInput, log_interaction
from followthrough.tracker.services.opportunities import (
    OpportunityInput,
    add_opportunity,
    involve,
    move,
)
from followthrough.tracker.services.people import PersonInput, add_person


def d(text: str) -> dt.date:
    """``d("Mar 2")`` is March 2, 2026 (a Monday); ``d("2026-03-02")`` works too."""
    if text[0].isdigit():
        return dt.date.fromisoformat(text)
    return dt.datetime.strptime(f"{text} 2026", "%b %d %Y").date()


def frozen(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC), tick=False)


class Search:
    """Sam's search, told through the same service functions the pages and the CLI use."""

    def __init__(self, owner):
        self.owner = owner

    def person(self, name: str, on: str = "Jan 2", **fields):
        with frozen(d(on)):
            return add_person(self.owner, PersonInput(name=name, **fields))

    def opportunity(self, role: str, org: str, on: str = "Feb 2", **fields):
        with frozen(d(on)):
            return add_opportunity(
                self.owner, OpportunityInput(role=role, organization=org, **fields), d(on)
            )

    def involve(self, opp, person, role: str):
        return involve(self.owner, opp, person, role)

    def move(self, opp, stage: str, on: str, deadline: str | None = None):
        with frozen(d(on)):
            deadline = d(deadline) if deadline else None
            return move(self.owner, opp, stage, on=d(on), deadline=deadline)

    def log(self, kind: str, people, on: str, **fields):
        people = people if isinstance(people, list) else [people]
        for name in ("decision_date",):
            if isinstance(fields.get(name), str):
                fields[name] = d(fields[name])
        with frozen(d(on)):
            return log_interaction(
                self.owner, LogInput(kind=kind, people=people, on=d(on), **fields), d(on)
            )

    def items(self, on: str, rule: str | None = None) -> list[engine.Item]:
        """The pure rules' answer for ``on`` (nothing written)."""
        day = d(on)
        found = engine.evaluate(engine.load_facts(self.owner, day), day)
        return [i for i in found if rule is None or i.rule == rule]

    def agenda(self, on: str, rule: str | None = None) -> list[tasks.AgendaItem]:
        """What the Today page shows on ``on`` (rule tasks synced first)."""
        day = d(on)
        with frozen(day):
            found = tasks.agenda(self.owner, day)
        return [i for i in found if rule is None or i.rule == rule]

    def task(self, key: str) -> Task:
        return Task.objects.get(owner=self.owner, key=key)

    def workspace(self, **settings):
        workspace = self.owner.workspace
        for name, value in settings.items():
            setattr(workspace, name, value)
        workspace.save()
        return workspace


@pytest.fixture
def search(owner):
    return Search(owner)
