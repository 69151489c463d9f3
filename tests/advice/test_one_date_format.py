"""Issue 13, point 12: one date format in every sentence the app writes.

A rule's reason and title, a warning, a command's line: "Thu 12 Mar 2026", as on
the pages. A message drafted to someone else spells it out ("Thursday 12
March"). ISO 8601 only where machines read it (``--json``, the exports).

``stray`` finds any other way of writing a day ("Mar 12", "12 Mar", "March 12",
"2026-03-12"), so a new rule or command that formats a day by hand fails here.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from followthrough.cli.app import app
from followthrough.drafts.services import render_draft
from followthrough.tracker.models import Rule, Task
from followthrough.tracker.services.interactions import LogInput, log_interaction
from followthrough.tracker.services.jobfields import JobFields
from tests.cli_helpers import ok, run

from .conftest import d, frozen

_WEEKDAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_MON = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_MONTH = (
    "(?:January|February|March|April|May|June|July|August|September|October|November"
    "|December)"
)
ONE = re.compile(rf"\b{_WEEKDAY} \d{{1,2}} {_MON} \d{{4}}\b")
"""The app's one format."""
LETTER = re.compile(rf"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d{{1,2}} {_MONTH}\b")
"""A day in a drafted message."""
_STRAY = re.compile(
    rf"\b\d{{4}}-\d\d-\d\d\b|\b{_MON}\.? \d{{1,2}}\b|\b{_MONTH} \d{{1,2}}\b"
    rf"|\b\d{{1,2}} {_MON}\b|\b\d{{1,2}} {_MONTH}\b"
)


def stray(text: str, allowed: re.Pattern = ONE) -> list[str]:
    """The days in ``text`` written some other way than ``allowed``."""
    return _STRAY.findall(allowed.sub("", text))


def test_stray_catches_every_other_way_of_writing_a_day():
    assert stray("on Thu 12 Mar 2026, then Mon 16 Mar 2026.") == []
    for other in ("Mar 12", "12 Mar", "March 12", "12 March", "2026-03-12", "Thu 12 Mar"):
        assert stray(f"decide by {other}; then") != [], other
    assert stray("on Thursday 12 March, then", LETTER) == []


@pytest.fixture
def story(search, signed):
    """Sam's March: an interview with a stated date, chasing, a follow-up and the
    let-go; an unanswered note and its nudges; a clear no; an interview written down
    ahead; a birthday, a cadence, a posting's apply-by date and an offer."""
    hana = search.person("Hana Sato", emails=["hana@acme.example"])
    acme = search.opportunity("Designer", "Acme", stage="applied")
    search.involve(acme, hana, "hiring_manager")
    search.log("interview", hana, "Mar 2", opportunity=acme, decision_date="Mar 12",
               rapport_note="rowing")
    search.log("email", hana, "Mar 2", opportunity=acme, summary="Thank you")
    warnings = search.log("email", hana, "Mar 9", opportunity=acme, summary="Any news?").warnings
    search.log("email", hana, "Mar 12", opportunity=acme, summary="Following up")
    warnings += search.log("call", hana, "Mar 20", opportunity=acme).warnings

    pia = search.person("Pia Lund", emails=["pia@initech.example"])
    search.log("email", pia, "Mar 2", awaiting_reply=True, summary="the analyst role")
    search.log("email", pia, "Mar 9", awaiting_reply=True, summary="nudge")

    rex = search.person("Rex Moe")
    globex = search.opportunity("Analyst", "Globex", stage="applied")
    search.log("email", rex, "Mar 2", awaiting_reply=True, opportunity=globex)
    search.log("call", rex, "Mar 4", direction="in", clear_no=True, opportunity=globex)
    search.log("email", rex, "Mar 4", opportunity=globex, summary="Thanks anyway")
    warnings += search.log("email", rex, "Mar 9", opportunity=globex).warnings

    ana = search.person("Ana Ruiz", organization="Initech", birthday="--03-18")
    initech = search.opportunity("Engineer", "Initech", stage="applied")
    search.opportunity("Tester", "Initech", stage="lead", job=JobFields(apply_by="2026-03-25"))
    with frozen(d("Mar 2")):
        log_interaction(search.owner, LogInput(kind="interview", people=[ana], on=d("Mar 24"),
                                               opportunity=initech), d("Mar 2"))  # fmt: skip
    search.person("Kim Lee", on="2025-12-01", cadence_days=30)
    beta = search.opportunity("Lead", "Beta", stage="interviewing")
    search.move(beta, "offer", "Mar 10", deadline="Mar 17")
    search.opportunity("Planner", "Delta", stage="interviewing", decision_date="2026-03-27")
    return {"hana": hana, "acme": acme, "pia": pia, "rex": rex, "warnings": warnings}


