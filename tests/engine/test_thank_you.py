"""Rule 1: after an interview, a thank-you note to each person met, due within a day."""

from __future__ import annotations

from followthrough.tracker.models import Rule

from .conftest import d


def _interview(search):
    ana = search.person("Ana Ruiz")
    ben = search.person("Ben Okafor")
    opp = search.opportunity("Product Designer", "Acme")
    search.log("interview", [ana, ben], "Mar 2", opportunity=opp)
    return ana, ben, opp


def test_an_interview_with_two_people_makes_one_thank_you_each_due_the_next_day(search):
    ana, ben, opp = _interview(search)

    # On the agenda from the interview's own day (issue 9, point 2), due the next.
    assert {i.due for i in search.items("Mar 2", Rule.THANK_YOU)} == {d("Mar 3")}
    items = search.items("Mar 3", Rule.THANK_YOU)

    assert sorted(i.person_id for i in items) == sorted([ana.pk, ben.pk])
    assert {i.due for i in items} == {d("Mar 3")}
    assert {i.opportunity_id for i in items} == {opp.pk}
    first = next(i for i in items if i.person_id == ana.pk)
    assert first.reason == (
        "You interviewed with Ana Ruiz on Mon 2 Mar 2026; thank-you notes are due within a day."
    )
    assert first.title == "Send Ana Ruiz a thank-you note"


def test_an_outbound_email_on_the_interview_day_handles_that_persons_thank_you(search):
    ana, ben, _ = _interview(search)
    search.log("email", ana, "Mar 2", summary="Thank you for today")

    assert [i.person_id for i in search.items("Mar 3", Rule.THANK_YOU)] == [ben.pk]


def test_an_email_sent_before_the_interview_or_received_after_does_not_count(search):
    ana, _, _ = _interview(search)
    search.log("email", ana, "Mar 1", summary="Looking forward to tomorrow")
    search.log("email", ana, "Mar 3", direction="in", summary="Thanks for coming in")

    assert ana.pk in [i.person_id for i in search.items("Mar 3", Rule.THANK_YOU)]


def test_the_thank_you_stays_overdue_on_the_agenda_until_the_note_is_logged(search):
    ana, _, _ = _interview(search)

    late = [i for i in search.agenda("Mar 5", Rule.THANK_YOU) if i.person_id == ana.pk]
    assert [(i.due, i.overdue_days) for i in late] == [(d("Mar 3"), 2)]

    search.log("message", ana, "Mar 5", summary="Thank you, and the article I mentioned")
    assert ana.pk not in [i.person_id for i in search.agenda("Mar 5", Rule.THANK_YOU)]


def test_an_informational_interview_earns_a_thank_you_too(search):
    cleo = search.person("Cleo Park")
    search.log("informational", cleo, "Mar 2")

    (item,) = search.items("Mar 3", Rule.THANK_YOU)
    assert item.reason.startswith(
        "You had an informational interview with Cleo Park on Mon 2 Mar 2026;"
    )
    assert item.opportunity_id is None


def test_the_window_is_a_setting(search):
    search.workspace(thank_you_days=2)
    _interview(search)

    assert {i.due for i in search.items("Mar 3", Rule.THANK_YOU)} == {d("Mar 4")}
    items = search.items("Mar 4", Rule.THANK_YOU)
    assert {i.due for i in items} == {d("Mar 4")}
    assert "due within 2 days" in items[0].reason


def test_a_later_interview_with_the_same_person_makes_one_note_not_two(search):
    ana, ben, opp = _interview(search)
    search.log("interview", ana, "Mar 9", opportunity=opp)

    items = search.items("Mar 10", Rule.THANK_YOU)
    assert sorted((i.person_id, i.due) for i in items) == sorted(
        [(ana.pk, d("Mar 10")), (ben.pk, d("Mar 3"))]
    )


def test_a_note_nobody_sent_lapses_two_weeks_after_it_was_due(search):
    _interview(search)

    assert len(search.items("Mar 17", Rule.THANK_YOU)) == 2
    assert search.items("Mar 18", Rule.THANK_YOU) == []


def test_a_coffee_or_a_meeting_after_the_interview_is_not_the_thank_you_note(search):
    ana, ben, _ = _interview(search)
    search.log("coffee", ana, "Mar 2")
    search.log("meeting", ben, "Mar 3")

    assert sorted(i.person_id for i in search.items("Mar 3", Rule.THANK_YOU)) == sorted(
        [ana.pk, ben.pk]
    )


def test_a_thank_you_call_counts_as_the_note(search):
    ana, ben, _ = _interview(search)
    search.log("call", ana, "Mar 3", summary="Called to say thanks")

    assert [i.person_id for i in search.items("Mar 3", Rule.THANK_YOU)] == [ben.pk]
