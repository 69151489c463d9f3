"""The phrases that make a message a rejection or an invitation, in three languages."""

from __future__ import annotations

import pytest

from followthrough.mail.phrases import INTERVIEW, REJECTION, classify


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("After careful consideration we have decided to move\nforward with other candidates.",
         "rejection"),
        ("We regret to inform you that the position has been filled.", "rejection"),
        ("Unfortunately, we won\u2019t be moving forward with your application.", "rejection"),
        ("We would like to invite you to an interview next week.", "interview"),
        ("Could you share your availability for an interview?", "interview"),
        ("Leider müssen wir Ihnen mitteilen, dass wir uns für einen anderen Kandidaten "
         "entschieden haben.", "rejection"),
        ("Wir möchten Sie gerne zu einem Vorstellungsgespräch einladen.", "interview"),
        ("Nous ne pouvons pas donner suite à votre candidature.", "rejection"),
        ("Nous souhaitons vous inviter à un entretien.", "interview"),
    ],
)  # fmt: skip
def test_classify(text, kind):
    found = classify(text)
    assert found is not None and found[0] == kind


def test_a_no_to_an_interview_is_a_no():
    text = "We regret to inform you that we will not invite you to an interview."
    assert classify(text)[0] == "rejection"


def test_ordinary_mail_is_neither():
    assert classify("Thanks for the coffee!", "Great to catch up, let's talk soon.") is None


def test_every_language_has_both_lists_in_lower_case():
    assert set(REJECTION) == set(INTERVIEW) == {"en", "de", "fr"}
    for phrases in [*REJECTION.values(), *INTERVIEW.values()]:
        assert phrases and all(p == p.lower() for p in phrases)
