"""Saving profiles and ratings: validation, drafts, owners, the threshold, sort by fit."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followthrough.culture import services
from followthrough.culture.models import PreferredProfile, Rating
from followthrough.tracker.models import Stage
from followthrough.tracker.services.errors import InputError, NotFound
from followthrough.tracker.services.interactions import LogInput, log_interaction
from followthrough.tracker.services.people import PersonInput, add_person

from .conftest import (
    NUMBERS_FIRST,
    PEOPLE_FIRST,
    TODAY,
    opportunity,
    organization,
    profile,
    rate,
)


def test_a_dimension_that_does_not_add_up_to_100_is_named_with_its_sum(owner):
    rows = [*PEOPLE_FIRST[:2], (40, 30, 10, 10), *PEOPLE_FIRST[3:]]
    with pytest.raises(InputError) as error:
        services.save_preferred(owner, profile(rows))
    assert str(error.value) == (
        "Management of employees adds up to 90; make its four numbers add up to 100."
    )
    assert error.value.field == "management"
    assert not PreferredProfile.objects.exists()


def test_every_problem_is_listed_with_its_dimension():
    raw = profile([(50, 50, 10, 0), None, ("x", 1, 1, 1), (100, "", "", "")])
    points, problems = services.check_points(raw)
    assert [(p.field, p.message) for p in problems] == [
        (
            "characteristics",
            "Dominant characteristics adds up to 110; make its four numbers add up to 100.",
        ),
        ("management-clan", "Management of employees, clan: write a whole number from 0 to 100."),
    ]
    # Blanks beside numbers count as 0; a blank dimension is simply not there yet.
    assert points == {"glue": {"clan": 100, "adhocracy": 0, "market": 0, "hierarchy": 0}}


@pytest.mark.parametrize("bad", ["-5", "12.5", "101", "ten", True])
def test_a_cell_must_be_a_whole_number_from_0_to_100(bad):
    _, problems = services.check_points({"leadership": {"clan": bad, "adhocracy": 50}})
    assert problems[0].field == "leadership-clan"


def test_a_half_filled_preferred_profile_is_saved_as_a_draft_and_revised_later(owner):
    draft = services.save_preferred(owner, profile(PEOPLE_FIRST[:3]))
    assert (draft.is_complete, draft.filled_count) == (False, 3)
    revised = services.save_preferred(owner, profile(PEOPLE_FIRST))
    assert revised.pk == draft.pk and revised.is_complete


def test_an_empty_profile_is_refused(owner):
    with pytest.raises(InputError, match="Fill in at least one dimension"):
        services.save_preferred(owner, {})


def test_a_draft_preferred_profile_gives_no_fit(owner, acme):
    services.save_preferred(owner, profile(PEOPLE_FIRST[:5]))
    rate(owner, acme, NUMBERS_FIRST)
    assert services.organization_culture(owner, acme).fit is None


def test_a_draft_rating_is_kept_but_not_used_for_the_fit(owner, acme, prefers_people):
    rate(owner, acme, NUMBERS_FIRST)
    draft = rate(owner, acme, [(100, 0, 0, 0)] * 4)
    culture = services.organization_culture(owner, acme)
    assert not draft.is_complete
    assert (culture.complete_ratings, culture.draft_ratings) == (1, 1)
    assert culture.fit.ratings_used == 1
    assert culture.fit.perceived_scores["market"] == 50


def test_two_ratings_of_one_organization_average(owner, acme, prefers_people):
    rate(owner, acme, NUMBERS_FIRST)
    rate(owner, acme, PEOPLE_FIRST)
    fit = services.organization_culture(owner, acme).fit
    assert fit.perceived_scores == {"clan": 30, "adhocracy": 20, "market": 30, "hierarchy": 20}
    assert fit.score == 80


def test_a_rating_may_hold_only_evidence_but_not_nothing(owner, acme):
    notes = services.add_rating(
        owner,
        acme,
        services.RatingInput(evidence={"glue": "Everyone mentioned the founders."}),
        TODAY,
    )
    assert notes.points == {} and notes.evidence == {"glue": "Everyone mentioned the founders."}
    with pytest.raises(InputError, match="at least one dimension's points, or a note"):
        services.add_rating(owner, acme, services.RatingInput(evidence={"glue": "  "}), TODAY)


def test_a_rating_is_dated_no_later_than_today(owner, acme):
    with pytest.raises(InputError) as error:
        rate(owner, acme, PEOPLE_FIRST, rated_on="2026-03-03")
    assert error.value.field == "rated_on"
    assert rate(owner, acme, PEOPLE_FIRST, rated_on="2026-02-20").rated_on.isoformat() == (
        "2026-02-20"
    )


def test_a_rating_links_the_interaction_it_comes_from(owner, acme):
    add_person(owner, PersonInput(name="Ann", organization=acme))
    interview = log_interaction(
        owner, LogInput(kind="interview", people=["Ann"], on="2026-02-27"), TODAY
    ).interaction
    rating = rate(owner, acme, PEOPLE_FIRST, interaction=str(interview.pk))
    assert rating.interaction == interview
    assert rating.source == "Interview on Fri 27 Feb 2026"
    assert services.interactions_about(owner, acme) == [interview]


def test_nobody_rates_with_someone_elses_organization_or_interaction(owner, outsider, acme):
    add_person(outsider, PersonInput(name="Oscar"))
    theirs = log_interaction(outsider, LogInput(kind="call", people=["Oscar"]), TODAY).interaction
    with pytest.raises(NotFound):
        rate(outsider, acme, PEOPLE_FIRST)
    with pytest.raises(NotFound):
        rate(owner, acme, PEOPLE_FIRST, interaction=theirs.pk)
    rating = rate(owner, acme, PEOPLE_FIRST)
    with pytest.raises(NotFound):
        services.delete_rating(outsider, rating)
    assert Rating.objects.count() == 1


def test_the_threshold_is_10_until_changed_and_checked(owner, acme, prefers_people):
    assert services.threshold_for(owner) == 10
    services.set_threshold(owner, "15")
    assert services.threshold_for(owner) == 15
    for bad in ("0", "101", "many"):
        with pytest.raises(InputError, match="threshold: write a whole number of points"):
            services.set_threshold(owner, bad)
    rate(owner, acme, [(30, 30, 20, 20)] * 6)
    assert services.organization_culture(owner, acme).fit.type_highlights == []
    services.set_threshold(owner, 10)
    assert len(services.organization_culture(owner, acme).fit.type_highlights) == 2


def test_questions_come_for_the_least_known_dimensions(owner, acme):
    rate(
        owner,
        acme,
        [(25, 25, 25, 25)] * 6,
        evidence={d: "seen" for d in ("characteristics", "leadership", "management", "glue")},
    )
    questions = services.organization_culture(owner, acme).questions
    assert [q.dimension.key for q in questions[:2]] == ["strategy", "success"]
    assert questions[0].dimension.questions[0].endswith("?")


def test_opportunities_sort_by_fit_best_first_and_unrated_last(owner, prefers_people):
    close, far, unrated = (organization(owner, n) for n in ("Close", "Far", "Unrated"))
    rate(owner, close, [(35, 30, 15, 20)] * 6)
    rate(owner, far, NUMBERS_FIRST)
    opportunity(owner, "Unrated role", unrated, interest=5)
    opportunity(owner, "Far role", far)
    opportunity(owner, "Close role", close, interest=1)
    opportunity(owner, "Closed role", close, stage=Stage.REJECTED)
    rows = services.opportunities_by_fit(owner)
    assert [(r.opportunity.role, r.fit and round(r.fit.score)) for r in rows] == [
        ("Close role", 95),
        ("Far role", 60),
        ("Unrated role", None),
    ]
    everything = services.opportunities_by_fit(owner, active_only=False)
    assert "Closed role" in [r.opportunity.role for r in everything]


def test_sorting_by_fit_takes_the_same_queries_for_many_opportunities(owner, prefers_people):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            services.opportunities_by_fit(owner)
        return len(captured)

    org = organization(owner, "Org 0")
    rate(owner, org, NUMBERS_FIRST)
    opportunity(owner, "Role 0", org)
    few = queries()
    for i in range(1, 8):
        more = organization(owner, f"Org {i}")
        rate(owner, more, NUMBERS_FIRST)
        opportunity(owner, f"Role {i}", more)
    assert queries() == few
