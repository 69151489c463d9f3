"""The demo workspace: a realistic search, the same for a seed, only in an empty workspace."""

from __future__ import annotations

import datetime as dt

import pytest

from followthrough.tracker.demo import build_demo
from followthrough.tracker.models import (
    ACTIVE_STAGES,
    Interaction,
    Kind,
    Opportunity,
    Organization,
    Person,
    Rule,
    Stage,
    Tag,
    Task,
)
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.people import PersonInput, add_person
from followthrough.tracker.services.tasks import add_task, agenda, due_tasks

TODAY = dt.date(2026, 3, 2)


def snapshot(owner) -> dict:
    """What a person would see of the workspace, without database ids or timestamps."""
    people = Person.objects.filter(owner=owner).order_by("name")
    interactions = Interaction.objects.filter(owner=owner).prefetch_related("people")
    return {
        "people": [
            (p.name, p.emails, p.title, p.situation, p.birthday_display, p.cadence_days,
             sorted(t.name for t in p.tags.all()))
            for p in people
        ],
        "opportunities": sorted(
            (str(o), o.stage, o.decision_date, o.offer_deadline)
            for o in Opportunity.objects.filter(owner=owner).select_related("organization")
        ),
        "interactions": sorted(
            (i.occurred_on, i.kind, i.summary, sorted(p.name for p in i.people.all()))
            for i in interactions
        ),
        "tasks": sorted(
            (t.title, t.due, t.snoozed_until) for t in Task.objects.filter(owner=owner)
        ),
    }


def test_it_builds_a_realistic_search_of_the_expected_size(owner):
    counts = build_demo(owner, TODAY)

    assert 35 <= counts["people"] <= 45
    assert 8 <= counts["organizations"] <= 12
    assert 10 <= counts["opportunities"] <= 14
    assert 60 <= counts["interactions"] <= 150
    assert 3 <= counts["tasks"] <= 8
    assert counts == {
        "people": Person.objects.filter(owner=owner).count(),
        "organizations": Organization.objects.filter(owner=owner).count(),
        "opportunities": Opportunity.objects.filter(owner=owner).count(),
        "interactions": Interaction.objects.filter(owner=owner).count(),
        "tasks": Task.objects.filter(owner=owner).count(),
    }


def test_the_people_are_varied_and_reachable(owner):
    build_demo(owner, TODAY)
    people = Person.objects.filter(owner=owner)

    situations = set(people.values_list("situation", flat=True))
    assert {"employed", "seeking", "recruiter", "hiring_manager"} <= situations
    assert all(p.emails for p in people)
    assert all(p.email.split("@")[1].endswith((".example.com", ".example.org")) for p in people)
    assert people.filter(birthday_year__isnull=False).exists()
    assert people.filter(birthday_month__isnull=False, birthday_year__isnull=True).exists()
    assert people.filter(cadence_days__isnull=False).count() >= 5
    tags = set(Tag.objects.filter(owner=owner).values_list("name", flat=True))
    assert {"former colleague", "alumni", "mentor"} <= tags
    assert people.filter(introduced_by__isnull=False).exists()
    orgs = Organization.objects.filter(owner=owner)
    assert all(".example." in o.website for o in orgs)


def test_the_pipeline_spans_the_stages_with_one_offer_and_closed_leads(owner):
    build_demo(owner, TODAY)
    opps = Opportunity.objects.filter(owner=owner)

    stages = set(opps.values_list("stage", flat=True))
    assert {Stage.LEAD, Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFER} <= stages
    assert len(stages - ACTIVE_STAGES) >= 2
    offer = opps.get(stage=Stage.OFFER)
    assert offer.offer_deadline > TODAY
    assert opps.filter(referred_by__isnull=False).count() >= 2
    # An interesting opportunity decides after the offer's deadline: the offer changes the timing.
    assert opps.filter(stage=Stage.INTERVIEWING, decision_date__gt=offer.offer_deadline).exists()
    for opp in opps:
        assert opp.stage_changes.exists()
        assert opp.stage_changes.last().stage == opp.stage


def test_the_interactions_cover_a_few_months_of_networking_and_interviews(owner):
    build_demo(owner, TODAY)
    interactions = Interaction.objects.filter(owner=owner)

    first = interactions.order_by("occurred_on").first().occurred_on
    assert (TODAY - first).days >= 90
    assert not interactions.filter(occurred_on__gt=TODAY).exists()
    kinds = set(interactions.values_list("kind", flat=True))
    assert {Kind.INFORMATIONAL, Kind.COFFEE, Kind.INTERVIEW, Kind.EMAIL, Kind.MEETING} <= kinds
    interviews = interactions.filter(kind=Kind.INTERVIEW)
    assert all(i.rapport_note for i in interviews)
    assert interviews.filter(decision_date__isnull=False).exists()
    assert interactions.filter(direction="in").exists()
    assert interactions.filter(awaiting_reply=True).exists()
    assert interactions.filter(asked=True).exists()
    assert interactions.filter(gave=True).exists()
    assert interactions.filter(clear_no=True).exists()


