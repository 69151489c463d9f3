"""A new workspace: nothing is due before the owner joined, and momentum waits for data."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from followthrough.tracker.models import Rule
from followthrough.tracker.services.interactions import LogInput, log_interaction
from followthrough.tracker.services.owners import workspace_for

from .conftest import Search, d, frozen


@pytest.fixture
def nia(db):
    """Nia joins on Sunday, November 22, 2026, and starts from nothing."""
    with frozen(d("2026-11-22")):
        user = get_user_model().objects.create_user("nia")
        workspace_for(user)
    return Search(user)


def log_later(search: Search, kind: str, person, on: str, today: str) -> None:
    """Log, on ``today``, something that happened on ``on`` (history typed in late)."""
    with frozen(d(today)):
        log_interaction(search.owner, LogInput(kind=kind, people=[person], on=d(on)), d(today))


def test_a_brand_new_workspace_has_nothing_due(nia):
    assert nia.agenda("2026-11-22") == []
    assert nia.agenda("2026-11-23") == []


def test_momentum_waits_until_the_seeker_records_someone_or_an_opportunity(nia):
    assert nia.items("2026-11-23", Rule.MOMENTUM) == []

    nia.person("Ana Ruiz", on="2026-11-23")

    (item,) = nia.items("2026-11-23", Rule.MOMENTUM)
    assert item.due == d("2026-11-23")


def test_the_buddy_summary_of_the_week_they_joined_is_not_due_before_they_joined(nia):
    nia.workspace(buddy_name="Bea Lund")
    ana = nia.person("Ana Ruiz", on="2026-11-22")
    nia.log("email", ana, "2026-11-22")

    (item,) = nia.agenda("2026-11-22", Rule.BUDDY_SUMMARY)

    assert item.due == d("2026-11-22")  # not Friday the 20th, two days "overdue"
    assert item.overdue_days == 0


def test_no_buddy_summary_for_a_week_that_ended_before_they_joined(db):
    with frozen(d("2026-11-23")):
        user = get_user_model().objects.create_user("noor")
        workspace_for(user)
    noor = Search(user)
    noor.workspace(buddy_name="Bea Lund")
    ana = noor.person("Ana Ruiz", on="2026-11-23")
    log_later(noor, "email", ana, "2026-11-20", today="2026-11-23")

    assert noor.items("2026-11-23", Rule.BUDDY_SUMMARY) == []
    noor.log("email", ana, "2026-11-24")
    (item,) = noor.items("2026-11-27", Rule.BUDDY_SUMMARY)
    assert item.due == d("2026-11-27")


def test_an_interview_from_before_they_joined_is_due_its_thanks_on_the_day_they_joined(nia):
    dana = nia.person("Dana Park", on="2026-11-22")
    log_later(nia, "interview", dana, "2026-11-17", today="2026-11-22")

    (item,) = nia.agenda("2026-11-22", Rule.THANK_YOU)

    assert item.due == d("2026-11-22")
    assert item.overdue_days == 0
    (later,) = nia.agenda("2026-11-24", Rule.THANK_YOU)
    assert later.id == item.id and later.overdue_days == 2


def test_a_day_before_they_joined_has_no_agenda(nia):
    dana = nia.person("Dana Park", on="2026-11-22")
    log_later(nia, "interview", dana, "2026-11-17", today="2026-11-22")

    assert nia.items("2026-11-20") == []


def test_a_restored_workspace_keeps_its_history_older_than_the_account(search):
    """Rows keep their ``created_at`` on restore: the workspace began with its oldest row."""
    dana = search.person("Dana Park", on="Feb 20")
    search.log("interview", dana, "Mar 2")
    assert search.owner.date_joined.date() > d("Mar 2")  # the account is newer

    (item,) = search.agenda("Mar 6", Rule.THANK_YOU)

    assert (item.due, item.overdue_days) == (d("Mar 3"), 3)
