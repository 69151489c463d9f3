"""A draft for every rule, filled from Sam's real data; a missing detail is a placeholder."""

from __future__ import annotations

import pytest

from followthrough.drafts import services
from followthrough.drafts.defaults import RULE_TEMPLATES, TEMPLATES
from followthrough.tracker.models import Rule
from followthrough.tracker.services import etiquette

from .conftest import d

pytestmark = pytest.mark.django_db


def test_every_rule_has_a_template_and_every_template_renders_with_nothing_known():
    assert set(RULE_TEMPLATES) == set(Rule.values)
    assert set(RULE_TEMPLATES.values()) <= set(TEMPLATES)
    assert {"informational-request", "congratulations", "withdrawal"} <= set(TEMPLATES)
    from followthrough.drafts import rendering

    for default in TEMPLATES.values():
        rendered = rendering.render(default.subject, default.body, {})
        assert "[first name]" in rendered.body or default.name == "note"
        assert rendered.body.endswith("[your name]\n")


# Rule 1: thank-you -------------------------------------------------------------------


@pytest.fixture
def interview(search, signed):
    ada = search.person("Ada Lovelace", emails="ada@acme.example")
    bo = search.person("Dr. Bo Chen", emails="bo@acme.example")
    acme = search.opportunity("Designer", "Acme", stage="applied")
    search.log(
        "interview", [ada, bo], "Mar 2", opportunity=acme,
        rapport_note="Ada=rowing on the Thames.", decision_date="Mar 12",
    )
    return ada, bo, acme


def test_a_thank_you_goes_to_each_interviewer_and_draws_on_the_rapport_note(search, interview):
    ada, bo, acme = interview

    draft = search.draft("Mar 3", Rule.THANK_YOU, ada)

    assert (draft.to, draft.person_name, draft.template) == (
        "ada@acme.example", "Ada Lovelace", "thank-you"
    )
    assert draft.subject == "Thank you for the conversation on Monday 2 March"
    assert draft.body == (
        "Hi Ada,\n\n"
        "Thank you for taking the time to talk with me on Monday 2 March about the Designer role "
        "at Acme. I especially enjoyed our conversation: rowing on the Thames.\n\n"
        "It left me even more interested in the work, and I would be glad to bring my "
        "experience to the team.\n\n"
        "I look forward to hearing from you around Thursday 12 March.\n\n"
        "Warm regards,\nSam Rivera\n"
    )
    other = search.draft("Mar 3", Rule.THANK_YOU, bo)
    assert other.body.startswith("Hi Bo,\n")  # "Dr." is not a first name
    assert other.to == "bo@acme.example"
    assert not draft.awaits_reply and draft.opportunity_id == acme.pk


def test_a_thank_you_without_details_leaves_placeholders_not_awkward_sentences(search, signed):
    cy = search.person("Cy Twombly")
    search.log("informational", cy, "Mar 2")

    draft = search.draft("Mar 3", Rule.THANK_YOU)

    assert draft.to == ""
    assert draft.body == (
        "Hi Cy,\n\n"
        "Thank you for taking the time to talk with me on Monday 2 March. "
        "I especially enjoyed our conversation: [what you talked about].\n\n"
        "Your perspective gave me a much clearer picture, and I am grateful for your "
        "generosity.\n\n"
        "Warm regards,\nSam Rivera\n"
    )


@pytest.mark.parametrize(
    ("note", "sentence"),
    [
        ("both from Pune", "I especially enjoyed our conversation: both from Pune."),
        (
            "We both cycle to work and compared routes along the canal.",
            "I especially enjoyed our conversation: We both cycle to work and compared routes "
            "along the canal.",
        ),
        (
            "He coaches a rowing club;\nask about it!",
            "I especially enjoyed our conversation: He coaches a rowing club; ask about it.",
        ),
    ],
    ids=["a phrase", "a sentence", "two lines"],
)
def test_a_rapport_note_reads_naturally_whether_a_phrase_or_a_sentence(
    search, signed, note, sentence
):
    cy = search.person("Cy Twombly")
    search.log("interview", cy, "Mar 2", rapport_note=note)

    draft = search.draft("Mar 3", Rule.THANK_YOU)

    assert sentence in draft.body
    assert "[what you talked about" not in draft.body  # the note goes in as written


