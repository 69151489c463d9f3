"""``followthrough opp ...`` and ``followthrough log ...``: the pipeline from the command line."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine

from followthrough.tracker.models import Interaction, Opportunity, Person, StageChange
from followthrough.tracker.services import interactions
from tests.cli_helpers import failure, ok, run

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture(autouse=True)
def no_engine_warnings(monkeypatch):
    """Exact output here is the CLI's; the engine's own warnings are tested with the engine."""
    monkeypatch.setattr(interactions, "WARNING_CHECKS", [])




@pytest.fixture
def ada() -> Person:
    ok("person", "add", "Ada Lovelace", "--org", "Acme")
    return Person.objects.get()


@pytest.fixture
def opp(ada) -> Opportunity:
    ok("opp", "add", "Staff Engineer", "--org", "Acme")
    return Opportunity.objects.get()


# Opportunities ------------------------------------------------------------------


def test_opp_add_prints_the_new_id_and_records_the_referrer(ada):
    out = ok(
        "opp", "add", "Staff Engineer", "--org", "Acme", "--referred-by", "Ada",
        "--interest", "5", "--decision-date", "2026-03-20", "--url", "jobs.example/42",
    )  # fmt: skip
    opp = Opportunity.objects.get()
    assert out == f"Added Staff Engineer at Acme (id {opp.pk}), stage lead.\n"
    assert (opp.source, opp.referred_by, opp.interest) == ("referral", ada, 5)
    assert opp.decision_date == dt.date(2026, 3, 20)
    assert opp.stage_changed_on == TODAY
    assert [(link.person, link.role) for link in opp.involved.all()] == [(ada, "referrer")]


def test_opp_add_json_prints_the_opportunity_with_its_people(ada):
    data = json.loads(
        ok("opp", "add", "PM", "--org", "Globex", "--stage", "applied", "--referred-by",
           str(ada.pk), "--json")
    )  # fmt: skip
    opp = Opportunity.objects.get()
    assert data["id"] == opp.pk
    assert (data["role"], data["organization"], data["stage"]) == ("PM", "Globex", "applied")
    assert data["people"] == [{"person_id": ada.pk, "name": "Ada Lovelace", "role": "referrer"}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--decision-date", "soon"], "error: --decision-date: 'soon' is not a date; write it"),
        (["--stage", "dreaming"], "error: stage: 'dreaming' is not one of lead, applied,"),
        (["--interest", "9"], "error: --interest must be from 1 (a little) to 5 (very much).\n"),
        (["--referred-by", "Zed"], "error: --referred-by: nobody called 'Zed' yet;"),
    ],
)
def test_bad_opportunity_input_saves_nothing(args, message):
    assert failure("opp", "add", "PM", "--org", "Globex", *args).startswith(message)
    assert not Opportunity.objects.exists()


def test_opp_list_filters_by_stage_and_activity(opp):
    ok("opp", "add", "Old job", "--org", "Initech", "--stage", "rejected")

    def roles(*args: str) -> list[str]:
        return [o["role"] for o in json.loads(ok("opp", "list", "--json", *args))]

    assert sorted(roles()) == ["Old job", "Staff Engineer"]
    assert roles("--active") == ["Staff Engineer"]
    assert roles("--stage", "rejected") == ["Old job"]
    text = ok("opp", "list")
    assert "Staff Engineer" in text and "Acme" in text and "Rejected" in text
    assert ok("opp", "list", "--stage", "offer") == "No opportunity matches.\n"


def test_opp_move_records_the_day_and_an_offers_deadline(opp):
    out = ok("opp", "move", str(opp.pk), "offer", "--on", "2026-02-27", "--deadline", "2026-03-09")
    assert out == (
        f"Moved Staff Engineer at Acme (id {opp.pk}) to offer on Fri 27 Feb 2026, "
        "deadline Mon 9 Mar 2026.\n"
    )
    opp.refresh_from_db()
    assert (opp.stage, opp.stage_changed_on) == ("offer", dt.date(2026, 2, 27))
    assert opp.offer_deadline == dt.date(2026, 3, 9)
    assert set(StageChange.objects.values_list("stage", "on")) == {
        ("lead", TODAY),
        ("offer", dt.date(2026, 2, 27)),
    }


def test_opp_move_defaults_to_today(opp):
    assert ok("opp", "move", str(opp.pk), "applied").endswith("to applied on Mon 2 Mar 2026.\n")


def test_opp_move_errors_name_the_fix(opp):
    assert failure("opp", "move", "999", "offer") == (
        "error: opp: no opportunity with id '999'; `followthrough opp list` shows the ids.\n"
    )
    assert failure("opp", "move", str(opp.pk), "applied", "--deadline", "2026-03-09") == (
        "error: deadline: only an offer has a deadline; move it to offer.\n"
    )
    assert failure("opp", "move", str(opp.pk), "offer", "--on", "03/01").startswith(
        "error: --on: '03/01' is not a date"
    )
    opp.refresh_from_db()
    assert opp.stage == "lead" and opp.offer_deadline is None


def test_opp_involve_and_show(opp, ada):
    out = ok("opp", "involve", str(opp.pk), "Ada", "--role", "hiring manager")
    assert out == (
        f"Ada Lovelace (id {ada.pk}) is hiring manager for Staff Engineer at Acme (id {opp.pk}).\n"
    )
    ok("log", "interview", "--with", "Ada", "--opp", str(opp.pk), "--decision-date", "2026-03-12")
    data = json.loads(ok("opp", "show", str(opp.pk), "--json"))
    assert data["stage"] == "interviewing"
    assert data["decision_date"] == "2026-03-12"
    assert [(p["name"], p["role"]) for p in data["people"]] == [("Ada Lovelace", "hiring_manager")]
    assert [c["stage"] for c in data["stage_history"]] == ["lead", "interviewing"]
    assert [i["kind"] for i in data["interactions"]] == ["interview"]
    text = ok("opp", "show", str(opp.pk))
    assert text.startswith(f"Staff Engineer at Acme (id {opp.pk})\n  Stage: Interviewing since")
    assert f"  Hiring manager: Ada Lovelace (id {ada.pk})\n" in text
    assert "  Decision date: Thu 12 Mar 2026\n" in text


def test_opp_edit_changes_only_the_fields_given(opp, ada):
    ok("opp", "edit", str(opp.pk), "--interest", "5", "--notes", "Loved the team",
       "--referred-by", "Ada")
    before = Opportunity.objects.get()

    out = ok("opp", "edit", str(opp.pk), "--decision-date", "2026-03-20")

    assert out == f"Updated Staff Engineer at Acme (id {opp.pk}).\n"
    after = Opportunity.objects.get()
    assert after.decision_date == dt.date(2026, 3, 20)
    for field in ("role", "organization_id", "stage", "stage_changed_on", "source", "interest",
                  "offer_deadline", "posting_url", "notes", "referred_by_id"):
        assert getattr(after, field) == getattr(before, field), field
    assert (after.interest, after.notes, after.referred_by) == (5, "Loved the team", ada)
    assert after.source == "posting"  # only the options given change
    assert StageChange.objects.filter(opportunity=opp).count() == 1


def test_opp_edit_sets_every_option_and_prints_json(opp):
    data = json.loads(ok(
        "opp", "edit", str(opp.pk), "--role", "Principal Engineer", "--org", "Globex",
        "--source", "recruiter", "--interest", "4", "--decision-date", "2026-03-12",
        "--deadline", "2026-03-09", "--posting-url", "https://jobs.example/1",
        "--notes", "Call Rita", "--json",
    ))

    assert (data["id"], data["role"], data["organization"]) == (
        opp.pk, "Principal Engineer", "Globex"
    )
    assert (data["source"], data["interest"], data["stage"]) == ("recruiter", 4, "lead")
    assert (data["decision_date"], data["offer_deadline"]) == ("2026-03-12", "2026-03-09")
    assert (data["posting_url"], data["notes"]) == ("https://jobs.example/1", "Call Rita")


def test_opp_edit_clears_a_field_given_empty(opp):
    ok("opp", "edit", str(opp.pk), "--decision-date", "2026-03-20", "--notes", "x")
    ok("opp", "edit", str(opp.pk), "--decision-date", "", "--notes", "")
    after = Opportunity.objects.get()
    assert (after.decision_date, after.notes) == (None, "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--decision-date", "soon"], "'soon' is not a date"),
        (["--role", ""], "role is required"),
        (["--interest", "9"], "interest must be from 1 (a little) to 5"),
    ],
)
def test_opp_edit_refuses_bad_input_and_changes_nothing(opp, args, message):
    assert message in failure("opp", "edit", str(opp.pk), *args)
    assert Opportunity.objects.get().role == "Staff Engineer"


def test_another_owners_opportunity_is_not_found(outsider):
    from followthrough.tracker.models import Organization

    org = Organization.objects.create(owner=outsider, name="Hidden")
    theirs = Opportunity.objects.create(owner=outsider, organization=org, role="Secret")
    assert "no opportunity with id" in failure("opp", "show", str(theirs.pk))
    assert "no opportunity with id" in failure("opp", "move", str(theirs.pk), "offer")
    assert "no opportunity with id" in failure("opp", "edit", str(theirs.pk), "--notes", "x")
    theirs.refresh_from_db()
    assert theirs.stage == "lead"
    assert json.loads(ok("opp", "list", "--json")) == []


# Logging --------------------------------------------------------------------------


def test_log_prints_what_was_logged_and_defaults_to_today(ada):
    out = ok("log", "coffee", "--with", "Ada", "--summary", "Talked shop", "--rapport", "rowing")
    interaction = Interaction.objects.get()
    assert out == f"Logged coffee with Ada Lovelace on Mon 2 Mar 2026 (id {interaction.pk}).\n"
    assert interaction.occurred_on == TODAY
    assert interaction.direction == "out"
    assert (interaction.summary, interaction.rapport_note) == ("Talked shop", "rowing")


def test_log_records_every_option(ada, opp):
    ok("person", "add", "Bo")
    bo = Person.objects.get(name="Bo")
    out = ok(
        "log", "interview", "--with", "Ada", "-w", str(bo.pk), "--opp", str(opp.pk),
        "--on", "2026-02-27", "--at", "14:30", "--in", "--decision-date", "2026-03-12",
        "--ask", "--give", "--clear-no",
    )  # fmt: skip
    interaction = Interaction.objects.get()
    assert out == (
        f"Logged interview with Ada Lovelace, Bo about Staff Engineer at Acme"
        f" on Fri 27 Feb 2026 (id {interaction.pk}).\n"
        "Moved Staff Engineer at Acme from Lead to Interviewing.\n"  # issue 13: it says so
    )
    assert interaction.occurred_time == dt.time(14, 30)
    assert interaction.direction == "in"
    assert (interaction.asked, interaction.gave, interaction.clear_no) == (True, True, True)
    assert interaction.decision_date == dt.date(2026, 3, 12)
    assert set(interaction.people.all()) == {ada, bo}


def test_log_json_prints_only_the_interaction(ada):
    data = json.loads(ok("log", "email", "--with", "Ada", "--awaiting-reply", "--json"))
    assert data["id"] == Interaction.objects.get().pk
    assert (data["kind"], data["on"], data["direction"]) == ("email", "2026-03-02", "out")
    assert data["awaiting_reply"] is True
    assert data["people"] == [{"id": ada.pk, "name": "Ada Lovelace"}]


def test_a_note_has_no_direction_unless_told(ada):
    assert json.loads(ok("log", "note", "--with", "Ada", "--json"))["direction"] is None


def test_an_unknown_person_is_one_line_and_nothing_is_logged(ada):
    assert failure("log", "call", "--with", "Ada", "--with", "Zed") == (
        "error: --with: nobody called 'Zed' yet; add them first with `followthrough person add`.\n"
    )
    assert not Interaction.objects.exists()


def test_an_ambiguous_name_lists_the_candidates(ada):
    ok("person", "add", "Ada Byron")
    byron = Person.objects.get(name="Ada Byron")
    assert failure("log", "call", "--with", "ada") == (
        f"error: --with: 'ada' could be Ada Byron (id {byron.pk});"
        f" Ada Lovelace (id {ada.pk}) at Acme."
        f" Choose one by its id, e.g. 'Ada Byron (id {byron.pk})'.\n"
    )
    ok("log", "call", "--with", str(byron.pk))
    assert list(Interaction.objects.get().people.all()) == [byron]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--on", "2026-02-30"], "error: --on: '2026-02-30' is not a date: February 2026 has no"),
        (["--at", "2pm"], "error: --at: '2pm' is not a time; write it as HH:MM, e.g. 14:30.\n"),
        (["--decision-date", "x"], "error: --decision-date: 'x' is not a date;"),
        (["--opp", "77"], "error: opp: no opportunity with id '77';"),
        (["--in", "--awaiting-reply"], "error: --awaiting-reply: only something you sent"),
    ],
)
def test_bad_log_input_is_one_line_and_nothing_is_logged(ada, args, message):
    assert failure("log", "email", "--with", "Ada", *args).startswith(message)
    assert not Interaction.objects.exists()


def test_an_unknown_kind_lists_the_kinds(ada):
    assert failure("log", "lunch", "--with", "Ada") == (
        "error: kind: 'lunch' is not one of email, call, meeting, coffee, informational,"
        " interview, message, note.\n"
    )


def test_warnings_go_to_stderr_and_the_interaction_is_saved(ada, monkeypatch):
    def chasing(owner, interaction):
        return [f"the decision date for {interaction.people.get().name} is 2026-03-12."]

    monkeypatch.setattr(interactions, "WARNING_CHECKS", [chasing])
    result = run("log", "email", "--with", "Ada", "--json")
    assert result.exit_code == 0
    assert result.stderr == "warning: the decision date for Ada Lovelace is 2026-03-12.\n"
    assert json.loads(result.stdout)["id"] == Interaction.objects.get().pk

    result = run("log", "email", "--with", "Ada")
    assert result.exit_code == 0
    assert result.stdout.startswith("Logged email with Ada Lovelace")
    assert result.stderr == "warning: the decision date for Ada Lovelace is 2026-03-12.\n"
