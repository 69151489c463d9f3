"""Helpers for the drafts' tests: Sam's search told through the services (see the engine's).

Sam's days are in 2026; ``d("Mar 2")`` is Monday March 2. A draft is rendered
from the task the engine made for that day, exactly as the pages and the CLI do.
"""

from __future__ import annotations

import pytest

from followthrough.drafts import services
from followthrough.tracker.models import Task
from tests.engine.conftest import Search, d, frozen

__all__ = ["DraftSearch", "d", "frozen"]


class DraftSearch(Search):
    def due(self, on: str, rule: str, person=None) -> Task:
        """The one task of ``rule`` (for ``person``) on the agenda of ``on``."""
        items = self.agenda(on, rule)
        if person is not None:
            items = [i for i in items if i.person_id == person.pk]
        assert len(items) == 1, items
        return Task.objects.get(pk=items[0].id)

    def draft(self, on: str, rule: str, person=None, **kwargs) -> services.Draft:
        task = self.due(on, rule, person)
        return services.render_draft(self.owner, task, today=d(on), **kwargs)


@pytest.fixture
def search(owner):
    return DraftSearch(owner)


@pytest.fixture
def signed(owner):
    services.set_sign_as(owner, "Sam Rivera")
    return owner
