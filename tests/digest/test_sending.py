"""The daily digest, sent through a real SMTP server on loopback, at frozen times."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from followthrough.calendar_feed.services import item_path
from followthrough.digest import services
from followthrough.digest.models import DigestSettings
from followthrough.tracker.models import Rule, Task
from followthrough.tracker.services import people as people_service
from followthrough.tracker.services import tasks as task_service
from followthrough.tracker.services.errors import InputError

from .conftest import digest_on


def utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def send_at(now: dt.datetime, inbox, **kwargs):
    with time_machine.travel(now, tick=False):
        return services.send_due(now, connection=inbox.connection(), **kwargs)


@pytest.fixture
def agenda(owner):
    """Sam's agenda on Thursday 15 January 2026: a thank-you from yesterday, a task for today."""
    today = dt.date(2026, 1, 15)
    ada = people_service.add_person(owner, people_service.PersonInput(name="Ada Lovelace"))
    thank = Task.objects.create(
        owner=owner,
        rule=Rule.THANK_YOU,
        key="thank-you:test",
        title="Thank Ada Lovelace for the interview",
        reason="A thank-you note is due within a day of an interview.",
        due=today - dt.timedelta(days=1),
        person=ada,
    )
    task = task_service.add_task(owner, "Update the resume", today, today=today)
    later = task_service.add_task(owner, "Call the recruiter", "2026-01-19", today=today)
    return thank, task, later


def test_it_goes_at_the_chosen_local_hour_in_winter(owner, smtp_server, agenda):
    digest_on(owner, zone="America/New_York", hour=7)

    assert send_at(utc(2026, 1, 15, 11, 59), smtp_server) == []  # 06:59 in New York
    outcomes = send_at(utc(2026, 1, 15, 12, 0), smtp_server)  # 07:00 EST

    assert [(o.sent, o.day, o.address) for o in outcomes] == [
        (True, dt.date(2026, 1, 15), "sam@example.com")
    ]
    assert smtp_server.recipients == [["sam@example.com"]]
    assert DigestSettings.objects.get(owner=owner).last_sent_on == dt.date(2026, 1, 15)


def test_the_message_carries_the_agenda_with_links_to_the_drafts(
    owner, smtp_server, agenda, settings
):
    settings.FOLLOWTHROUGH_BASE_URL = "https://followthrough.example.org"
    settings.DEFAULT_FROM_EMAIL = "Followthrough <digest@example.org>"
    thank, task, _later = agenda
    digest_on(owner, zone="America/New_York", hour=7)

    send_at(utc(2026, 1, 15, 12, 0), smtp_server)

    message = smtp_server.only()
    assert message["Subject"] == "2 things to do today · Thu 15 Jan 2026"
    assert message["To"] == "sam@example.com"
    assert message["From"] == "Followthrough <digest@example.org>"
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = message.get_body(("html",)).get_content()
    base = "https://followthrough.example.org"
    for item in (thank, task):
        assert item.title in text and item.title in html
        assert f"{base}{item_path(item.pk)}" in text
        assert f'href="{base}{item_path(item.pk)}"' in html
    assert "Here is what is due on Thu 15 Jan 2026:" in text
    assert "(overdue by 1 day)" in text
    assert "A thank-you note is due within a day of an interview." in text
    assert "Coming up:\n- Mon 19 Jan 2026: Call the recruiter" in text
    assert f"{base}/digest/" in text
    assert "every day at 07:00 (America/New_York)" in text


def test_a_day_with_nothing_due_says_so_calmly(owner, smtp_server):
    digest_on(owner, zone="UTC", hour=8)

    send_at(utc(2026, 1, 15, 8, 0), smtp_server)

    message = smtp_server.only()
    assert message["Subject"] == "Nothing due today · Thu 15 Jan 2026"
    assert "Nothing is due today." in message.get_body(("plain",)).get_content()


def test_after_the_clocks_change_it_still_goes_at_seven_local(owner, smtp_server, agenda):
    digest_on(owner, zone="America/New_York", hour=7)

    # Saturday 7 March 2026, still EST: 07:00 is 12:00 UTC.
    assert send_at(utc(2026, 3, 7, 11, 59), smtp_server) == []
    assert len(send_at(utc(2026, 3, 7, 12, 0), smtp_server)) == 1
    # The clocks go forward on Sunday the 8th at 02:00: 07:00 EDT is 11:00 UTC.
    assert send_at(utc(2026, 3, 8, 10, 59), smtp_server) == []
    assert len(send_at(utc(2026, 3, 8, 11, 0), smtp_server)) == 1
    # And on Monday the 9th, the day after the change.
    assert send_at(utc(2026, 3, 9, 10, 59), smtp_server) == []
    assert [o.day for o in send_at(utc(2026, 3, 9, 11, 0), smtp_server)] == [dt.date(2026, 3, 9)]

    subjects = [m["Subject"].split(" · ")[1] for m in smtp_server.messages]
    assert subjects == ["Sat 7 Mar 2026", "Sun 8 Mar 2026", "Mon 9 Mar 2026"]


def test_the_day_is_the_owners_day_not_utcs(owner, smtp_server):
    digest_on(owner, zone="Pacific/Auckland", hour=6)

    # 18:00 UTC on 14 January is 07:00 on the 15th in Auckland (NZDT, UTC+13).
    outcomes = send_at(utc(2026, 1, 14, 18, 0), smtp_server)

    assert [o.day for o in outcomes] == [dt.date(2026, 1, 15)]


def test_two_passes_send_one_digest(owner, smtp_server, agenda):
    digest_on(owner)

    send_at(utc(2026, 1, 15, 12, 0), smtp_server)
    again = send_at(utc(2026, 1, 15, 12, 1), smtp_server)
    later = send_at(utc(2026, 1, 15, 23, 59), smtp_server)

    assert again == [] and later == []
    assert len(smtp_server.messages) == 1


