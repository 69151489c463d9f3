"""Issue 9, points 8-9: knowing when to stop (seeds 000 and 001)."""

from __future__ import annotations

from django.urls import reverse

from followthrough.tracker.models import Rule

from .conftest import d, frozen


def test_after_a_clear_no_no_nudge_comes_and_a_new_message_gets_a_gentle_warning(search):
    """Seed 000: the writer kept following up after being told no, and argued; the
    lesson is to recognise the no, let go and put the effort elsewhere."""
    pia = search.person("Pia Lund")
    opp = search.opportunity("Analyst", "Initech", stage="applied")
    search.log("email", pia, "Mar 2", awaiting_reply=True, opportunity=opp)
    search.log("call", pia, "Mar 4", direction="in", clear_no=True, opportunity=opp)
    assert [i.rule for i in search.items("Mar 4", Rule.LET_GO)] == [Rule.LET_GO]

    thanks = search.log("email", pia, "Mar 4", opportunity=opp, summary="Thank you anyway")
    assert thanks.warnings == []  # the short thanks let-go asks for
    again = search.log("email", pia, "Mar 9", awaiting_reply=True, opportunity=opp,
                       summary="Maybe reconsider?")

    assert again.warnings == [
        "Pia Lund said a clear no on Wed 4 Mar 2026; no nudge is coming for this one. "
        "If it is only to stay in touch, keep it light and ask for nothing."
    ]
    for day in ("Mar 16", "Mar 23", "Apr 6"):
        assert [i.rule for i in search.items(day) if i.rule == Rule.NUDGE] == []


def test_a_no_is_lifted_when_they_write_again(search):
    """Seed 000: a new contact, or the same person coming back, is a fresh start."""
    pia = search.person("Pia Lund")
    search.log("email", pia, "Mar 2", awaiting_reply=True)
    search.log("call", pia, "Mar 4", direction="in", clear_no=True)
    search.log("email", pia, "Mar 4", summary="Thanks anyway")
    search.log("email", pia, "Apr 1", direction="in", summary="Things changed here")

    later = search.log("email", pia, "Apr 2", awaiting_reply=True, summary="Happy to talk")

    assert later.warnings == []
    assert [i.rule for i in search.items("Apr 9", Rule.NUDGE)] == [Rule.NUDGE]


def test_momentum_never_suggests_the_hiring_manager_you_are_waiting_on(search, owner_client):
    """Seed 001: while waiting for the decision, keep the momentum with others; the
    hiring manager hears from you once, on the date."""
    hana = search.person("Hana Sato", situation="hiring_manager")
    search.person("Ravi Shah", situation="hiring_manager")
    acme = search.opportunity("Designer", "Acme", stage="interviewing")
    search.involve(acme, hana, "hiring_manager")
    search.log("interview", hana, "Feb 2", opportunity=acme, decision_date="Mar 20")

    (item,) = search.items("Mar 9", Rule.MOMENTUM)

    assert "Ravi Shah" in item.reason and "Hana Sato" not in item.reason
    search.agenda("Mar 9")
    with frozen(d("Mar 9")):
        html = owner_client.get(reverse("today")).content.decode()
    today = html.split('id="upcoming-heading"')[0].split("<datalist")[0]
    assert "Ravi Shah" in today and "Hana Sato" not in today


def test_a_message_that_is_chasing_twice_over_gets_one_warning(search, owner_client):
    """Before the decision date and after a clear no, both: one warning, on the command
    line (stderr) and on the page, never the same advice twice."""
    from tests.cli_helpers import run

    pia = search.person("Pia Lund")
    opp = search.opportunity("Analyst", "Initech", stage="applied")
    search.log("interview", pia, "Mar 2", opportunity=opp, decision_date="Mar 20")
    search.log("email", pia, "Mar 2", opportunity=opp, summary="Thank you")
    search.log("call", pia, "Mar 4", direction="in", clear_no=True, opportunity=opp)
    search.log("email", pia, "Mar 4", opportunity=opp, summary="Thanks anyway")
    rex = search.person("Rex Moe")  # a no about nothing in particular
    search.log("email", rex, "Mar 2", awaiting_reply=True)
    search.log("call", rex, "Mar 4", direction="in", clear_no=True)
    search.log("email", rex, "Mar 4", summary="Thanks anyway")

    with frozen(d("Mar 9")):
        about = run("log", "email", "--with", "Pia", "--opp", str(opp.pk))
        alone = run("log", "email", "--with", "Rex")
        page = owner_client.post(
            reverse("log"),
            {"kind": "email", "people": "Pia Lund", "opportunity": str(opp.pk),
             "direction": "out", "next": "/"},
            follow=True,
        ).content.decode()  # fmt: skip

    assert about.stderr.count("warning: ") == 1, about.stderr
    assert about.stderr.startswith("warning: The decision date for Analyst at Initech is")
    assert alone.stderr.count("warning: ") == 1, alone.stderr
    assert alone.stderr.startswith("warning: Rex Moe said a clear no on Wed 4 Mar 2026")
    assert page.count('class="message warning"') == 1
