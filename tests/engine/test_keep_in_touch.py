"""Rule 11: keep in touch on a cadence, and birthdays every year."""

from __future__ import annotations

from followthrough.tracker.models import Rule, Task

from .conftest import d


def test_a_30_day_cadence_last_met_jan_1_is_due_jan_31(search):
    kim = search.person("Kim Lee", on="2025-12-01", cadence_days=30)
    search.log("coffee", kim, "2026-01-01")

    assert search.items("Jan 30", Rule.KEEP_IN_TOUCH) == []
    (item,) = search.items("Jan 31", Rule.KEEP_IN_TOUCH)
    assert (item.due, item.person_id) == (d("Jan 31"), kim.pk)
    assert item.title == "Keep in touch with Kim Lee"
    assert item.reason == (
        "You last talked with Kim Lee on Thu 1 Jan 2026; you meant to connect every 30 days, "
        "just to connect, with no request."
    )


def test_meeting_them_resets_the_clock(search):
    kim = search.person("Kim Lee", on="2025-12-01", cadence_days=30)
    search.log("coffee", kim, "2026-01-01")
    (before,) = search.agenda("Feb 3", Rule.KEEP_IN_TOUCH)

    search.log("call", kim, "Feb 3", direction="in")

    assert search.agenda("Feb 3", Rule.KEEP_IN_TOUCH) == []
    (after,) = search.items("Mar 5", Rule.KEEP_IN_TOUCH)
    assert after.due == d("Mar 5")
    assert after.key != f"keep-in-touch:{kim.pk}:2026-01-31"
    assert not Task.objects.filter(pk=before.id).exists()


def test_without_any_contact_the_clock_starts_when_met_or_when_added(search):
    met = search.person("Lou Ames", on="Jan 10", cadence_days=30, met_on="2026-01-05")
    added = search.person("Noor Haddad", on="Jan 10", cadence_days=30)

    items = {i.person_id: i for i in search.items("Feb 9", Rule.KEEP_IN_TOUCH)}
    assert items[met.pk].due == d("Feb 4")
    met_reason = items[met.pk].reason
    assert met_reason.startswith("You met Lou Ames on Mon 5 Jan 2026 and have not talked since;")
    assert items[added.pk].due == d("Feb 9")


def test_a_note_to_self_is_not_keeping_in_touch(search):
    kim = search.person("Kim Lee", on="2025-12-01", cadence_days=30)
    search.log("coffee", kim, "2026-01-01")
    search.log("note", kim, "Jan 20", summary="Kim changed jobs")

    assert [i.due for i in search.items("Feb 1", Rule.KEEP_IN_TOUCH)] == [d("Jan 31")]


def test_a_person_without_a_cadence_is_never_due(search):
    search.person("Kim Lee", on="2025-12-01")

    assert search.items("Dec 1", Rule.KEEP_IN_TOUCH) == []


def test_a_birthday_with_or_without_a_year_makes_an_item_on_the_day_every_year(search):
    ada = search.person("Ada Byrne", birthday="1990-03-12")
    bo = search.person("Bo Ek", birthday="--03-12")

    assert search.items("Mar 11", Rule.BIRTHDAY) == []
    items = search.items("Mar 12", Rule.BIRTHDAY)
    assert {(i.person_id, i.due) for i in items} == {(ada.pk, d("Mar 12")), (bo.pk, d("Mar 12"))}
    assert items[0].key.endswith(":2026")
    next_year = search.items("2027-03-12", Rule.BIRTHDAY)
    assert {i.key for i in next_year} == {f"birthday:{ada.pk}:2027", f"birthday:{bo.pk}:2027"}
    assert next(i for i in items if i.person_id == ada.pk).reason == (
        "It is Ada Byrne's birthday on Thu 12 Mar 2026; a short note with no request keeps the "
        "connection warm."
    )


def test_a_february_29_birthday_falls_on_february_28_in_other_years(search):
    leap = search.person("Lea Pham", birthday="--02-29")

    assert [(i.person_id, i.due) for i in search.items("2027-02-28", Rule.BIRTHDAY)] == [
        (leap.pk, d("2027-02-28"))
    ]
    assert [i.due for i in search.items("2028-02-29", Rule.BIRTHDAY)] == [d("2028-02-29")]
    assert search.items("2028-02-28", Rule.BIRTHDAY) == []


def test_a_birthday_greeting_handles_it_and_an_unsent_one_lapses_after_a_week(search):
    ada = search.person("Ada Byrne", birthday="1990-03-12")
    bo = search.person("Bo Ek", birthday="--03-12")
    search.log("message", ada, "Mar 12", summary="Happy birthday!")

    assert [i.person_id for i in search.items("Mar 13", Rule.BIRTHDAY)] == [bo.pk]
    assert len(search.items("Mar 19", Rule.BIRTHDAY)) == 1
    assert search.items("Mar 20", Rule.BIRTHDAY) == []


def test_someone_met_years_before_they_were_added_is_due_a_cadence_after_adding(search):
    old = search.person("Ria Moss", on="Jan 10", cadence_days=30, met_on="2023-06-01")

    assert search.items("Feb 8", Rule.KEEP_IN_TOUCH) == []
    (item,) = search.items("Feb 9", Rule.KEEP_IN_TOUCH)
    assert item.person_id == old.pk
    assert item.due == d("Feb 9")
    assert item.reason.startswith(
        "You added Ria Moss on Sat 10 Jan 2026 and have not talked since;"
    )


def test_a_birthday_on_the_day_keep_in_touch_is_due_makes_one_item_not_two(search):
    val = search.person("Valeria Ito", on="Jan 2", cadence_days=30, birthday="--03-03")
    search.log("coffee", val, "Feb 1")

    items = [i for i in search.agenda("Mar 3") if i.person_id == val.pk]

    assert [i.rule for i in items] == [Rule.BIRTHDAY]
    assert items[0].reason == (
        "It is Valeria Ito's birthday on Tue 3 Mar 2026; a short note with no request keeps the "
        "connection warm; you also meant to connect every 30 days, and the greeting covers it."
    )


def test_the_birthday_takes_over_a_keep_in_touch_item_already_on_the_agenda(search):
    val = search.person("Valeria Ito", on="Jan 2", cadence_days=30, birthday="--03-03")
    search.log("coffee", val, "Jan 30")
    (before,) = search.agenda("Mar 2", Rule.KEEP_IN_TOUCH)

    assert [i.rule for i in search.agenda("Mar 3") if i.person_id == val.pk] == [Rule.BIRTHDAY]
    assert not Task.objects.filter(pk=before.id).exists()

    search.log("message", val, "Mar 3", summary="Happy birthday!")
    assert [i for i in search.agenda("Mar 3") if i.person_id == val.pk] == []
    assert search.items("Apr 1", Rule.KEEP_IN_TOUCH) == []  # the greeting reset the cadence
    assert [i.due for i in search.items("Apr 2", Rule.KEEP_IN_TOUCH)] == [d("Apr 2")]


def test_a_keep_in_touch_item_due_later_than_the_birthday_week_stays_its_own(search):
    val = search.person("Valeria Ito", on="Jan 2", cadence_days=30, birthday="--03-03")
    search.log("coffee", val, "Feb 9")  # keep-in-touch due Mar 11

    assert [i.rule for i in search.items("Mar 3") if i.person_id == val.pk] == [Rule.BIRTHDAY]
    assert [i.rule for i in search.items("Mar 11") if i.person_id == val.pk] == [
        Rule.KEEP_IN_TOUCH
    ]
