"""Issue 9, points 10-14: after landing, and the search buddy (seeds 000, 002, 004)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from followthrough.tracker.models import Rule
from followthrough.tracker.services import etiquette
from tests.cli_helpers import ok

from .conftest import d, frozen

# Point 10 ---------------------------------------------------------------------------------


@pytest.fixture
def landed(search, signed):
    """Sam's search: an ask by email, a call, an introduction; accepts Globex on Mar 20."""
    ivy = search.person("Ivy Chen", on="Jan 5")  # asked by email for advice
    search.log("email", ivy, "Jan 10", asked=True, summary="Advice on my portfolio")
    cal = search.person("Cal Diaz", on="Jan 5")  # gave an idea on a call
    search.log("call", cal, "Jan 20", summary="Suggested I look at fintech")
    uma = search.person("Uma Patel", on="Jan 5")  # introduced Sam to Rey
    rey = search.person("Rey Ortiz", on="Feb 1", introduced_by=uma)
    globex = search.opportunity("Lead", "Globex", on="Feb 2", stage="applied")
    hana = search.person("Hana Sato", on="Feb 2")
    search.involve(globex, hana, "hiring_manager")
    acme = search.opportunity("Designer", "Acme", on="Feb 3", stage="applied")
    kim = search.person("Kim Ito", on="Feb 3")
    search.involve(acme, kim, "recruiter")
    initech = search.opportunity("Analyst", "Initech", on="Feb 4", stage="lead")
    search.move(globex, "accepted", "Mar 20")
    return {"ivy": ivy, "cal": cal, "uma": uma, "rey": rey, "hana": hana, "kim": kim,
            "acme": acme, "globex": globex, "initech": initech}


def test_everyone_who_helped_is_thanked_with_what_they_did(search, landed):
    """Seed 004: let them know when you land and thank them again, however little
    they helped."""
    items = {i.person_id: i for i in search.items("Mar 20", Rule.LANDED_THANKS)}

    assert set(items) == {landed["ivy"].pk, landed["cal"].pk, landed["uma"].pk}
    ivy = items[landed["ivy"].pk]
    assert "(you asked for their help by email on Sat 10 Jan 2026)" in ivy.reason
    assert "(a call on Tue 20 Jan 2026)" in items[landed["cal"].pk].reason
    assert "(introduced you to Rey Ortiz)" in items[landed["uma"].pk].reason
    search.agenda("Mar 20")
    bodies = {
        name: search.draft("Mar 20", Rule.LANDED_THANKS, landed[name]).body
        for name in ("ivy", "cal", "uma")
    }
    assert (
        "Thank you for your help when I asked on Saturday 10 January (Advice on my portfolio)."
        in bodies["ivy"]
    )
    assert "Thank you for our call on Tuesday 20 January." in bodies["cal"]
    assert "Thank you for introducing me to Rey Ortiz." in bodies["uma"]
    assert "accepted the Lead role at Globex" in bodies["uma"]


# Point 11 ---------------------------------------------------------------------------------


def test_on_landing_each_other_open_opportunity_gets_a_graceful_withdrawal(search, landed):
    """Seed 002: declining or withdrawing is fine, done gracefully, with an invitation
    to stay in touch."""
    items = {i.opportunity_id: i for i in search.items("Mar 20", Rule.LET_GO)}

    assert set(items) == {landed["acme"].pk, landed["initech"].pk}
    acme = items[landed["acme"].pk]
    assert acme.title == "Withdraw from Designer at Acme gracefully"
    assert acme.reason == (
        "You accepted Lead at Globex; withdraw from Designer at Acme and tell Kim Ito, "
        "kindly, with thanks and an offer to stay in touch."
    )
    draft = search.draft("Mar 20", Rule.LET_GO, landed["kim"])
    assert draft.template == "withdrawal"
    assert "I have decided to withdraw my application" in draft.body
    search.move(landed["acme"], "withdrawn", "Mar 21")
    assert landed["acme"].pk not in [i.opportunity_id for i in search.items("Mar 21")]


# Point 12 ---------------------------------------------------------------------------------


