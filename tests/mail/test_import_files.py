"""Mailbox and calendar files: matching, directions, days, idempotency, threads, junk."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine

from followthrough import engine
from followthrough.mail import files, ics, service
from followthrough.mail.models import CalendarEvent, MailMessage, Suggestion, UnknownAddress
from followthrough.tracker.models import Interaction, Kind
from followthrough.tracker.services.errors import InputError
from tests.cli_helpers import failure, ok

from .conftest import sample


def import_mbox(owner, name, **options):
    with sample(name).open("rb") as stream:
        return service.import_mbox_stream(owner, stream, name, **options)


def emails(owner):
    return list(
        Interaction.objects.filter(owner=owner, kind=Kind.EMAIL).order_by("occurred_on", "id")
    )


def test_thunderbird_mbox_logs_known_people_with_direction_day_and_decoded_subject(seeker, owner):
    outcome = import_mbox(owner, "thunderbird.mbox")
    assert (outcome.read, outcome.logged, outcome.not_known) == (3, 2, 1)
    out, reply = emails(owner)
    assert out.direction == "out" and out.summary == "Café next week?"
    assert out.occurred_on == dt.date(2026, 2, 2)
    assert list(out.people.all()) == [seeker["renee"]]
    # Tue 3 Feb 23:30 in California is Wed 4 Feb 08:30 in Paris.
    assert reply.direction == "in" and reply.occurred_on == dt.date(2026, 2, 4)
    assert reply.summary == "Re: Café next week?"
    # The reply in the thread answers the first message.
    assert out.awaiting_reply is False and reply.awaiting_reply is False


def test_day_is_the_workspace_time_zone_day(seeker, owner):
    owner.workspace.time_zone = "America/Los_Angeles"
    owner.workspace.save()
    import_mbox(owner, "thunderbird.mbox")
    assert emails(owner)[1].occurred_on == dt.date(2026, 2, 3)


def test_reimport_adds_nothing(seeker, owner):
    import_mbox(owner, "thunderbird.mbox")
    again = import_mbox(owner, "thunderbird.mbox")
    assert (again.logged, again.already) == (0, 3)
    assert len(emails(owner)) == 2
    assert UnknownAddress.objects.get(owner=owner, address="pat@elsewhere.example").count == 1


def test_unknown_people_are_listed_not_logged_and_no_reply_addresses_left_out(seeker, owner):
    import_mbox(owner, "thunderbird.mbox")
    import_mbox(owner, "gmail.mbox")
    listed = {u.address: u for u in UnknownAddress.objects.filter(owner=owner)}
    assert set(listed) == {"pat@elsewhere.example"}  # Jörg is known; noreply@ is left out
    assert listed["pat@elsewhere.example"].name == "Pat Unknown"
    assert listed["pat@elsewhere.example"].last_on == dt.date(2026, 2, 4)


def test_gmail_mboxrd_encoded_names_and_uppercase_own_address(seeker, owner):
    seeker["joerg"].delete()
    outcome = import_mbox(owner, "gmail.mbox")
    assert (outcome.logged, outcome.not_known) == (1, 1)
    (out,) = emails(owner)
    assert out.direction == "out" and out.awaiting_reply is True
    joerg = UnknownAddress.objects.get(owner=owner, address="joerg@initech.example")
    assert joerg.name == "Jörg Müller"


def test_mboxrd_and_mboxo_from_lines_are_unquoted():
    stream = io.BytesIO(
        b"From x\nSubject: a\n\n>From here\n>>From there\nFrom y\nSubject: b\n\nz\n"
    )
    first, second = files.mbox_messages(stream, "t.mbox")
    assert b"\nFrom here\n>From there\n" in first and second.startswith(b"Subject: b")


def test_unanswered_outbound_mail_feeds_the_nudge_and_a_reply_ends_it(seeker, owner):
    import_mbox(owner, "gmail.mbox")  # Sam wrote to Omar on 10 Feb
    day = dt.date(2026, 2, 18)
    items = engine.evaluate(engine.load_facts(owner, day), day)
    assert [i.title for i in items if i.rule == "nudge"] == ["Nudge Omar Haddad"]
    service.import_eml_bytes(owner, [("invite.eml", sample("invite.eml").read_bytes())])
    items = engine.evaluate(engine.load_facts(owner, day), day)
    assert [i for i in items if i.rule == "nudge"] == []


def test_a_reply_in_the_thread_from_someone_else_answers(seeker, owner):
    raw_out = (
        b"Message-ID: <q@example.com>\nDate: Mon, 2 Feb 2026 10:00:00 +0000\n"
        b"From: sam@example.com\nTo: omar@globex.example\nSubject: Question\n\nHi\n"
    )
    raw_in = (
        b"Message-ID: <a@acme.example>\nDate: Tue, 3 Feb 2026 10:00:00 +0000\n"
        b"From: renee@acme.example\nTo: sam@example.com\nIn-Reply-To: <q@example.com>\n"
        b"References: <q@example.com>\nSubject: Re: Question\n\nOmar asked me to answer.\n"
    )
    service.import_messages(owner, [raw_in])  # order of arrival does not matter
    service.import_messages(owner, [raw_out])
    out = Interaction.objects.get(owner=owner, direction="out")
    assert out.awaiting_reply is False


def test_hand_logged_email_is_matched_and_left_alone(seeker, owner):
    hand = Interaction.objects.create(
        owner=owner,
        kind=Kind.EMAIL,
        occurred_on=dt.date(2026, 2, 10),
        direction="out",
        summary="My own words",
        awaiting_reply=False,
    )
    hand.people.set([seeker["omar"]])
    outcome = import_mbox(owner, "gmail.mbox")
    assert (outcome.logged, outcome.matched) == (1, 1)  # Jörg's message is logged
    hand.refresh_from_db()
    assert (hand.summary, hand.awaiting_reply) == ("My own words", False)
    assert MailMessage.objects.get(owner=owner, interaction=hand).made is False


def test_invitation_part_logs_the_interview_and_suggests_it(seeker, owner):
    outcome = service.import_eml_bytes(owner, [("invite.eml", sample("invite.eml").read_bytes())])
    assert outcome.events.added == 1
    interview = Interaction.objects.get(owner=owner, kind=Kind.INTERVIEW)
    # 23:00 UTC on 16 Feb is midnight on the 17th in Paris.
    assert interview.occurred_on == dt.date(2026, 2, 17)
    assert list(interview.people.all()) == [seeker["omar"]]
    suggestion = Suggestion.objects.get(owner=owner)
    assert (suggestion.kind, suggestion.opportunity) == ("interview", seeker["analyst"])


def test_rejection_matched_through_the_organization_domain(seeker, owner):
    service.import_eml_bytes(owner, [("rejection.eml", sample("rejection.eml").read_bytes())])
    suggestion = Suggestion.objects.get(owner=owner)
    assert (suggestion.kind, suggestion.opportunity) == ("rejection", seeker["analyst"])
    assert suggestion.phrase == "move forward with other candidates"


def test_german_rejection_matched_through_the_person_organization(seeker, owner):
    service.import_eml_bytes(owner, [("absage.eml", sample("absage.eml").read_bytes())])
    suggestion = Suggestion.objects.get(owner=owner)
    assert (suggestion.kind, suggestion.opportunity) == ("rejection", seeker["engineer"])


def test_snippet_only_when_turned_on_and_quotes_stripped(seeker, owner):
    import_mbox(owner, "thunderbird.mbox")
    assert set(MailMessage.objects.filter(owner=owner).values_list("snippet", flat=True)) == {""}
    MailMessage.objects.all().delete()
    Interaction.objects.all().delete()
    owner.mail_settings.keep_snippet = True
    owner.mail_settings.save()
    import_mbox(owner, "thunderbird.mbox")
    reply = MailMessage.objects.get(owner=owner, message_id="<in-1@acme.example>")
    assert reply.snippet == "Sure, Thursday works!"


def test_junk_files_change_nothing(seeker, owner, tmp_path):
    junk = tmp_path / "junk.mbox"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(InputError, match="not an mbox file"):
        service.import_mbox_stream(owner, junk.open("rb"), "junk.mbox")
    with pytest.raises(InputError, match="not an email message"):
        service.import_eml_bytes(
            owner,
            [("ok.eml", sample("rejection.eml").read_bytes()), ("junk.eml", junk.read_bytes())],
        )
    with pytest.raises(InputError, match="not an iCalendar file"):
        ics.import_ics(owner, junk.read_bytes(), "junk.ics")
    with pytest.raises(InputError, match="cannot be read"):
        ics.import_ics(owner, b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:notadate\n", "bad.ics")
    assert not Interaction.objects.filter(owner=owner).exists()
    assert not MailMessage.objects.exists() and not Suggestion.objects.exists()


def test_google_and_outlook_calendars_keyed_by_uid(seeker, owner):
    outcome = ics.import_ics(owner, sample("google.ics").read_bytes(), "google.ics")
    assert (outcome.added, outcome.no_known_person) == (1, 1)
    coffee = Interaction.objects.get(owner=owner)
    # 23:30 in California on 5 March is 08:30 on the 6th in Paris.
    assert (coffee.kind, coffee.occurred_on, coffee.summary) == (
        Kind.MEETING,
        dt.date(2026, 3, 6),
        "Coffee with Renée",
    )
    again = ics.import_ics(owner, sample("google.ics").read_bytes(), "google.ics")
    assert (again.added, again.unchanged) == (0, 1)
    moved = sample("google.ics").read_bytes().replace(b"20260305T233000", b"20260307T100000")
    assert ics.import_ics(owner, moved, "google.ics").updated == 1
    coffee.refresh_from_db()
    assert coffee.occurred_on == dt.date(2026, 3, 7)
    assert Interaction.objects.filter(owner=owner).count() == 1
    outlook = ics.import_ics(owner, sample("outlook.ics").read_bytes(), "outlook.ics")
    assert outlook.added == 1
    interview = Interaction.objects.get(owner=owner, kind=Kind.INTERVIEW)
    assert interview.occurred_on == dt.date(2026, 3, 9)
    assert list(interview.people.all()) == [seeker["joerg"]]
    cancelled = moved.replace(b"STATUS:CONFIRMED", b"STATUS:CANCELLED")
    assert ics.import_ics(owner, cancelled, "google.ics").removed == 1
    assert CalendarEvent.objects.filter(owner=owner).count() == 2


def test_outsiders_never_see_or_touch_anothers_messages(seeker, owner, outsider):
    import_mbox(owner, "thunderbird.mbox")
    from followthrough.mail import settings as mail_settings

    mail_settings.update(outsider, my_emails=["olive@example.com"])
    outcome = import_mbox(outsider, "thunderbird.mbox")
    assert (outcome.already, outcome.logged) == (0, 0)


@time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC), tick=False)
def test_cli_settings_imports_and_people(db, tmp_path):
    assert "Saved: your addresses sam@example.com." in ok(
        "settings", "--my-email", "Sam@Example.com"
    )
    assert "--my-email: 'nope' is not an email address" in failure("settings", "--my-email", "nope")
    assert "--keep-snippet: 'maybe' is not on or off." in failure(
        "settings", "--keep-snippet", "maybe"
    )
    assert "keep a snippet on" in ok("settings", "--keep-snippet", "on")
    ok("person", "add", "Renée Dupré", "--email", "renee@acme.example")
    out = ok("import", "mbox", str(sample("thunderbird.mbox")))
    assert out.startswith("3 messages read: 2 logged")
    assert "1 new addresses" in out
    assert "pat@elsewhere.example" in ok("mail", "people")
    assert "Added Pat Unknown" in ok("mail", "add", "pat@elsewhere.example")
    assert "Everyone you wrote with is here." in ok("mail", "people")
    assert "error: FILE: there is no file" in failure("import", "eml", str(tmp_path / "nope.eml"))
    assert "not an mbox file" in failure("import", "mbox", str(sample("google.ics")))
    assert "1 added" in ok("import", "ics", str(sample("google.ics")))


def test_people_added_later_get_their_earlier_messages_on_reimport(seeker, owner):
    from followthrough.mail import unknown

    import_mbox(owner, "thunderbird.mbox")
    pat = unknown.add_person(owner, "pat@elsewhere.example")
    again = import_mbox(owner, "thunderbird.mbox")
    assert (again.logged, again.already) == (1, 2)
    lunch = Interaction.objects.get(owner=owner, summary="Lunch")
    assert list(lunch.people.all()) == [pat] and lunch.awaiting_reply is True
    assert import_mbox(owner, "thunderbird.mbox").already == 3