DAYS = ["Mar 2", "Mar 3", "Mar 4", "Mar 10", "Mar 12", "Mar 16", "Mar 18", "Mar 23", "Mar 24",
        "Apr 2", "Apr 3"]  # fmt: skip


def test_reasons_titles_and_warnings_name_days_the_one_way(search, story):
    items = [item for day in DAYS for item in search.items(day)]
    rules = {item.rule for item in items}

    assert {Rule.THANK_YOU, Rule.DECISION_FOLLOW_UP, Rule.LET_GO, Rule.NUDGE, Rule.PREPARE,
            Rule.BIRTHDAY, Rule.KEEP_IN_TOUCH, Rule.APPLY_BY, Rule.OFFER_TIMING} <= rules
    assert len(story["warnings"]) == 3
    texts = [*story["warnings"], *(f"{i.title} | {i.reason}" for i in items)]
    assert all(ONE.search(text) for text in story["warnings"])
    assert [(text, stray(text)) for text in texts if stray(text)] == []


def test_stored_reasons_and_the_drafts_agree(search, story):
    """The task rows (what the pages, the digest and the calendar show) and the
    drafts made from them."""
    for day in DAYS:
        search.agenda(day)
    tasks = list(Task.objects.filter(owner=search.owner))
    assert [(t.reason, stray(t.reason)) for t in tasks if stray(t.reason)] == []
    drafts = [render_draft(search.owner, t, today=t.due) for t in tasks if t.rule != "manual"]
    bodies = [f"{draft.subject}\n{draft.body}" for draft in drafts]
    assert any(LETTER.search(body) for body in bodies)
    assert [(b, stray(b, LETTER)) for b in bodies if stray(b, LETTER)] == []


def test_the_thanks_after_landing_names_the_day_the_one_way(search, signed):
    cal = search.person("Cal Diaz", on="Jan 5")
    search.log("call", cal, "Jan 20", summary="Suggested I look at fintech")
    globex = search.opportunity("Lead", "Globex", on="Feb 2", stage="applied")
    search.move(globex, "accepted", "Mar 20")

    (item,) = search.items("Mar 20", Rule.LANDED_THANKS)

    assert stray(item.reason) == []


def wide(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_command_lines_name_days_the_one_way_and_json_keeps_iso(search, story):
    hana, acme = story["hana"], story["acme"]
    with frozen(d("Mar 12")):
        lines = [
            run("today", "--on", "2026-03-12").stdout,
            run("today", "--on", "2026-04-02").stdout,
            ok("person", "show", str(hana.pk)),
            ok("opp", "show", str(acme.pk)),
            ok("task", "add", "Send the portfolio", "--due", "2026-03-20"),
            ok("search", "Hana"),
            wide("report", "--since", "2026-03-01"),  # narrower, Rich folds a cell's words
            wide("today", "--on", "2026-03-12"),
        ]
        logged = run("log", "email", "--with", str(story["rex"].pk), "--on", "2026-03-11")
        moved = ok("opp", "move", str(acme.pk), "offer", "--deadline", "2026-03-30")
        agenda = json.loads(ok("today", "--json", "--on", "2026-03-12"))
    lines += [logged.stdout, logged.stderr, moved]

    assert all(ONE.search(text) for text in lines[:5]), lines
    assert [(text, stray(text)) for text in lines if stray(text)] == []
    assert agenda and all(re.fullmatch(r"\d{4}-\d\d-\d\d", item["due"]) for item in agenda)