def test_the_template_preview_inserts_a_sentence_note_as_the_draft_does(search, signed):
    cy = search.person("Cy Twombly")
    search.log("interview", cy, "Mar 2", rapport_note="We both restore old bicycles.")
    task = search.due("Mar 3", Rule.THANK_YOU)
    default = TEMPLATES["thank-you"]

    preview = services.preview(
        search.owner, "thank-you", default.subject, default.body, today=d("Mar 3"), task=task
    )

    assert preview.body == search.draft("Mar 3", Rule.THANK_YOU).body
    assert "our conversation: We both restore old bicycles.\n" in preview.body


def test_without_a_signature_the_draft_ends_with_a_placeholder(search, owner):
    cy = search.person("Cy Twombly")
    search.log("interview", cy, "Mar 2")

    assert search.draft("Mar 3", Rule.THANK_YOU).body.endswith("Warm regards,\n[your name]\n")


# Rule 2: decision-follow-up -------------------------------------------------------------


def test_the_decision_follow_up_names_the_stated_date_and_goes_to_the_main_contact(
    search, interview
):
    *_, acme = interview
    hana = search.person("Hana Sato", emails="hana@acme.example")
    search.involve(acme, hana, "hiring_manager")

    draft = search.draft("Mar 12", Rule.DECISION_FOLLOW_UP)

    assert draft.to == "hana@acme.example"
    assert draft.subject == "Following up on the Designer role"
    assert (
        "Hi Hana,\n\nI hope your week is going well. When we spoke on Monday 2 March, you "
        "mentioned that Acme hoped to decide on the Designer role around Thursday 12 March, so "
        "I wanted to check in.\n\n" in draft.body
    )
    assert draft.awaits_reply


def test_a_follow_up_without_a_stated_date_does_not_invent_one(search, signed):
    ada = search.person("Ada Lovelace")
    acme = search.opportunity("Designer", "Acme", stage="applied")
    search.log("interview", ada, "Mar 2", opportunity=acme)

    draft = search.draft("Mar 16", Rule.DECISION_FOLLOW_UP)

    assert (
        "I wanted to follow up on my interview on Monday 2 March for the Designer role at Acme."
        in draft.body
    )
    assert "mentioned" not in draft.body and "[" not in draft.body


# Rule 3: nudge and let-go ----------------------------------------------------------------


@pytest.fixture
def unanswered(search, signed):
    bo = search.person("Bo Chen", emails="bo@example.org")
    search.log("email", bo, "Mar 2", awaiting_reply=True, summary="the platform team opening")
    return bo


def test_a_nudge_recalls_the_message_and_its_day(search, unanswered):
    draft = search.draft("Mar 9", Rule.NUDGE)

    assert draft.subject == "Following up on my note of Monday 2 March"
    assert (
        "I wanted to follow up on my note of Monday 2 March about the platform team opening."
        in draft.body
    )
    assert "A short reply, or a better time to talk, would be perfect." in draft.body
    assert draft.awaits_reply


def test_the_last_nudge_leaves_it_with_them(search, unanswered):
    search.log("email", unanswered, "Mar 9")

    draft = search.draft("Mar 16", Rule.NUDGE)

    assert "If now is not a good time, no worries at all; I will leave it with you." in draft.body


def test_a_nudge_without_a_summary_asks_for_the_topic(search, signed):
    bo = search.person("Bo Chen")
    search.log("message", bo, "Mar 2", awaiting_reply=True)

    body = search.draft("Mar 9", "nudge").body
    assert "my note of Monday 2 March about [what you wrote about]." in body


