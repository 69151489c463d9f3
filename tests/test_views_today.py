"""Today: the agenda grouped overdue / today, tasks by hand, done, snooze, dismiss, undo."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followthrough.tracker.dates import day
from followthrough.tracker.models import Rule, Task, TaskStatus
from followthrough.tracker.services import people as people_service
from followthrough.tracker.services import tasks as task_service

TODAY = dt.date(2026, 3, 2)
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture(autouse=True)
def hand_made_tasks_only(monkeypatch):
    """These tests are about the page, so the etiquette engine's rules stay out of them."""
    monkeypatch.setattr(task_service, "AGENDA_REFRESHERS", [])


def person(owner, name="Ann Lee"):
    return people_service.add_person(owner, people_service.PersonInput(name=name))


def task(owner, title="Call Ann", due=TODAY, **kwargs):
    return task_service.add_task(owner, title, due, today=TODAY, **kwargs)


def test_a_new_user_is_told_what_to_do_first(owner_client):
    html = owner_client.get(reverse("today")).content.decode()
    assert "Welcome to Followthrough" in html
    assert reverse("person-add") in html
    assert "Log an interaction" in html


def test_the_agenda_is_grouped_overdue_then_today_with_reason_and_links(owner_client, owner):
    ann = person(owner)
    Task.objects.create(
        owner=owner,
        rule=Rule.THANK_YOU,
        key="thank-you:1",
        title="Thank Ann",
        reason="Thank-you notes are due within a day of an interview.",
        due=TODAY - dt.timedelta(days=2),
        person=ann,
    )
    task(owner, "Update the resume")
    response = owner_client.get(reverse("today"))
    ctx = response.context
    assert [i.title for i in ctx["overdue"]] == ["Thank Ann"]
    assert [i.title for i in ctx["due_today"]] == ["Update the resume"]
    html = response.content.decode()
    assert "Welcome to Followthrough" not in html
    assert html.index("Overdue") < html.index("Thank Ann") < html.index("Due today")
    assert html.index("Due today") < html.index("Update the resume")
    assert 'class="badge rule-thank-you">Thank-you<' in html
    assert "Thank-you notes are due within a day of an interview." in html
    assert reverse("person-detail", args=[ann.pk]) in html
    assert "2 days overdue" in html


def test_the_page_shows_what_the_rules_add_to_the_agenda(owner_client, owner, monkeypatch):
    ann = person(owner)

    def refresher(who, on):
        Task.objects.get_or_create(
            owner=who,
            key=f"birthday:{ann.pk}:{on.year}",
            defaults={
                "rule": Rule.BIRTHDAY,
                "title": "Wish Ann a happy birthday",
                "reason": "It is Ann's birthday today.",
                "due": on,
                "person": ann,
            },
        )

    monkeypatch.setattr(task_service, "AGENDA_REFRESHERS", [refresher])
    html = owner_client.get(reverse("today")).content.decode()
    assert 'class="badge rule-birthday">Birthday<' in html
    assert "It is Ann&#x27;s birthday today." in html


def test_coming_up_lists_the_next_tasks_and_snoozed_ones_leave_today(owner_client, owner):
    task(owner, "Later thing", due=TODAY + dt.timedelta(days=3))
    snoozed = task(owner, "Snoozed thing")
    task_service.snooze(owner, snoozed, TODAY + dt.timedelta(days=2), today=TODAY)
    ctx = owner_client.get(reverse("today")).context
    assert ctx["due_today"] == []
    assert [t.title for t in ctx["upcoming"]] == ["Snoozed thing", "Later thing"]


def test_nothing_due_says_so_calmly(owner_client, owner):
    person(owner)
    assert "Nothing due today." in owner_client.get(reverse("today")).content.decode()


# Done, dismiss, snooze, undo ------------------------------------------------------


def test_done_without_javascript_redirects_back_with_a_message(owner_client, owner):
    t = task(owner)
    response = owner_client.post(reverse("task-done", args=[t.pk]), {"next": "/"}, follow=True)
    t.refresh_from_db()
    assert t.status == TaskStatus.DONE
    html = response.content.decode()
    assert "Done: Call Ann." in html
    # The handled task can still be undone from the page.
    assert response.context["handled"][0]["state"] == "done"
    assert reverse("task-reopen", args=[t.pk]) in html


