"""The etiquette engine on the pages: settings, Today's streak and offers, network, summary.

These run the real engine (no monkeypatched refreshers): what the rules say is
what the pages show. Sam's day is Monday 2 March 2026 unless a test travels.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followthrough.engine import streak_for, summary_for
from followthrough.tracker.models import (
    Interaction,
    Mode,
    Rule,
    Stage,
    Task,
    TaskStatus,
    Workspace,
)
from followthrough.tracker.services import etiquette
from followthrough.tracker.services import interactions as log_service
from followthrough.tracker.services import opportunities as opp_service
from followthrough.tracker.services import people as people_service
from followthrough.tracker.services.owners import workspace_for

TODAY = dt.date(2026, 3, 2)


def at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC), tick=False)


@pytest.fixture(autouse=True)
def frozen():
    with at(TODAY):
        yield


def person(owner, name, situation="employed", **fields):
    return people_service.add_person(
        owner, people_service.PersonInput(name=name, situation=situation, **fields)
    )


def opportunity(owner, role="Backend Engineer", org="Acme", stage="applied", **fields):
    return opp_service.add_opportunity(
        owner,
        opp_service.OpportunityInput(role=role, organization=org, stage=stage, **fields),
        TODAY - dt.timedelta(days=30),
    )


def log(owner, kind, people, on=TODAY, **fields):
    return log_service.log_interaction(
        owner, log_service.LogInput(kind=kind, people=people, on=on, **fields), on
    )


def saved(owner) -> Workspace:
    """The workspace as stored (``workspace_for`` caches it on the owner)."""
    return Workspace.objects.get(owner=owner)


def html_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# Settings ---------------------------------------------------------------------------


def test_the_settings_page_shows_the_defaults_the_time_zones_and_the_mode(owner_client):
    html = html_of(owner_client.get(reverse("settings")))
    for text in (
        'name="thank_you_days" value="1"',
        'name="nudge_after_days" value="7"',
        'name="max_nudges" value="2"',
        'name="follow_up_business_days" value="10"',
        'name="let_go_after_days" value="21"',
        'name="min_active_opportunities" value="3"',
        'name="daily_outreach_goal" value="1"',
        '<option value="Europe/Paris">Europe/Paris</option>',
        "Mode: searching",
        "I have landed",
        "10 business days",
    ):
        assert text in html, text
    assert f'href="{reverse("settings")}"' in html  # in the nav


def test_saving_the_settings_changes_every_threshold_and_the_time_zone(owner_client, owner):
    data = {
        "thank_you_days": "2",
        "nudge_after_days": "5",
        "max_nudges": "1",
        "follow_up_business_days": "8",
        "let_go_after_days": "14",
        "min_active_opportunities": "4",
        "daily_outreach_goal": "2",
        "default_cadence_days": "120",
        "time_zone": "Europe/Paris",
    }
    response = owner_client.post(reverse("settings"), data, follow=True)
    assert "Settings saved." in html_of(response)
    workspace = saved(owner)
    assert (
        workspace.thank_you_days,
        workspace.nudge_after_days,
        workspace.max_nudges,
        workspace.follow_up_business_days,
        workspace.let_go_after_days,
        workspace.min_active_opportunities,
        workspace.daily_outreach_goal,
        workspace.time_zone,
    ) == (2, 5, 1, 8, 14, 4, 2, "Europe/Paris")


VALID = {
    "thank_you_days": "1",
    "nudge_after_days": "7",
    "max_nudges": "2",
    "follow_up_business_days": "10",
    "let_go_after_days": "21",
    "min_active_opportunities": "3",
    "daily_outreach_goal": "1",
    "default_cadence_days": "90",
    "time_zone": "UTC",
}


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("nudge_after_days", "0", "Nudge after: write a whole number from 1 to 60."),
        ("nudge_after_days", "soon", "Nudge after: &#x27;soon&#x27; is not a whole number."),
        ("max_nudges", "", "Nudges at most is required: write a whole number."),
        ("let_go_after_days", "999", "Let go after: write a whole number from 1 to 180."),
        (
            "time_zone",
            "Mars/Olympus",
            "Time zone: &#x27;Mars/Olympus&#x27; is not a time zone; use a name such as "
            "Europe/Paris or America/New_York.",
        ),
    ],
)
def test_a_bad_setting_is_one_sentence_on_its_field_and_nothing_is_saved(
    owner_client, owner, field, value, message
):
    data = {**VALID, "thank_you_days": "3", field: value}
    response = owner_client.post(reverse("settings"), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert f'<div class="errors" role="alert" id="id_{field}_errors"><p>{message}</p>' in html
    workspace = saved(owner)
    assert (workspace.thank_you_days, workspace.time_zone) == (1, "UTC")  # nothing half-saved


def test_the_time_zone_decides_what_today_is(owner_client, owner):
    owner_client.post(reverse("settings"), {**VALID, "time_zone": "Pacific/Auckland"})
    with time_machine.travel(dt.datetime(2026, 3, 2, 20, 0, tzinfo=dt.UTC), tick=False):
        html = html_of(owner_client.get(reverse("today")))
    assert "Tue 3 Mar 2026" in html


def test_switching_to_landed_rests_the_job_search_rules_and_back(owner_client, owner):
    opportunity(owner, stage="applied")  # one active: momentum would speak up
    assert Task.objects.filter(owner=owner, rule=Rule.MOMENTUM).count() == 0
    html_of(owner_client.get(reverse("today")))
    assert Task.objects.filter(owner=owner, rule=Rule.MOMENTUM, status="open").count() == 1

    response = owner_client.post(reverse("settings-mode"), {"mode": "landed"}, follow=True)
    html = html_of(response)
    assert "Landed mode: the job-search rules rest; keep-in-touch goes on." in html
    assert "Mode: landed" in html and "Back to searching" in html
    assert saved(owner).mode == Mode.LANDED

    today = html_of(owner_client.get(reverse("today")))
    assert "You have landed: the job-search rules are resting" in today
    assert "streak" not in today.lower().split("<main")[1].split("landed-banner")[0]
    assert not Task.objects.filter(owner=owner, rule=Rule.MOMENTUM, status="open").exists()

    response = owner_client.post(
        reverse("settings-mode"), {"mode": "searching", "next": reverse("today")}
    )
    assert response.url == reverse("today")
    today = html_of(owner_client.get(reverse("today")))
    assert "job-search rules are resting" not in today
    assert "Keep several irons in the fire" in today
    assert saved(owner).mode == Mode.SEARCHING


def test_an_unknown_mode_is_refused_in_one_sentence(owner_client, owner):
    response = owner_client.post(reverse("settings-mode"), {"mode": "asleep"}, follow=True)
    assert "mode: &#x27;asleep&#x27; is not one of searching, landed." in html_of(response)
    assert saved(owner).mode == Mode.SEARCHING


def test_the_mode_only_changes_by_post(owner_client):
    assert owner_client.get(reverse("settings-mode")).status_code == 405


def test_an_outsiders_settings_are_their_own(outsider_client, owner, outsider):
    outsider_client.post(reverse("settings"), {**VALID, "nudge_after_days": "3"})
    outsider_client.post(reverse("settings-mode"), {"mode": "landed"})
    sam = saved(owner)
    assert (sam.nudge_after_days, sam.mode) == (7, Mode.SEARCHING)


# Today: the streak, let go, momentum, follow-ups --------------------------------------


def test_today_shows_the_streak_and_that_no_outreach_is_logged_yet(owner_client, owner):
    ann = person(owner, "Ann Lee")
    for days_ago in (1, 3, 4):  # Sunday, Friday, Thursday: the weekend does not break it
        log(owner, "email", [ann], on=TODAY - dt.timedelta(days=days_ago), direction="out")
    html = html_of(owner_client.get(reverse("today")))
    assert "3-day streak · no outreach yet today (goal: 1 a day)" in html
    assert f'class="streak" href="{reverse("summary")}"' in html

    log(owner, "call", [ann], direction="out")
    html = html_of(owner_client.get(reverse("today")))
    assert "4-day streak · 1 outreach today, goal met" in html
    assert 'class="streak met"' in html


def test_the_streak_counts_like_the_engine(owner, outsider):
    ann = person(owner, "Ann Lee")
    for days_ago, kind in [(0, "note"), (1, "email"), (2, "email"), (5, "coffee"), (9, "call")]:
        log(owner, kind, [ann], on=TODAY - dt.timedelta(days=days_ago), direction="out")
    log(owner, "email", [ann], on=TODAY - dt.timedelta(days=3), direction="in")
    workspace = workspace_for(owner)
    for goal in (1, 2):
        workspace.daily_outreach_goal = goal
        workspace.save()
        for day in (TODAY, TODAY - dt.timedelta(days=2), TODAY - dt.timedelta(days=6)):
            assert etiquette.streak_on(owner, day) == streak_for(owner, day)


def test_a_clear_no_offers_to_let_go_thank_and_move_on(owner_client, owner):
    ann = person(owner, "Ann Lee", situation="hiring_manager")
    ben = person(owner, "Ben Okafor", situation="employed")
    opp = opportunity(owner)
    log(owner, "email", [ann], direction="in", clear_no=True, opportunity=opp.pk)
    html = html_of(owner_client.get(reverse("today")))
    task = Task.objects.get(owner=owner, rule=Rule.LET_GO)
    assert task.opportunity == opp and task.person == ann
    assert "Mark the lead let go" in html
    assert f'action="{reverse("task-let-go", args=[task.pk])}"' in html
    thanks = f"{reverse('log')}?person={ann.pk}&amp;kind=message&amp;opp={opp.pk}"
    assert f'href="{thanks}&amp;next=/"' in html and "Send Ann Lee a short thanks" in html
    assert "Put the energy elsewhere:" in html
    assert f'href="{reverse("board")}"' in html
    assert f'<a href="{reverse("person-detail", args=[ben.pk])}">Ben Okafor</a>' in html

    response = owner_client.post(
        reverse("task-let-go", args=[task.pk]), {"next": reverse("today")}, follow=True
    )
    html = html_of(response)
    assert (
        "Let go: Backend Engineer at Acme. A short thanks to Ann Lee keeps the door open." in html
    )
    opp.refresh_from_db()
    task.refresh_from_db()
    assert (opp.stage, opp.stage_changed_on, task.status) == (Stage.LET_GO, TODAY, TaskStatus.DONE)
    assert opp.stage_changes.filter(stage=Stage.LET_GO, on=TODAY).exists()


def test_sending_the_short_thanks_handles_the_let_go_item(owner_client, owner):
    ann = person(owner, "Ann Lee")
    opp = opportunity(owner)
    log(owner, "email", [ann], direction="in", clear_no=True, opportunity=opp.pk)
    assert "Mark the lead let go" in html_of(owner_client.get(reverse("today")))
    owner_client.post(
        reverse("log"), {"kind": "message", "people": str(ann.pk), "opportunity": str(opp.pk)}
    )
    html = html_of(owner_client.get(reverse("today")))
    assert "Mark the lead let go" not in html
    assert not Task.objects.filter(owner=owner, rule=Rule.LET_GO, status="open").exists()


def test_a_let_go_item_without_an_opportunity_cannot_be_marked_let_go(owner_client, owner):
    ann = person(owner, "Ann Lee")
    log(owner, "email", [ann], direction="in", clear_no=True)
    html = html_of(owner_client.get(reverse("today")))
    task = Task.objects.get(owner=owner, rule=Rule.LET_GO)
    assert "Send Ann Lee a short thanks" in html
    assert reverse("task-let-go", args=[task.pk]) not in html
    response = owner_client.post(reverse("task-let-go", args=[task.pk]), follow=True)
    assert "This item is about no opportunity; there is no lead to let go." in html_of(response)
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN


def test_an_outsider_gets_404_when_letting_go_of_someone_elses_lead(outsider_client, owner):
    ann = person(owner, "Ann Lee")
    opp = opportunity(owner)
    task = Task.objects.create(
        owner=owner,
        rule=Rule.LET_GO,
        key="let-go:x",
        title="Let it go",
        due=TODAY,
        person=ann,
        opportunity=opp,
    )
    response = outsider_client.post(reverse("task-let-go", args=[task.pk]))
    assert response.status_code == 404
    opp.refresh_from_db()
    assert opp.stage == Stage.APPLIED
    assert outsider_client.get(reverse("task-let-go", args=[task.pk])).status_code == 405


def test_a_momentum_item_links_the_people_it_names(owner_client, owner):
    grace = person(owner, "Grace Hopper", situation="hiring_manager", organization="Navy")
    ada = person(owner, "Ada Lovelace", situation="employed")
    person(owner, "Sam Seeker", situation="seeking")  # seekers are not suggested
    html = html_of(owner_client.get(reverse("today")))
    task = Task.objects.get(owner=owner, rule=Rule.MOMENTUM)
    assert "Grace Hopper" in task.reason and "Ada Lovelace" in task.reason
    for who in (grace, ada):
        assert f'href="{reverse("person-detail", args=[who.pk])}"' in html
    assert f'href="{reverse("network")}"' in html
    assert html.index("Grace Hopper <span") < html.index("Ada Lovelace</a>")  # as the reason


def test_the_decision_follow_up_links_to_the_opportunity(owner_client, owner):
    ann = person(owner, "Ann Lee", situation="hiring_manager")
    opp = opportunity(owner)
    opp_service.involve(owner, opp, ann, "hiring_manager")
    log(owner, "interview", [ann], opportunity=opp.pk, decision_date="2026-03-12")
    with at(dt.date(2026, 3, 11)):
        assert "Open the opportunity" not in html_of(owner_client.get(reverse("today")))
    with at(dt.date(2026, 3, 12)):
        html = html_of(owner_client.get(reverse("today")))
    assert Task.objects.filter(owner=owner, rule=Rule.DECISION_FOLLOW_UP).count() == 1
    link = reverse("opportunity-detail", args=[opp.pk])
    assert f'<a class="button small" href="{link}">Open the opportunity</a>' in html


# Network -------------------------------------------------------------------------------


def test_the_network_page_shows_the_mix_recent_contacts_and_suggestions(owner_client, owner):
    seekers = [person(owner, f"Seeker {n}", situation="seeking") for n in range(3)]
    person(owner, "Hana Boss", situation="hiring_manager", organization="Acme")
    person(owner, "Rita Recruiter", situation="recruiter")
    friend = person(owner, "Eli Employed", situation="employed")
    for n, seeker in enumerate(seekers):
        log(owner, "coffee", [seeker], on=TODAY - dt.timedelta(days=n + 1))
    log(owner, "email", [friend], on=TODAY - dt.timedelta(days=2))
    nora = person(owner, "Nora Note", situation="unknown")
    log(owner, "note", [nora])  # a note to self is not talking with someone
    html = html_of(owner_client.get(reverse("network")))
    assert f'href="{reverse("network")}" aria-current="page"' in html
    assert 'Everyone you know <span class="badge">7</span>' in html
    assert 'Talked with lately <span class="badge">4</span>' in html
    assert 'class="bar-fill bar-seeking" style="width: 43%"' in html  # 3 of 7
    assert 'class="bar-fill bar-seeking" style="width: 75%"' in html  # 3 of 4 lately
    assert "Mostly fellow seekers lately" in html
    assert "3 of the 4 people you talked with lately are fellow seekers" in html
    recent = html.split("Whom you have been talking to")[1].split("</section>")[0]
    assert recent.index("Seeker 0") < recent.index("Eli Employed") < recent.index("Seeker 2")
    assert "Nora Note" not in recent and "Hana Boss" not in recent
    reach = html.split('id="reach-heading"')[1]
    assert reach.index("Hana Boss") < reach.index("Rita Recruiter")
    assert "Eli Employed" not in reach  # talked with lately


def test_a_varied_network_gets_no_advice(owner_client, owner):
    for n, situation in enumerate(["employed", "hiring_manager", "seeking", "recruiter"]):
        log(owner, "call", [person(owner, f"P{n}", situation=situation)])
    html = html_of(owner_client.get(reverse("network")))
    assert "Mostly fellow seekers" not in html


def test_an_empty_network_says_how_to_start(owner_client):
    html = html_of(owner_client.get(reverse("network")))
    assert "No one here yet" in html and reverse("person-add") in html


def test_the_network_query_count_does_not_grow_with_people(owner_client, owner, outsider):
    def fill(n: int, start: int) -> None:
        for i in range(start, start + n):
            who = person(owner, f"Person {i}", situation=["seeking", "employed"][i % 2])
            log(owner, "email", [who], on=TODAY - dt.timedelta(days=i % 20))

    fill(3, 0)
    person(outsider, "Olive's friend")
    owner_client.get(reverse("network"))
    with CaptureQueriesContext(connection) as few:
        html_of(owner_client.get(reverse("network")))
    fill(30, 3)
    with CaptureQueriesContext(connection) as many:
        html = html_of(owner_client.get(reverse("network")))
    assert len(many) == len(few)
    assert "Olive" not in html


# The weekly summary ---------------------------------------------------------------------


def week_of_activity(owner):
    ann = person(owner, "Ann Lee", situation="hiring_manager")
    opp = opportunity(owner, stage="lead")
    opp_service.move(owner, opp, "applied", on=dt.date(2026, 2, 24))
    log(owner, "email", [ann], on=dt.date(2026, 2, 23), direction="out")
    log(owner, "interview", [ann], on=dt.date(2026, 2, 25), opportunity=opp.pk)
    log(owner, "email", [ann], on=dt.date(2026, 2, 26), direction="out", opportunity=opp.pk)
    return ann, opp


def test_the_summary_page_shows_the_week_with_a_text_to_share(owner_client, owner):
    week_of_activity(owner)
    response = owner_client.get(reverse("summary"), {"on": "2026-02-26"})
    html = html_of(response)
    assert "Week of 23 Feb \N{EN DASH} 1 Mar 2026" in html
    figures = dict(
        (label, int(value))
        for value, label in re.findall(
            r'<span class="figure-value">(\d+)</span><span class="figure-label">([^<]+)</span>',
            html,
        )
    )
    assert figures["Outreach"] == 3  # the interview is outbound too
    assert figures["Applications"] == 1
    assert figures["Interviews"] == 1
    assert figures["Thank-you notes"] == 1
    summary = summary_for(owner, dt.date(2026, 2, 23))
    assert etiquette.summary_text(summary) in html.replace("&#x27;", "'")
    assert "My job search, 23 Feb \N{EN DASH} 1 Mar 2026" in html
    assert f'href="{reverse("summary")}?on=2026-02-16" rel="prev"' in html
    assert f'href="{reverse("summary")}?on=2026-03-02" rel="next"' in html
    assert "mailto:?subject=" in html


def test_this_weeks_summary_has_no_next_week(owner_client, owner):
    html = html_of(owner_client.get(reverse("summary")))
    assert "Week of 2\N{EN DASH}8 Mar 2026 (this week, so far)" in html
    assert 'rel="next"' not in html
    assert 'rel="prev"' in html


def test_a_bad_week_is_one_sentence_and_shows_this_week(owner_client):
    response = owner_client.get(reverse("summary"), {"on": "last tuesday"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "on: &#x27;last tuesday&#x27; is not a date; write it as YYYY-MM-DD" in html
    assert "Week of 2\N{EN DASH}8 Mar 2026" in html


def test_the_summary_counts_only_the_owners_week(outsider_client, owner):
    week_of_activity(owner)
    html = outsider_client.get(reverse("summary"), {"on": "2026-02-26"}).content.decode()
    assert '<span class="figure-value">3</span><span class="figure-label">Outreach' not in html
    assert '<span class="figure-value">0</span><span class="figure-label">Outreach' in html


# The person page: asks and gives ----------------------------------------------------------


def test_the_person_page_flags_someone_only_contacted_to_ask(owner_client, owner):
    ann = person(owner, "Ann Lee")
    log(owner, "email", [ann], on=dt.date(2026, 1, 5), summary="Shared an article", gave=True)
    log(owner, "email", [ann], on=dt.date(2026, 2, 2), summary="Asked for an intro", asked=True)
    html = html_of(owner_client.get(reverse("person-detail", args=[ann.pk])))
    assert "Asked 1 time, gave 1 time" in html
    assert "Latest ask</dt><dd>Mon 2 Feb 2026 · Email: Asked for an intro" in html
    assert "Latest give</dt><dd>Mon 5 Jan 2026 · Email: Shared an article" in html
    assert "only get in touch" not in html

    log(owner, "call", [ann], on=dt.date(2026, 2, 20), summary="Asked for a reference", asked=True)
    html = html_of(owner_client.get(reverse("person-detail", args=[ann.pk])))
    assert "Asked 2 times, gave 1 time" in html
    assert "You only get in touch with Ann Lee when you need something:" in html
    assert "2 asks since you last gave." in html
    assert "Latest ask</dt><dd>Fri 20 Feb 2026 · Call: Asked for a reference" in html

    log(owner, "message", [ann], on=TODAY, summary="Congratulations on the launch", gave=True)
    html = html_of(owner_client.get(reverse("person-detail", args=[ann.pk])))
    assert "only get in touch" not in html
    assert "Latest give</dt><dd>Mon 2 Mar 2026 · Message: Congratulations on the launch" in html


def test_asking_twice_with_nothing_given_says_so(owner_client, owner):
    ann = person(owner, "Ann Lee")
    log(owner, "email", [ann], on=dt.date(2026, 2, 2), asked=True)
    log(owner, "email", [ann], on=dt.date(2026, 2, 9), asked=True)
    html = html_of(owner_client.get(reverse("person-detail", args=[ann.pk])))
    assert "2 asks and nothing given yet." in html
    assert f"{reverse('log')}?person={ann.pk}&amp;kind=message" in html  # log a give


def test_someone_never_asked_shows_how_to_record_asks(owner_client, owner):
    ann = person(owner, "Ann Lee")
    html = html_of(owner_client.get(reverse("person-detail", args=[ann.pk])))
    assert "Asked 0 times, gave 0 times" in html
    assert "Nothing asked or given yet." in html


def test_an_outsider_gets_404_on_the_person_page(outsider_client, owner):
    ann = person(owner, "Ann Lee")
    log(owner, "email", [ann], asked=True)
    assert outsider_client.get(reverse("person-detail", args=[ann.pk])).status_code == 404


# Logging before the decision date -----------------------------------------------------


def test_following_up_before_the_decision_date_warns_and_still_saves(owner_client, owner):
    ann = person(owner, "Ann Lee", situation="hiring_manager")
    opp = opportunity(owner)
    log(
        owner,
        "interview",
        [ann],
        on=dt.date(2026, 2, 20),
        opportunity=opp.pk,
        decision_date="2026-03-12",
    )
    log(owner, "email", [ann], on=dt.date(2026, 2, 20), summary="Thank you for today")
    response = owner_client.post(
        reverse("log"),
        {
            "kind": "email",
            "people": "Ann",
            "opportunity": str(opp.pk),
            "direction": "out",
            "next": "/",
        },
        follow=True,
    )
    html = html_of(response)
    assert (
        '<p class="message warning">The decision date for Backend Engineer at Acme is '
        "Thu 12 Mar 2026; "
        "following up before it reads as chasing.</p>"
    ) in html
    assert '<p class="message success">Logged: email with Ann Lee on Mon 2 Mar 2026.</p>' in html
    assert Interaction.objects.filter(owner=owner, kind="email", opportunity=opp).count() == 1


def test_the_thank_you_note_after_an_interview_is_not_chasing(owner_client, owner):
    ann = person(owner, "Ann Lee")
    opp = opportunity(owner)
    log(
        owner,
        "interview",
        [ann],
        on=dt.date(2026, 3, 1),
        opportunity=opp.pk,
        decision_date="2026-03-12",
    )
    response = owner_client.post(
        reverse("log"),
        {"kind": "email", "people": "Ann", "opportunity": str(opp.pk), "next": "/"},
        follow=True,
    )
    assert "message warning" not in html_of(response)