def test_letting_go_thanks_them_kindly(search, unanswered):
    search.log("email", unanswered, "Mar 9")
    search.log("email", unanswered, "Mar 16")

    draft = search.draft("Mar 23", Rule.LET_GO)

    assert draft.template == "let-go"
    assert draft.subject == "Thank you"
    assert draft.body.startswith(
        "Hi Bo,\n\nThank you for your time and consideration. I understand that timing does not "
        "always line up, and I will focus my search elsewhere for now.\n\n"
    )
    assert not draft.awaits_reply


def test_letting_go_after_a_clear_no_names_the_role(search, signed):
    bo = search.person("Bo Chen")
    acme = search.opportunity("Designer", "Acme", stage="applied")
    search.log("email", bo, "Mar 4", direction="in", clear_no=True, opportunity=acme)

    draft = search.draft("Mar 4", Rule.LET_GO)

    assert draft.subject == "Thank you: Designer"
    assert "Thank you for your time and consideration for the Designer role at Acme." in draft.body


# Rule 5: offer-timing --------------------------------------------------------------------


def test_the_offer_timing_note_gives_the_deadline_to_the_hiring_manager(search, signed):
    hana = search.person("Hana Sato", emails="hana@acme.example")
    acme = search.opportunity("Designer", "Acme", stage="interviewing", decision_date="2026-03-25")
    search.involve(acme, hana, "hiring_manager")
    beta = search.opportunity("Analyst", "Beta", stage="interviewing")
    search.move(beta, "offer", "Mar 5", deadline="Mar 20")

    draft = search.draft("Mar 5", Rule.OFFER_TIMING)

    assert (draft.to, draft.subject) == ("hana@acme.example", "An update on my timing: Designer")
    assert "need to give my answer by Friday 20 March." in draft.body
    assert "the Designer role at Acme" in draft.body
    assert "Is an update possible before Friday 20 March?" in draft.body
    assert draft.awaits_reply


# Rule 10: landed-thanks -------------------------------------------------------------------


def test_the_landed_thanks_says_how_each_helper_helped(search, signed):
    rex = search.person("Rex Moore")
    cleo = search.person("Cleo Park")
    acme = search.opportunity("Designer", "Acme", referred_by=rex)
    search.log("informational", cleo, "Feb 10", rapport_note="her years in Lisbon")
    search.move(acme, "accepted", "Mar 9")

    for_rex = search.draft("Mar 9", Rule.LANDED_THANKS, rex)
    for_cleo = search.draft("Mar 9", Rule.LANDED_THANKS, cleo)

    assert for_rex.subject == "Some news, and a thank-you"
    assert "I have accepted the Designer role at Acme." in for_rex.body
    assert "Thank you for referring me for the Designer role at Acme. It made a real " in (
        for_rex.body
    )
    assert (
        "Thank you for the informational interview on Tuesday 10 February. It made a real "
        "difference "
        "during my search. I still think about our conversation: her years in Lisbon."
    ) in for_cleo.body


# Rule 11: keep-in-touch and birthday ---------------------------------------------------------


def test_a_check_in_recalls_the_last_conversation(search, signed):
    dee = search.person("Dee Park", cadence_days=30, organization="Initech")
    search.log("coffee", dee, "Jan 15", rapport_note="her trip to Lisbon")

    draft = search.draft("Feb 14", Rule.KEEP_IN_TOUCH)

    assert draft.subject == "How are things at Initech?"
    assert "Last time we talked about her trip to Lisbon; I would love to hear how" in draft.body
    assert not draft.awaits_reply


def test_a_check_in_with_nothing_logged_leaves_a_placeholder(search, signed):
    search.person("Dee Park", cadence_days=30)

    draft = search.draft("Feb 1", Rule.KEEP_IN_TOUCH)

    assert draft.subject == "How are things?"
    assert "Last time we talked about [something from your last conversation];" in draft.body


def test_a_birthday_note_asks_for_nothing(search, signed):
    search.person("Eve Adams", birthday="--03-04", emails="eve@example.org")

    draft = search.draft("Mar 4", Rule.BIRTHDAY)

    assert draft.subject == "Happy birthday, Eve!"
    assert draft.body == (
        "Hi Eve,\n\nHappy birthday! I hope the day brings you something good, and that the "
        "year ahead is a great one.\n\nBest wishes,\nSam Rivera\n"
    )