def test_the_hiring_side_helpers_and_recruiters_are_kept_in_touch_by_default(search, landed):
    """Seed 004: connect periodically, just to connect; seed 002: keep the recruiter
    as a contact after withdrawing."""
    search.move(landed["acme"], "withdrawn", "Mar 21")
    search.log("email", landed["kim"], "Mar 21", opportunity=landed["acme"])

    due = {i.person_id: i for i in search.items("Jun 19", Rule.KEEP_IN_TOUCH)}
    # The recruiter one withdrew from: last written to Mar 21, so due 90 days later.
    assert due[landed["kim"].pk].due == d("Jun 19")
    assert "worth a note every 90 days" in due[landed["kim"].pk].reason
    # The hiring manager of the new job (no contact logged): added Feb 2, due May 3.
    assert due[landed["hana"].pk].due == d("May 3")
    # People who helped, too: Ivy was asked on Jan 10, so due Apr 10.
    assert due[landed["ivy"].pk].due == d("Apr 10")
    # A cadence the seeker set wins; the default is a setting (0: off).
    search.workspace(default_cadence_days=0)
    assert search.items("Jun 19", Rule.KEEP_IN_TOUCH) == []


def test_a_year_end_greeting_is_optional_and_off_by_default(search):
    """Seed 004: holidays (like birthdays) are a reason to reach out without a request."""
    ada = search.person("Ada Byrne", cadence_days=30)
    search.log("coffee", ada, "Nov 20")  # a regular keep-in-touch on Dec 20, covered

    assert search.items("2026-12-15", Rule.KEEP_IN_TOUCH) == []
    search.workspace(year_end_greeting=True)
    (item,) = search.items("2026-12-15", Rule.KEEP_IN_TOUCH)
    assert (item.key, item.title) == (
        f"keep-in-touch:year-end:{ada.pk}:2026", "Send Ada Byrne a year-end greeting"
    )
    search.agenda("2026-12-15")
    draft = search.draft("2026-12-15", Rule.KEEP_IN_TOUCH, ada)
    assert draft.template == "year-end" and "for 2027" in draft.body
    with frozen(d("2026-12-15")):
        assert json.loads(ok("settings", "--no-year-end", "--json"))["year_end_greeting"] is False
    search.owner.workspace.refresh_from_db()
    assert search.items("2026-12-16", Rule.KEEP_IN_TOUCH) == []


# Point 13 ---------------------------------------------------------------------------------


def test_the_weekly_summary_counts_the_weeks_new_contacts(search, owner_client):
    """Seed 000: a search buddy to share progress with; new people met are progress."""
    search.person("Ana Ruiz", on="Mar 2")
    search.person("Bo Ek", on="Mar 4", met_on=d("Mar 3"))
    search.person("Cy Lund", on="Mar 4", met_on=d("2025-06-01"))  # added this week
    search.person("Dee Moss", on="Feb 20")  # before the week

    summary = etiquette.week_summary(search.owner, d("Mar 6"), d("Mar 6"))
    assert summary.new_contacts == 3
    with frozen(d("Mar 6")):
        page = owner_client.get(reverse("summary")).content.decode()
        text = ok("summary", "--json")
    assert json.loads(text)["new_contacts"] == 3
    assert (
        '<span class="figure-value">3</span><span class="figure-label">New contacts</span>'
    ) in page
    search.workspace(buddy_name="Bea Lund")
    search.log("email", search.person("Eve Tan", on="Mar 5"), "Mar 5")
    draft = search.draft("Mar 6", Rule.BUDDY_SUMMARY)
    assert "- New contacts: 4\n" in draft.body


# Point 14 ---------------------------------------------------------------------------------


def test_the_buddy_summary_waits_for_a_buddy_and_settings_suggest_finding_one(
    search, owner_client
):
    """Seed 000: a search buddy, someone also in transition who agrees to help."""
    ana = search.person("Ana Ruiz")
    search.log("email", ana, "Mar 2")
    assert search.items("Mar 6", Rule.BUDDY_SUMMARY) == []
    with frozen(d("Mar 6")):
        html = owner_client.get(reverse("settings")).content.decode()
    assert "No search buddy yet. Find one" in html

    bea = search.person("Bea Lund")
    with frozen(d("Mar 6")):
        ok("settings", "--buddy", "bea lund")
    search.owner.workspace.refresh_from_db()
    (item,) = search.items("Mar 6", Rule.BUDDY_SUMMARY)
    assert (item.title, item.person_id) == ("Send Bea Lund the weekly summary", bea.pk)
    with frozen(d("Mar 6")):
        html = owner_client.get(reverse("settings")).content.decode()
    assert "No search buddy yet" not in html and "Your search buddy:" in html

    with frozen(d("Mar 6")):
        ok("settings", "--buddy", "")
    search.owner.workspace.refresh_from_db()
    assert search.items("Mar 6", Rule.BUDDY_SUMMARY) == []
    search.person("Cy Park", tags="buddy")  # a person marked as buddy
    (item,) = search.items("Mar 6", Rule.BUDDY_SUMMARY)
    assert item.title == "Send Cy Park the weekly summary"
