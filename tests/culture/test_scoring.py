"""The culture fit's arithmetic: means, averages, gaps, highlights, the sentence, what to ask."""

from __future__ import annotations

import pytest

from followthrough.culture import scoring

from .conftest import NUMBERS_FIRST, PEOPLE_FIRST, profile

MIXED = [
    (50, 20, 10, 20),
    (30, 40, 10, 20),
    (40, 30, 20, 10),
    (40, 30, 10, 20),
    (35, 35, 10, 20),
    (45, 25, 0, 30),
]


def test_a_type_scores_its_mean_over_the_six_dimensions():
    scores = scoring.type_scores(profile(MIXED))
    assert scores["clan"] == pytest.approx((50 + 30 + 40 + 40 + 35 + 45) / 6)
    assert scores["market"] == pytest.approx(60 / 6)
    assert sum(scores.values()) == pytest.approx(100)


def test_a_draft_has_no_scores_and_is_not_complete():
    draft = profile(PEOPLE_FIRST[:5])
    assert scoring.filled_dimensions(draft) == list(draft)
    assert not scoring.is_complete(draft)
    with pytest.raises(ValueError):
        scoring.type_scores(draft)


def test_several_ratings_average_cell_by_cell_and_drafts_are_left_out():
    first = profile([(20, 20, 40, 20)] * 6)
    second = profile([(40, 20, 20, 20)] * 6)
    draft = profile([(100, 0, 0, 0)] * 3)
    mean = scoring.average([first, second, draft])
    assert mean["leadership"] == {"clan": 30, "adhocracy": 20, "market": 30, "hierarchy": 20}
    fit = scoring.compare(profile(PEOPLE_FIRST), [first, second, draft], 10)
    assert fit.ratings_used == 2
    assert fit.perceived_scores == {"clan": 30, "adhocracy": 20, "market": 30, "hierarchy": 20}


def test_gaps_are_perceived_minus_preferred_per_type_and_per_dimension():
    perceived = [(20, 10, 50, 20)] * 5 + [(40, 30, 10, 20)]
    fit = scoring.compare(profile(PEOPLE_FIRST), [profile(perceived)], 10)
    assert fit.type_gaps["market"] == pytest.approx((50 * 5 + 10) / 6 - 10)
    assert fit.type_gaps["clan"] == pytest.approx((20 * 5 + 40) / 6 - 40)
    assert fit.dimension_gaps["leadership"] == {
        "clan": -20,
        "adhocracy": -20,
        "market": 40,
        "hierarchy": 0,
    }
    assert fit.dimension_gaps["success"] == dict.fromkeys(fit.dimension_gaps["success"], 0)


def test_the_fit_is_the_overlap_of_the_two_profiles():
    same = scoring.compare(profile(PEOPLE_FIRST), [profile(PEOPLE_FIRST)], 10)
    assert same.score == 100
    apart = scoring.compare(profile(PEOPLE_FIRST), [profile(NUMBERS_FIRST)], 10)
    # min(40,20) + min(30,10) + min(10,50) + min(20,20)
    assert apart.score == 60


def test_differences_at_or_over_the_threshold_are_highlighted():
    perceived = profile([(30, 30, 20, 20)] * 5 + [(31, 30, 19, 20)])
    fit = scoring.compare(profile(PEOPLE_FIRST), [perceived], 10)
    # clan: 40 to 30.17 (-9.8 shows as -10), market 10 to 19.8 (+9.8 shows as +10)
    assert [(g.type, g.size) for g in fit.type_highlights] == [("clan", 10), ("market", 10)]
    assert len(fit.dimension_highlights) == 10  # two per dimension; success differs by 9
    assert all(g.dimension != "success" for g in fit.dimension_highlights)
    stricter = scoring.compare(profile(PEOPLE_FIRST), [perceived], 11)
    assert stricter.type_highlights == [] and stricter.dimension_highlights == []


def test_the_sentence_names_the_biggest_differences_and_the_widest_dimension():
    perceived = [(20, 10, 50, 20)] * 5 + [(40, 30, 10, 20)]
    fit = scoring.compare(profile(PEOPLE_FIRST), [profile(perceived)], 10)
    assert scoring.sentence(fit, "Acme") == (
        "Acme has more market (results and winning, +33), less clan (people and teamwork,"
        " \u221217) and less adhocracy (new ideas and risk, \u221217) than you prefer;"
        " the widest gap is in dominant characteristics, where market scores 40 points higher."
    )


def test_the_sentence_says_so_when_the_cultures_are_close():
    close = profile([(35, 30, 15, 20)] * 6)
    fit = scoring.compare(profile(PEOPLE_FIRST), [close], 10)
    assert scoring.sentence(fit, "Acme") == (
        "Acme is close to the culture you prefer overall: no type differs by 10 points or more."
    )


def test_there_is_no_fit_without_a_complete_preferred_profile_or_rating():
    assert scoring.compare(profile(PEOPLE_FIRST[:5]), [profile(PEOPLE_FIRST)], 10) is None
    assert scoring.compare(profile(PEOPLE_FIRST), [profile(PEOPLE_FIRST[:2])], 10) is None
    assert scoring.compare(profile(PEOPLE_FIRST), [], 10) is None


def test_signed_gaps_read_as_people_write_them():
    assert [scoring.signed(v) for v in (12.4, -7.5, 0.2, -0.4)] == ["+12", "\u22128", "0", "0"]
    assert scoring.whole(9.5) == 10 and scoring.whole(-9.5) == -10


def test_the_least_known_dimensions_are_those_without_rating_or_evidence():
    rated_with_notes = (
        profile([(25, 25, 25, 25)] * 4),  # characteristics..glue rated, strategy and success not
        {"characteristics": "Open office", "leadership": "The VP coached", "glue": ""},
    )
    notes_only = ({}, {"strategy": "They invest in new markets"})
    least = scoring.least_known([rated_with_notes, notes_only], limit=3)
    # success: nothing; management and glue: rated without notes (glue's note is blank)
    assert [k.dimension for k in least] == ["success", "management", "glue"]
    assert least[0].summary == "Nothing noted yet."
    assert least[1].summary == "Rated, but no evidence noted."
    known = {k.dimension: k for k in scoring.knowledge([rated_with_notes, notes_only])}
    assert known["strategy"].summary == "1 note of evidence, not rated yet"


def test_with_no_ratings_every_dimension_is_unknown_and_the_first_ones_come_first():
    assert [k.dimension for k in scoring.least_known([], limit=2)] == [
        "characteristics",
        "leadership",
    ]