def test_two_workers_that_both_see_it_due_send_it_once(owner, smtp_server, agenda):
    digest_on(owner)
    now = utc(2026, 1, 15, 12, 0)

    # Both workers read the due list before either claims it.
    first_worker, second_worker = services.due(now), services.due(now)
    assert len(first_worker) == len(second_worker) == 1
    won = services.send_one(first_worker[0], now, connection=smtp_server.connection())
    lost = services.send_one(second_worker[0], now, connection=smtp_server.connection())

    assert won is not None and won.sent
    assert lost is None
    assert len(smtp_server.messages) == 1


def test_the_next_day_it_goes_again(owner, smtp_server):
    digest_on(owner, zone="UTC", hour=7)

    send_at(utc(2026, 1, 15, 7, 0), smtp_server)
    assert send_at(utc(2026, 1, 16, 6, 59), smtp_server) == []
    assert len(send_at(utc(2026, 1, 16, 7, 0), smtp_server)) == 1
    assert len(smtp_server.messages) == 2


def test_an_unreachable_server_marks_nothing_sent_and_the_next_pass_sends(
    owner, unreachable, smtp_server, agenda
):
    digest_on(owner)
    now = utc(2026, 1, 15, 12, 0)

    with time_machine.travel(now, tick=False):
        failed = services.send_due(now, connection=unreachable)

    assert [(o.sent, o.error) for o in failed] == [
        (False, "the mail server could not be reached (Connection refused)")
    ]
    stored = DigestSettings.objects.get(owner=owner)
    assert stored.last_sent_on is None
    assert stored.last_error == "the mail server could not be reached (Connection refused)"

    retried = send_at(utc(2026, 1, 15, 12, 5), smtp_server)

    assert [o.sent for o in retried] == [True]
    assert len(smtp_server.messages) == 1
    stored.refresh_from_db()
    assert (stored.last_sent_on, stored.last_error) == (dt.date(2026, 1, 15), "")


def test_a_failure_after_yesterdays_send_keeps_yesterday(owner, unreachable, smtp_server):
    digest_on(owner, zone="UTC", hour=7)
    send_at(utc(2026, 1, 15, 7, 0), smtp_server)

    with time_machine.travel(utc(2026, 1, 16, 7, 0), tick=False):
        services.send_due(utc(2026, 1, 16, 7, 0), connection=unreachable)

    assert DigestSettings.objects.get(owner=owner).last_sent_on == dt.date(2026, 1, 15)


def test_one_owners_failure_does_not_stop_the_others(owner, outsider, smtp_server, agenda):
    digest_on(owner, address="sam@example.com")
    digest_on(outsider, address="olive@example.com")
    smtp_server_rejects = {"sam@example.com"}

    original = smtp_server.handle_DATA

    async def picky(server, session, envelope):
        if set(envelope.rcpt_tos) & smtp_server_rejects:
            return "554 Transaction failed: mailbox disabled"
        return await original(server, session, envelope)

    smtp_server.handle_DATA = picky
    outcomes = send_at(utc(2026, 1, 15, 12, 0), smtp_server)

    by_address = {o.address: o for o in outcomes}
    assert by_address["olive@example.com"].sent
    assert not by_address["sam@example.com"].sent
    assert by_address["sam@example.com"].error.startswith("the mail server refused it (554")
    assert smtp_server.recipients == [["olive@example.com"]]


def test_an_owner_with_the_digest_off_or_without_an_address_gets_nothing(
    owner, outsider, smtp_server
):
    digest_on(owner)
    services.update_settings(owner, enabled=False, hour=7, address="sam@example.com")
    services.settings_for(outsider)

    assert send_at(utc(2026, 1, 15, 12, 0), smtp_server) == []
    assert smtp_server.messages == []


def test_the_digest_shows_only_the_owners_agenda(owner, outsider, smtp_server, agenda):
    task_service.add_task(outsider, "Olive's own task", "2026-01-15", today=dt.date(2026, 1, 15))
    digest_on(owner)

    send_at(utc(2026, 1, 15, 12, 0), smtp_server)

    assert "Olive's own task" not in smtp_server.only().as_string()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"enabled": True, "hour": 7, "address": ""},
            "address",
            "address: give the email address the digest should go to.",
        ),
        (
            {"enabled": True, "hour": 7, "address": "sam@"},
            "address",
            "address: 'sam@' is not an email address; check it for typos.",
        ),
        (
            {"enabled": True, "hour": "24", "address": "sam@example.com"},
            "hour",
            "hour: '24' is not an hour; choose 0 to 23 (7 is 07:00).",
        ),
    ],
)
def test_bad_settings_are_one_sentence_and_save_nothing(owner, changes, field, message):
    services.update_settings(owner, enabled=False, hour=9, address="old@example.com")

    with pytest.raises(InputError) as caught:
        services.update_settings(owner, **changes)

    assert (caught.value.field, str(caught.value)) == (field, message)
    stored = DigestSettings.objects.get(owner=owner)
    assert (stored.enabled, stored.hour, stored.address) == (False, 9, "old@example.com")


def test_a_test_send_claims_nothing(owner, smtp_server, agenda):
    digest_on(owner)

    with time_machine.travel(utc(2026, 1, 15, 9, 0), tick=False):
        address = services.send_test(
            owner, utc(2026, 1, 15, 9, 0), connection=smtp_server.connection()
        )

    assert address == "sam@example.com"
    assert len(smtp_server.messages) == 1
    assert DigestSettings.objects.get(owner=owner).last_sent_on is None
    assert len(send_at(utc(2026, 1, 15, 12, 0), smtp_server)) == 1
