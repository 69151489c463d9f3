"""`followthrough settings`, `mode`, `summary --week`, and the chasing warning of `log`."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from typer.testing import CliRunner

from followthrough.cli.app import app
from followthrough.tracker.models import Interaction, Mode, Workspace
from followthrough.tracker.services import interactions as log_service
from followthrough.tracker.services import opportunities as opp_service
from followthrough.tracker.services import people as people_service
from followthrough.tracker.services.owners import local_owner

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)

DEFAULTS = """\
Mode: searching
Time zone: UTC
Thank-you window: 1 day (--thank-you-days)
Nudge after: 7 days (--nudge-after)
Nudges at most: 2 (--max-nudges)
Follow up after: 10 business days (--follow-up-after)
Let go after: 21 days (--let-go-after)
Active opportunities, at least: 3 (--min-active)
Outreach a day, at least: 1 (--daily-outreach)
Keep in touch by default: 90 days (--default-cadence)
Year-end greeting: off (--year-end/--no-year-end)
Search buddy: none yet. Find someone also in transition who agrees to help, and share a \
weekly summary (--buddy NAME).
Your email addresses: none yet (--my-email)
Keep a snippet of each message: off (--keep-snippet)
"""


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    return result.stdout


def failure(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    return result.stderr


def workspace() -> Workspace:
    return Workspace.objects.get(owner=local_owner())


# settings ---------------------------------------------------------------------------


def test_settings_without_options_prints_every_setting_with_its_option():
    assert ok("settings") == DEFAULTS


def test_settings_saves_what_it_is_given_and_says_so():
    out = ok("settings", "--nudge-after", "5", "--time-zone", "europe/paris", "--max-nudges", "1")
    assert out == "Saved: nudge after 5 days, nudges at most 1, time zone Europe/Paris.\n"
    saved = workspace()
    assert (saved.nudge_after_days, saved.time_zone, saved.max_nudges) == (5, "Europe/Paris", 1)
    assert saved.let_go_after_days == 21


def test_settings_show_prints_everything_after_a_change():
    out = ok("settings", "--daily-outreach", "2", "--show")
    assert out.splitlines()[0] == "Saved: outreach a day, at least 2."
    assert "Outreach a day, at least: 2 (--daily-outreach)" in out.splitlines()


def test_settings_json_prints_every_field():
    data = json.loads(ok("settings", "--let-go-after", "30", "--json"))
    assert data == {
        "mode": "searching",
        "time_zone": "UTC",
        "thank_you_days": 1,
        "nudge_after_days": 7,
        "max_nudges": 2,
        "follow_up_business_days": 10,
        "let_go_after_days": 30,
        "min_active_opportunities": 3,
        "daily_outreach_goal": 1,
        "default_cadence_days": 90,
        "landed_on": None,
        "year_end_greeting": False,
        "buddy": None,
        "my_emails": [],
        "keep_snippet": False,
    }


@pytest.mark.parametrize(
    "args, message",
    [
        (["--nudge-after", "0"], "--nudge-after: write a whole number from 1 to 60."),
        (["--max-nudges", "many"], "--max-nudges: 'many' is not a whole number."),
        (["--min-active", "-1"], "--min-active: write a whole number from 0 to 50."),
        (
            ["--time-zone", "Mars/Olympus"],
            "--time-zone: 'Mars/Olympus' is not a time zone; use a name such as Europe/Paris "
            "or America/New_York.",
        ),
    ],
)
def test_a_bad_setting_is_one_line_and_nothing_is_saved(args, message):
    assert failure("settings", "--thank-you-days", "3", *args) == f"error: {message}\n"
    assert workspace().thank_you_days == 1


# mode -------------------------------------------------------------------------------


def test_mode_switches_to_landed_and_back():
    assert ok("mode", "landed") == (
        "Mode: landed. You have landed: the job-search rules rest, while keep-in-touch, "
        "birthdays, give-first and the thanks to those who helped go on.\n"
    )
    assert workspace().mode == Mode.LANDED
    assert ok("mode").startswith("Mode: landed.")
    assert ok("mode", "searching") == (
        "Mode: searching. The job-search rules are on: thank-yous, follow-ups, nudges, "
        "letting go, momentum, offer timing and the buddy summary.\n"
    )
    assert json.loads(ok("mode", "--json"))["mode"] == "searching"


def test_an_unknown_mode_is_one_line():
    assert failure("mode", "asleep") == "error: MODE: 'asleep' is not one of searching, landed.\n"
    assert workspace().mode == Mode.SEARCHING


# summary ----------------------------------------------------------------------------


def a_week_of_search():
    owner = local_owner()
    ann = people_service.add_person(
        owner, people_service.PersonInput(name="Ann Lee", situation="hiring_manager")
    )
    opp = opp_service.add_opportunity(
        owner, opp_service.OpportunityInput(role="Engineer", organization="Acme"), TODAY
    )
    opp_service.move(owner, opp, "applied", on=dt.date(2026, 2, 24))

    def log(kind, on, **fields):
        data = log_service.LogInput(kind=kind, people=[ann], on=on, **fields)
        log_service.log_interaction(owner, data, on)

    log("email", dt.date(2026, 2, 23), direction="out")
    log("interview", dt.date(2026, 2, 25), opportunity=opp.pk)
    log("email", dt.date(2026, 2, 26), direction="out", opportunity=opp.pk)
    log("coffee", dt.date(2026, 2, 27))
    return ann, opp


def test_summary_week_prints_the_text_for_the_buddy():
    a_week_of_search()
    assert ok("summary", "--week", "--on", "2026-02-26") == (
        "My job search, 23 Feb \N{EN DASH} 1 Mar 2026\n"
        "\n"
        "Outreach:                 4\n"
        "Applications:             1\n"
        "Interviews:               1\n"
        "Informational interviews: 0\n"
        "Thank-you notes:          1\n"
        "Follow-ups:               0\n"
        "New contacts:             0\n"
        "Outreach streak:          3 days\n"
        "\n"
        "How did your week go?\n"
    )


def test_summary_json_has_every_figure():
    a_week_of_search()
    data = json.loads(ok("summary", "--week", "--on", "2026-03-01", "--json"))
    assert data == {
        "start": "2026-02-23",
        "end": "2026-03-01",
        "outreach": 4,
        "applications": 1,
        "interviews": 1,
        "informational_interviews": 0,
        "thank_yous": 1,
        "follow_ups": 0,
        "new_contacts": 0,
        "streak": 3,
    }


def test_summary_defaults_to_this_week():
    a_week_of_search()
    data = json.loads(ok("summary", "--json"))
    assert (data["start"], data["end"], data["outreach"]) == ("2026-03-02", "2026-03-08", 0)
    assert data["streak"] == 3  # as of today: Wed 25 to Fri 27, and the weekend breaks nothing


def test_summary_rejects_a_bad_day():
    assert failure("summary", "--week", "--on", "Friday") == (
        "error: --on: 'Friday' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-12.\n"
    )


# log: the chasing warning -------------------------------------------------------------


def test_logging_before_the_decision_date_warns_on_stderr_and_saves():
    _, opp = a_week_of_search()
    opp.decision_date = dt.date(2026, 3, 12)
    opp.save()
    result = run("log", "email", "--with", "Ann", "--opp", str(opp.pk), "--out")
    assert result.exit_code == 0, result.stderr
    saved = Interaction.objects.filter(owner=local_owner()).latest("id")
    assert result.stdout == (
        f"Logged email with Ann Lee about Engineer at Acme on Mon 2 Mar 2026 (id {saved.pk}).\n"
    )
    assert result.stderr == (
        "warning: The decision date for Engineer at Acme is Thu 12 Mar 2026; "
        "following up before it reads as chasing.\n"
    )
    assert (saved.kind, saved.opportunity_id, saved.occurred_on) == ("email", opp.pk, TODAY)


def test_the_warning_keeps_json_on_stdout_parseable():
    _, opp = a_week_of_search()
    opp.decision_date = dt.date(2026, 3, 12)
    opp.save()
    result = run("log", "email", "--with", "Ann", "--opp", str(opp.pk), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["opportunity_id"] == opp.pk
    assert result.stderr.startswith(
        "warning: The decision date for Engineer at Acme is Thu 12 Mar 2026"
    )


def test_no_warning_on_or_after_the_decision_date():
    _, opp = a_week_of_search()
    opp.decision_date = dt.date(2026, 3, 2)
    opp.save()
    assert ok("log", "email", "--with", "Ann", "--opp", str(opp.pk)).startswith("Logged email")
