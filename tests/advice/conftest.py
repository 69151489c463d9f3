"""Issue 9's scenarios: the etiquette as the seed articles teach it, at frozen dates.

Each test names the seed line it rests on (paraphrased: the seeds are for
reading only). The helpers are the engine's and the drafts' (``Search``).
"""

from __future__ import annotations

import pytest

from tests.drafts.conftest import DraftSearch, d, frozen

__all__ = ["d", "frozen"]


@pytest.fixture
def owner(db):
    """Sam is the local owner here, so the command line (``ok(...)``) sees the same data."""
    from followthrough.tracker.services.owners import local_owner

    return local_owner()


@pytest.fixture
def search(owner):
    return DraftSearch(owner)


@pytest.fixture
def signed(owner):
    from followthrough.drafts import services

    services.set_sign_as(owner, "Sam Rivera")
    return owner
