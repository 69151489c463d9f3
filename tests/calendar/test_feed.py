"""The calendar feed, read back by two independent parsers (icalendar and vobject)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
import pytest
import vobject
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followthrough.calendar_feed import services
from followthrough.tracker.models import Stage
from followthrough.tracker.services import people as people_service
from followthrough.tracker.services import tasks as task_service

from .conftest import TODAY, make_search

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def feed_bytes(client, owner) -> bytes:
    token = services.token_for(owner).token
    response = client.get(reverse("calendar-feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def events_by_uid(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    return {str(event["UID"]): event for event in cal.walk("VEVENT")}


def uid(kind: str, pk: int) -> str:
    return f"{kind}-{pk}@followthrough.invalid"


def test_the_feed_has_the_rfc_5545_required_properties_for_both_parsers(client, owner, search):
    data = feed_bytes(client, owner)

    cal = icalendar.Calendar.from_ical(data)
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"] == "-//Followthrough//Followthrough calendar//EN"
    events = cal.walk("VEVENT")
    assert len(events) >= 7
    for event in events:
        assert event["UID"] and event["SUMMARY"]
        stamp = event.decoded("DTSTAMP")
        assert isinstance(stamp, dt.datetime) and stamp.utcoffset() == dt.timedelta(0)
        assert "DTSTART" in event

    parsed = vobject.readOne(data.decode())
    assert parsed.version.value == "2.0"
    assert parsed.prodid.value == cal["PRODID"]
    vevents = parsed.vevent_list
    assert sorted(e.uid.value for e in vevents) == sorted(str(e["UID"]) for e in events)
    for vevent in vevents:
        assert vevent.dtstamp.value.tzinfo is not None
        assert vevent.dtstart.value


def test_due_items_are_all_day_with_an_exclusive_end(client, owner, search):
    data = feed_bytes(client, owner)
    event = events_by_uid(data)[uid("task", search.task.pk)]

    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event.decoded("DTSTART") == dt.date(2026, 3, 3)
    assert event.decoded("DTEND") == dt.date(2026, 3, 4)
    assert str(event["SUMMARY"]) == "Send Ada the article"
    assert event["CATEGORIES"].cats == ["manual"]
    assert "DTSTART;VALUE=DATE:20260303" in data.decode()

    vevent = next(
        e
        for e in vobject.readOne(data.decode()).vevent_list
        if e.uid.value == uid("task", search.task.pk)
    )
    assert vevent.dtstart.value == dt.date(2026, 3, 3)
    assert vevent.dtend.value == dt.date(2026, 3, 4)


def test_an_overdue_item_shows_on_today_and_says_since_when(client, owner, search):
    event = events_by_uid(feed_bytes(client, owner))[uid("task", search.overdue.pk)]

    assert event.decoded("DTSTART") == TODAY
    assert event.decoded("DTEND") == TODAY + dt.timedelta(days=1)
    assert "Overdue since Tue 24 Feb 2026." in str(event["DESCRIPTION"])


def test_done_and_dismissed_items_leave_the_feed(client, owner, search):
    task_service.complete(owner, search.task)
    task_service.dismiss(owner, search.overdue)

    events = events_by_uid(feed_bytes(client, owner))

    assert uid("task", search.task.pk) not in events
    assert uid("task", search.overdue.pk) not in events


def test_an_item_keeps_its_uid_when_it_is_snoozed_or_moved(client, owner, search):
    before = events_by_uid(feed_bytes(client, owner))
    task_service.snooze(owner, search.task, "2026-03-10", today=TODAY)
    search.opp.decision_date = dt.date(2026, 3, 27)
    search.opp.save()

    after = events_by_uid(feed_bytes(client, owner))

    assert set(before) == set(after)
    assert after[uid("task", search.task.pk)].decoded("DTSTART") == dt.date(2026, 3, 10)
    assert after[uid("decision", search.opp.pk)].decoded("DTSTART") == dt.date(2026, 3, 27)


def test_decision_dates_are_all_day_events_of_active_opportunities(client, owner, search):
    event = events_by_uid(feed_bytes(client, owner))[uid("decision", search.opp.pk)]
    assert str(event["SUMMARY"]) == "Decision expected: Data Engineer at Acme"
    assert event.decoded("DTSTART") == dt.date(2026, 3, 20)
    assert event.decoded("DTEND") == dt.date(2026, 3, 21)
    assert str(event["URL"]).endswith(reverse("opportunity-detail", args=[search.opp.pk]))

    search.opp.stage = Stage.REJECTED
    search.opp.save()
    assert uid("decision", search.opp.pk) not in events_by_uid(feed_bytes(client, owner))


def test_interviews_are_timed_in_the_owners_time_zone_across_daylight_saving(client, owner, search):
    data = feed_bytes(client, owner)
    events = events_by_uid(data)

    before = events[uid("interview", search.interview.pk)]
    start = before.decoded("DTSTART")
    assert start == dt.datetime(2026, 3, 5, 14, 0, tzinfo=dt.UTC)  # 09:00 EST
    assert start.astimezone(NEW_YORK).replace(tzinfo=None) == dt.datetime(2026, 3, 5, 9, 0)
    assert before.decoded("DTEND") - start == dt.timedelta(hours=1)
    assert str(before["SUMMARY"]) == "Interview with Ada Lovelace (Data Engineer at Acme)"

    # The clocks changed on the 8th: 14:30 EDT is 18:30 UTC, not 19:30.
    after = events[uid("interview", search.after_dst.pk)]
    assert after.decoded("DTSTART") == dt.datetime(2026, 3, 12, 18, 30, tzinfo=dt.UTC)
    assert f"UID:{uid('interview', search.after_dst.pk)}" in data.decode()
    assert "DTSTART:20260312T183000Z" in data.decode()
    assert "X-WR-TIMEZONE:America/New_York" in data.decode()

    vevent = next(
        e
        for e in vobject.readOne(data.decode()).vevent_list
        if e.uid.value == uid("interview", search.after_dst.pk)
    )
    assert vevent.dtstart.value.astimezone(NEW_YORK).replace(tzinfo=None) == dt.datetime(
        2026, 3, 12, 14, 30
    )


def test_an_interview_without_a_time_is_all_day_and_other_kinds_stay_out(client, owner, search):
    events = events_by_uid(feed_bytes(client, owner))

    untimed = events[uid("interview", search.untimed.pk)]
    assert untimed.decoded("DTSTART") == dt.date(2026, 3, 4)
    assert untimed.decoded("DTEND") == dt.date(2026, 3, 5)
    assert "Connected on: rowing" in str(untimed["DESCRIPTION"])
    assert uid("interview", search.call.pk) not in events


def test_birthdays_recur_yearly_from_the_year_the_person_was_added(client, owner, search):
    data = feed_bytes(client, owner)
    events = events_by_uid(data)

    ada = events[uid("birthday", search.ada.pk)]
    assert str(ada["SUMMARY"]) == "Birthday: Ada Lovelace"
    assert ada.decoded("DTSTART") == dt.date(2026, 12, 10)
    assert ada.decoded("DTEND") == dt.date(2026, 12, 11)
    assert ada["RRULE"]["FREQ"] == ["YEARLY"]

    # 29 February: the last day of February in other years, from a leap year.
    bo = events[uid("birthday", search.bo.pk)]
    assert bo.decoded("DTSTART") == dt.date(2024, 2, 29)
    assert bo["RRULE"]["BYMONTHDAY"] == [-1]
    vevent = next(
        e
        for e in vobject.readOne(data.decode()).vevent_list
        if e.uid.value == uid("birthday", search.bo.pk)
    )
    assert list(vevent.getrruleset())[:3] == [
        dt.datetime(2024, 2, 29), dt.datetime(2025, 2, 28), dt.datetime(2026, 2, 28),
    ]  # fmt: skip


def test_the_feed_shows_nothing_of_another_owner(client, owner, outsider, search):
    people_service.add_person(outsider, people_service.PersonInput(name="Olive's friend"))
    task_service.add_task(outsider, "Olive's own task", "2026-03-03", today=TODAY)

    mine = feed_bytes(client, owner).decode()
    theirs = feed_bytes(client, outsider).decode()

    assert "Olive's own task" not in mine
    assert "Ada Lovelace" not in theirs and "Send Ada the article" not in theirs
    assert "Olive's own task" in theirs


@pytest.mark.parametrize("token", ["not-a-token", "x" * 43])
def test_an_unknown_token_is_a_plain_404(client, owner, token):
    services.token_for(owner)
    response = client.get(reverse("calendar-feed", args=[token]))
    assert response.status_code == 404
    assert b"Traceback" not in response.content


def test_regenerating_the_token_kills_the_old_url(client, owner, search):
    old = services.token_for(owner).token
    new = services.regenerate(owner).token

    assert new != old and len(new) >= 43
    assert client.get(reverse("calendar-feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar-feed", args=[new])).status_code == 200


def test_the_feed_query_count_does_not_grow_with_its_rows(client, owner, search):
    token = services.token_for(owner).token
    url = reverse("calendar-feed", args=[token])
    client.get(url)  # the rules' tasks settle first
    with CaptureQueriesContext(connection) as few:
        small = client.get(url)
    for n in range(5):
        make_more(owner, n)
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        large = client.get(url)

    assert len(events_by_uid(large.content)) >= len(events_by_uid(small.content)) + 15
    assert len(many) == len(few)


def make_more(owner, n: int) -> None:
    from followthrough.tracker.services import interactions as interaction_service

    person = people_service.add_person(
        owner, people_service.PersonInput(name=f"Extra {n}", birthday=f"--0{n + 1}-1{n}")
    )
    task_service.add_task(owner, f"Extra task {n}", "2026-03-05", today=TODAY, person=person)
    interaction_service.log_interaction(
        owner,
        interaction_service.LogInput(
            kind="interview", people=[person], on="2026-03-06", at=dt.time(10, n)
        ),
        TODAY,
    )


def test_a_single_interview_downloads_as_an_ics_file(owner_client, owner, search):
    response = owner_client.get(reverse("interview-ics", args=[search.after_dst.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="interview-2026-03-12.ics"'
    events = events_by_uid(response.content)
    assert list(events) == [uid("interview", search.after_dst.pk)]
    event = events[uid("interview", search.after_dst.pk)]
    assert event.decoded("DTSTART").astimezone(NEW_YORK).hour == 14
    parsed = vobject.readOne(response.content.decode())
    assert parsed.vevent.uid.value == uid("interview", search.after_dst.pk)
    assert parsed.vevent.dtstart.value == dt.datetime(2026, 3, 12, 18, 30, tzinfo=dt.UTC)


def test_an_outsider_cannot_download_someone_elses_interview(outsider_client, owner):
    search = make_search(owner)
    response = outsider_client.get(reverse("interview-ics", args=[search.after_dst.pk]))
    assert response.status_code == 404


def test_a_call_has_no_interview_download(owner_client, search):
    assert owner_client.get(reverse("interview-ics", args=[search.call.pk])).status_code == 404
