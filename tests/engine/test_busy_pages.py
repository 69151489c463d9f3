"""A long backlog does not slow the Today page: the first few show, the rest on request."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followthrough.tracker.models import Task
from followthrough.tracker.services import tasks as task_service
from followthrough.tracker.views import today as today_view

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture(autouse=True)
def hand_made_tasks_only(monkeypatch):
    """About the page: the rules' own items (momentum, buddy summary) stay out."""
    monkeypatch.setattr(task_service, "AGENDA_REFRESHERS", [])


def _backlog(owner, overdue: int, today: int = 2) -> None:
    Task.objects.bulk_create(
        [
            Task(owner=owner, title=f"Old {n:03d}", due=TODAY - dt.timedelta(days=1 + n % 30))
            for n in range(overdue)
        ]
        + [Task(owner=owner, title=f"Now {n}", due=TODAY) for n in range(today)]
    )


def test_only_the_first_overdue_tasks_show_with_a_link_to_all(owner_client, owner):
    _backlog(owner, today_view.SHOWN + 5)

    response = owner_client.get(reverse("today"))

    ctx = response.context
    assert len(ctx["overdue"]) == today_view.SHOWN
    assert ctx["overdue"][0].overdue_days == today_view.SHOWN + 5  # the oldest first
    assert [i.title for i in ctx["due_today"]] == ["Now 0", "Now 1"]
    html = response.content.decode()
    assert f'Overdue <span class="badge">{today_view.SHOWN + 5}</span>' in html
    assert f"Show all {today_view.SHOWN + 5}</a>" in html


def test_show_all_pages_through_the_whole_backlog(owner_client, owner):
    _backlog(owner, today_view.PER_PAGE + 3)
    everything = task_service.agenda(owner, TODAY)

    first = owner_client.get(reverse("today"), {"show": "overdue"}).context
    second = owner_client.get(reverse("today"), {"show": "overdue", "page": 2}).context

    shown = [i.id for i in first["overdue"]] + [i.id for i in second["overdue"]]
    assert shown == [i.id for i in everything if i.overdue_days > 0]
    assert "Page 1 of 2" in owner_client.get("/?show=overdue").content.decode()


def test_a_snoozed_task_back_today_is_due_today_not_overdue(owner_client, owner):
    task = task_service.add_task(owner, "Snoozed", TODAY - dt.timedelta(days=3), today=TODAY)
    Task.objects.filter(pk=task.pk).update(snoozed_until=TODAY)

    ctx = owner_client.get(reverse("today")).context

    assert [i.title for i in ctx["due_today"]] == ["Snoozed"]
    assert ctx["overdue"] == []


def test_the_today_page_costs_the_same_for_ten_or_a_thousand_overdue(owner_client, owner):
    def cost() -> int:
        owner_client.get(reverse("today"))
        with CaptureQueriesContext(connection) as queries:
            html = owner_client.get(reverse("today")).content.decode()
        return len(queries), html.count('<li class="task')

    _backlog(owner, 10)
    few = cost()
    _backlog(owner, 1000)
    many = cost()

    assert few[0] == many[0]
    assert many[1] == today_view.SHOWN + 4  # 20 overdue, 2 + 2 due today