# Rule 9: give-first ---------------------------------------------------------------------


def test_give_first_offers_something_and_counts_as_a_give(search, signed):
    fay = search.person("Fay Wong", organization="Globex")
    search.log("email", fay, "Feb 20", asked=True)
    search.log("email", fay, "Feb 25", asked=True)

    draft = search.draft("Feb 25", Rule.GIVE_FIRST)

    assert draft.subject == "Thought of you"
    assert "thought of you and your work at Globex." in draft.body
    assert "[an article, an event or an introduction that would help them]" in draft.body
    assert draft.gave and not draft.asked


# Rule 4: momentum ------------------------------------------------------------------------


def test_momentum_drafts_an_informational_request_to_a_suggested_person(search, signed):
    ada = search.person("Ada Lovelace")
    gil = search.person(
        "Gil Grissom", situation="hiring_manager", title="Engineering Manager",
        organization="Initech", introduced_by=ada, emails="gil@initech.example",
    )

    draft = search.draft("Mar 2", Rule.MOMENTUM)

    assert (draft.person_id, draft.to) == (gil.pk, "gil@initech.example")
    assert draft.template == "informational-request"
    assert draft.subject == "A short conversation about your work at Initech?"
    assert draft.body.startswith(
        "Hi Gil,\n\nAda Lovelace suggested I get in touch with you. I am exploring my next role, "
        "and I would value your perspective as Engineering Manager at Initech.\n\n"
    )
    assert draft.asked and draft.awaits_reply


def test_momentum_with_nobody_to_suggest_is_all_placeholders(search, signed):
    search.opportunity("Analyst", "Beta", stage="applied")  # momentum waits for some data
    draft = search.draft("Mar 2", Rule.MOMENTUM)

    assert (draft.person_id, draft.to) == (None, "")
    assert draft.subject == "A short conversation?"
    assert draft.body.startswith("Hi [first name],\n\nI am exploring my next role")


# Rule 12: buddy-summary -------------------------------------------------------------------


def test_the_buddy_summary_carries_the_weeks_figures(search, signed):
    search.workspace(buddy_name="Bea Lund")
    bo = search.person("Bo Chen")
    search.log("email", bo, "Mar 3")
    search.log("interview", bo, "Mar 4")

    draft = search.draft("Mar 6", Rule.BUDDY_SUMMARY)

    summary = etiquette.week_summary(search.owner, d("Mar 6"), d("Mar 6"))
    assert draft.subject == "My job search, 2\N{EN DASH}8 Mar 2026"
    assert f"- Outreach: {summary.outreach}\n" in draft.body
    assert f"- Interviews: {summary.interviews}\n" in draft.body
    assert f"- Outreach streak: {summary.streak} day" in draft.body
    assert summary.outreach == 2 and summary.interviews == 1
    assert draft.body.startswith("Hi [first name],\n")
    assert draft.to == ""


# By hand ---------------------------------------------------------------------------------


def test_a_hand_made_task_gets_a_plain_note_and_any_template_on_request(search, signed):
    from followthrough.tracker.services.tasks import add_task

    ada = search.person("Ada Lovelace", organization="Acme")
    task = add_task(search.owner, "Congratulate Ada", "2026-03-02", today=d("Mar 2"), person=ada)

    plain = services.render_draft(search.owner, task, today=d("Mar 2"))
    congrats = services.render_draft(
        search.owner, task, today=d("Mar 2"), template="congratulations"
    )

    assert (plain.template, plain.subject) == ("note", "[subject]")
    assert "[Your message.]" in plain.body
    assert congrats.subject == "Congratulations, Ada!"
    assert "I just heard about [their news] and wanted to say congratulations." in congrats.body
    assert congrats.gave


def test_a_person_draft_needs_no_task(search, signed):
    gil = search.person("Gil Grissom", title="CTO", organization="Initech")

    draft = services.person_draft(search.owner, gil, "informational-request", today=d("Mar 2"))

    assert "I would value your perspective as CTO at Initech." in draft.body