def test_the_hand_made_tasks_include_overdue_due_today_and_snoozed(owner):
    build_demo(owner, TODAY)
    tasks = Task.objects.filter(owner=owner)

    assert set(tasks.values_list("rule", flat=True)) == {Rule.MANUAL}
    assert tasks.filter(due=TODAY).exists()
    assert tasks.filter(due__lt=TODAY, snoozed_until__isnull=True).exists()
    snoozed = tasks.get(snoozed_until__isnull=False)
    assert snoozed.snoozed_until > TODAY
    shown = set(due_tasks(owner, TODAY).values_list("pk", flat=True))
    assert snoozed.pk not in shown
    assert len(shown) >= 3
    assert {item.id for item in agenda(owner, TODAY)} >= shown


def test_dates_follow_the_day_it_is_built(owner, outsider):
    build_demo(owner, TODAY)
    later = TODAY + dt.timedelta(days=200)
    build_demo(outsider, later)

    def latest(user):
        return Interaction.objects.filter(owner=user).order_by("-occurred_on")[0].occurred_on

    assert (later - latest(outsider)).days == (TODAY - latest(owner)).days


def test_the_same_seed_gives_the_same_workspace(owner, outsider):
    build_demo(owner, TODAY, seed=11)
    build_demo(outsider, TODAY, seed=11)

    assert snapshot(owner) == snapshot(outsider)


def test_another_seed_gives_another_workspace(owner, outsider):
    build_demo(owner, TODAY, seed=1)
    build_demo(outsider, TODAY, seed=2)

    assert snapshot(owner)["people"] != snapshot(outsider)["people"]


def test_it_refuses_a_workspace_that_already_has_people(owner):
    add_person(owner, PersonInput(name="Ada Existing"))

    with pytest.raises(InputError, match="already has data") as error:
        build_demo(owner, TODAY)

    assert "--force" in str(error.value)
    assert list(Person.objects.filter(owner=owner).values_list("name", flat=True)) == [
        "Ada Existing"
    ]
    assert not Organization.objects.filter(owner=owner).exists()


def test_it_refuses_a_workspace_that_has_only_tasks(owner):
    add_task(owner, "Call the bank", TODAY, today=TODAY)

    with pytest.raises(InputError, match=r"\(1 task\)"):
        build_demo(owner, TODAY)


def test_replace_deletes_the_owners_data_first(owner):
    add_person(owner, PersonInput(name="Ada Existing", organization="Old Employer"))
    first = build_demo(owner, TODAY, replace=True)
    second = build_demo(owner, TODAY, replace=True)

    assert first == second
    assert not Person.objects.filter(owner=owner, name="Ada Existing").exists()
    assert not Organization.objects.filter(owner=owner, name="Old Employer").exists()


def test_it_touches_only_the_owners_data(owner, outsider):
    olive_friend = add_person(outsider, PersonInput(name="Otto Outsider", organization="Acme"))
    add_task(outsider, "Olive's own task", TODAY, today=TODAY)

    build_demo(owner, TODAY)
    build_demo(owner, TODAY, replace=True)

    assert list(Person.objects.filter(owner=outsider)) == [olive_friend]
    assert Organization.objects.filter(owner=outsider).count() == 1
    assert Task.objects.filter(owner=outsider).count() == 1
    assert not Interaction.objects.filter(owner=outsider).exists()
    people = Person.objects.filter(owner=owner)
    assert not Interaction.objects.filter(owner=owner).exclude(people__in=people).exists()


def test_a_failure_half_way_leaves_nothing_behind(owner, monkeypatch):
    from followthrough.tracker import demo

    def broken(_demo):
        raise InputError("simulated failure")

    monkeypatch.setattr(demo, "_add_tasks", broken)
    with pytest.raises(InputError, match="simulated"):
        build_demo(owner, TODAY)

    assert not Person.objects.filter(owner=owner).exists()
    assert not Interaction.objects.filter(owner=owner).exists()


def test_the_demo_agenda_shows_the_etiquette_rules_at_work(owner):
    build_demo(owner, TODAY)

    rules = {item.rule for item in agenda(owner, TODAY)}

    assert {
        Rule.MANUAL,
        Rule.THANK_YOU,
        Rule.DECISION_FOLLOW_UP,
        Rule.OFFER_TIMING,
        Rule.NUDGE,
        Rule.BIRTHDAY,
        Rule.KEEP_IN_TOUCH,
        Rule.GIVE_FIRST,
    } <= rules


@pytest.mark.parametrize("day", [dt.date(2028, 2, 29), dt.date(2027, 1, 1), dt.date(2026, 12, 31)])
def test_it_builds_on_any_day_of_the_year(owner, day):
    counts = build_demo(owner, day)

    assert counts["people"] >= 35
    birthdays_today = Person.objects.filter(
        owner=owner, birthday_month=day.month, birthday_day=day.day
    )
    assert birthdays_today.exists()
    assert not Interaction.objects.filter(owner=owner, occurred_on__gt=day).exists()
    assert Opportunity.objects.get(owner=owner, stage=Stage.OFFER).offer_deadline > day