def test_done_with_htmx_swaps_the_row_for_an_undo(owner_client, owner):
    t = task(owner)
    response = owner_client.post(reverse("task-done", args=[t.pk]), headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li class="task closed" id="task-{t.pk}"')
    assert "Done." in html and reverse("task-reopen", args=[t.pk]) in html
    undo = owner_client.post(reverse("task-reopen", args=[t.pk]), headers=HTMX)
    t.refresh_from_db()
    assert t.status == TaskStatus.OPEN
    assert reverse("task-done", args=[t.pk]) in undo.content.decode()


def test_dismissing_a_task(owner_client, owner):
    t = task(owner)
    owner_client.post(reverse("task-dismiss", args=[t.pk]))
    t.refresh_from_db()
    assert t.status == TaskStatus.DISMISSED
    assert owner_client.get(reverse("today")).context["due_today"] == []


def test_snooze_defaults_to_tomorrow(owner_client, owner):
    t = task(owner)
    page = owner_client.get(reverse("today")).content.decode()
    assert f'id="snooze-{t.pk}" name="until" value="2026-03-03"' in page
    response = owner_client.post(reverse("task-snooze", args=[t.pk]), {"until": ""}, headers=HTMX)
    t.refresh_from_db()
    assert t.snoozed_until == dt.date(2026, 3, 3)
    assert "Snoozed until Tue 3 Mar 2026." in response.content.decode()


def test_snooze_to_a_chosen_day(owner_client, owner):
    t = task(owner)
    response = owner_client.post(reverse("task-snooze", args=[t.pk]), {"until": "2026-03-09"})
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.snoozed_until == dt.date(2026, 3, 9)


def test_snoozing_into_the_past_is_refused_on_the_row(owner_client, owner):
    t = task(owner)
    response = owner_client.post(
        reverse("task-snooze", args=[t.pk]), {"until": "2026-03-01"}, headers=HTMX
    )
    assert "until: snooze to a day after today (Mon 2 Mar 2026)." in response.content.decode()
    t.refresh_from_db()
    assert t.snoozed_until is None
    no_js = owner_client.post(reverse("task-snooze", args=[t.pk]), {"until": "soon"}, follow=True)
    assert "is not a date; write it as YYYY-MM-DD" in no_js.content.decode()


def test_task_actions_only_accept_post(owner_client, owner):
    t = task(owner)
    assert owner_client.get(reverse("task-done", args=[t.pk])).status_code == 405
    t.refresh_from_db()
    assert t.status == TaskStatus.OPEN


def test_an_unsafe_next_is_ignored(owner_client, owner):
    t = task(owner)
    response = owner_client.post(
        reverse("task-done", args=[t.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("today")


# Adding a task --------------------------------------------------------------------


def test_adding_a_task_by_hand(owner_client, owner):
    ann = person(owner)
    response = owner_client.post(
        reverse("task-add"), {"title": "Send Ann the article", "due": "2026-03-04", "person": "Ann"}
    )
    assert response["Location"] == reverse("today")
    t = Task.objects.get(owner=owner)
    assert (t.title, t.due, t.person, t.rule) == (
        "Send Ann the article",
        dt.date(2026, 3, 4),
        ann,
        Rule.MANUAL,
    )


def test_a_task_without_a_due_date_is_due_today(owner_client, owner):
    owner_client.post(reverse("task-add"), {"title": "Update resume", "due": ""})
    assert Task.objects.get(owner=owner).due == TODAY


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "", "due": "2026-03-04"}, "title", "What to do is required"),
        ({"title": "X", "due": "next week"}, "due", "is not a date"),
        ({"title": "X", "due": "", "person": "Nobody"}, "person", "nobody called 'Nobody'"),
    ],
)
def test_a_bad_task_is_an_error_on_its_field(owner_client, owner, data, field, message):
    response = owner_client.post(reverse("task-add"), data)
    assert response.status_code == 200
    assert message in response.context["task_form"].errors[field][0]
    assert message.split("'")[0] in response.content.decode()
    assert not Task.objects.exists()


# Query counts and outsiders ---------------------------------------------------------


def queries_for_today(client, owner, rows: int) -> int:
    for i in range(rows):
        p = person(owner, f"Person {i}")
        task(owner, f"Due {i}", due=TODAY - dt.timedelta(days=i % 3), person=p)
        task(owner, f"Soon {i}", due=TODAY + dt.timedelta(days=1 + i % 5), person=p)
    client.get(reverse("today"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("today")).status_code == 200
    return len(queries)


def test_the_today_query_count_does_not_grow_with_tasks(owner_client, owner):
    few = queries_for_today(owner_client, owner, 3)
    Task.objects.filter(owner=owner).delete()
    many = queries_for_today(owner_client, owner, 30)
    assert few == many


@pytest.mark.parametrize("name", ["task-done", "task-dismiss", "task-snooze", "task-reopen"])
def test_an_outsider_gets_404_on_someone_elses_task(outsider_client, owner, name):
    t = task(owner)
    assert (
        outsider_client.post(reverse(name, args=[t.pk]), {"until": "2026-03-05"}).status_code == 404
    )
    t.refresh_from_db()
    assert (t.status, t.snoozed_until) == (TaskStatus.OPEN, None)


def test_an_outsider_does_not_see_someone_elses_agenda(outsider_client, owner):
    task(owner, "Secret task")
    html = outsider_client.get(reverse("today")).content.decode()
    assert "Secret task" not in html


def test_an_outsider_cannot_attach_someone_elses_person_to_a_task(outsider_client, owner):
    ann = person(owner)
    response = outsider_client.post(
        reverse("task-add"), {"title": "X", "due": "", "person": str(ann.pk)}
    )
    assert response.context["task_form"].errors["person"]
    assert not Task.objects.exists()


@pytest.mark.parametrize(
    ("days", "text"),
    [(1, "1 day overdue"), (59, "59 days overdue"), (60, "2 months overdue"),
     (364, "12 months overdue"), (365, "1 year overdue"), (4655, "12 years overdue")],
)  # fmt: skip
def test_a_long_lateness_reads_in_months_or_years_with_the_day_beside(
    owner_client, owner, days, text
):
    due = TODAY - dt.timedelta(days=days)
    Task.objects.create(owner=owner, rule=Rule.MANUAL, title="Write to Ann", due=due)

    html = owner_client.get(reverse("today")).content.decode()

    assert f'<span class="overdue" title="Due {day(due)}">{text}</span>' in html


def test_a_big_backlog_counts_with_thousands_separators(owner_client, owner):
    Task.objects.bulk_create(
        Task(owner=owner, rule=Rule.MANUAL, key=f"manual:{n}", title=f"Chore {n}",
             due=TODAY - dt.timedelta(days=1))
        for n in range(1234)
    )  # fmt: skip

    html = owner_client.get(reverse("today")).content.decode()

    assert 'Overdue <span class="badge">1,234</span>' in html
    assert "Show all 1,234" in html
