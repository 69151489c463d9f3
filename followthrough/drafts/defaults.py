"""The default wording of every message: warm, short, specific, never pushy.

Each template is Jinja2 text (run in a sandbox, see ``rendering``) over a plain
dict of strings. A value the data does not have renders as a bracketed
placeholder (``[what you talked about]``) for the seeker to fill in, so a missing
detail shows plainly instead of making an awkward sentence; literal brackets in
the wording are placeholders of the same kind.

``RULE_TEMPLATES`` says which template drafts each rule's items.
"""

from __future__ import annotations

from dataclasses import dataclass

from followthrough.tracker.models import Rule


@dataclass(frozen=True)
class Variable:
    placeholder: str
    help: str


VARIABLES: dict[str, Variable] = {
    "first_name": Variable("first name", "The recipient's first name."),
    "name": Variable("name", "The recipient's full name."),
    "title": Variable("their job title", "The recipient's job title."),
    "organization": Variable(
        "organization", "The opportunity's organization, else the recipient's."
    ),
    "role": Variable("role", "The opportunity's role."),
    "my_name": Variable("your name", "How you sign (set it on the templates page)."),
    "today": Variable("today", "Today's date, like Thursday 12 March."),
    "how_met": Variable("how you met", "How you met the recipient."),
    "introduced_by": Variable("who introduced you", "Who introduced you to the recipient."),
    "interview_date": Variable("the day you talked", "The day of the interview."),
    "interview_kind": Variable("interview", "\"interview\" or \"informational interview\"."),
    "informational": Variable("", "True when it was an informational interview."),
    "rapport_note": Variable(
        "what you talked about",
        "The rapport note logged with that conversation, as you wrote it (a phrase or a"
        " sentence; it reads best after a colon).",
    ),
    "decision_date": Variable("the date they gave", "The decision date the employer stated."),
    "sent_date": Variable("the day you wrote", "When you sent the message awaiting a reply."),
    "topic": Variable("what you wrote about", "The summary of the message awaiting a reply."),
    "nudge_number": Variable("", "1 for the first nudge, 2 for the second, ..."),
    "last_nudge": Variable("", "True for the last nudge before letting go."),
    "offer_organization": Variable(
        "the company that made the offer", "Who made you the offer."
    ),
    "offer_deadline": Variable("your offer deadline", "When you must answer the offer."),
    "new_role": Variable("your new role", "The role you accepted."),
    "new_organization": Variable("your new employer", "Where you accepted it."),
    "helped_how": Variable("how they helped", "How the recipient helped in your search."),
    "last_contact_date": Variable("when you last talked", "The day you last talked."),
    "last_topic": Variable(
        "something from your last conversation",
        "The rapport note (or summary) of your last conversation.",
    ),
    "week": Variable("the week", "The week summed up, like 2-8 Mar 2026."),
    "outreach": Variable("count", "Outreach this week."),
    "applications": Variable("count", "Applications this week."),
    "interviews": Variable("count", "Interviews this week."),
    "informational_interviews": Variable("count", "Informational interviews this week."),
    "thank_yous": Variable("count", "Thank-you notes this week."),
    "follow_ups": Variable("count", "Follow-ups and nudges this week."),
    "new_contacts": Variable("count", "People added this week."),
    "streak": Variable("streak", "The outreach streak, like \"3 days\"."),
    "culture_questions": Variable(
        "a question or two about how the team works",
        "Questions about the culture to ask (from the culture fit), one per line.",
    ),
    "year": Variable("the new year", "The year about to begin."),
}


@dataclass(frozen=True)
class Default:
    """A message's default wording and what sending it means.

    ``awaits_reply``, ``asked`` and ``gave`` are set on the interaction logged
    when the seeker marks it sent (rules 3 and 9 read them).
    """

    name: str
    label: str
    purpose: str
    subject: str
    body: str
    variables: tuple[str, ...]
    awaits_reply: bool = False
    asked: bool = False
    gave: bool = False


_PERSON = ("first_name", "name", "title", "organization", "my_name", "today")
_OPP = ("role", "organization")

TEMPLATES: dict[str, Default] = {}


def _add(default: Default) -> None:
    TEMPLATES[default.name] = default


_add(Default(
    name="thank-you",
    label="Thank-you after an interview",
    purpose="After an interview: one note to each person you met, drawing on what "
    "you talked about.",
    subject="Thank you for the conversation on {{ interview_date }}",
    body="""\
Hi {{ first_name }},

Thank you for taking the time to talk with me on {{ interview_date }}\
{% if role %} about the {{ role }} role{% endif %}\
{% if organization %} at {{ organization }}{% endif %}. \
I especially enjoyed our conversation: {{ rapport_note }}.

{% if informational %}
Your perspective gave me a much clearer picture, and I am grateful for your generosity.
{% else %}
It left me even more interested in the work, and I would be glad to bring my experience \
to the team.
{% endif %}
{% if decision_date %}

I look forward to hearing from you around {{ decision_date }}.
{% endif %}

Warm regards,
{{ my_name }}
""",
    variables=(*_PERSON, *_OPP, "interview_date", "interview_kind", "informational",
               "rapport_note", "decision_date"),
))

_add(Default(
    name="decision-follow-up",
    label="Follow-up on the decision date",
    purpose="On the day they said they would decide: one polite follow-up.",
    subject="Following up on the {{ role }} role",
    body="""\
Hi {{ first_name }},

I hope your week is going well. \
{% if decision_date %}
When we spoke{% if interview_date %} on {{ interview_date }}{% endif %}, you mentioned that \
{{ organization }} hoped to decide on the {{ role }} role around {{ decision_date }}, \
so I wanted to check in.
{% else %}
I wanted to follow up on my interview{% if interview_date %} on {{ interview_date }}{% endif %} \
for the {{ role }} role at {{ organization }}.
{% endif %}

I am still very interested, and happy to share anything else that would help. \
Is there any news on the timing?

Thank you,
{{ my_name }}
""",
    variables=(*_PERSON, *_OPP, "interview_date", "decision_date"),
    awaits_reply=True,
))

_add(Default(
    name="nudge",
    label="Nudge",
    purpose="When a message has gone unanswered for a week: a short, friendly nudge.",
    subject="Following up on my note of {{ sent_date }}",
    body="""\
Hi {{ first_name }},

I wanted to follow up on my note of {{ sent_date }} about {{ topic }}. \
Inboxes fill up fast, so I am bringing it back to the top in case it slipped by.

{% if last_nudge %}
If now is not a good time, no worries at all; I will leave it with you.
{% else %}
A short reply, or a better time to talk, would be perfect.
{% endif %}

Thanks so much,
{{ my_name }}
""",
    variables=(*_PERSON, *_OPP, "sent_date", "topic", "nudge_number", "last_nudge"),
    awaits_reply=True,
))

_add(Default(
    name="let-go",
    label="Letting go, with thanks",
    purpose="After two unanswered nudges: a short thanks, and time to move on.",
    subject="Thank you{% if role %}: {{ role }}{% endif %}",
    body="""\
Hi {{ first_name }},

Thank you for your time and consideration\
{% if role %} for the {{ role }} role{% endif %}\
{% if organization %} at {{ organization }}{% endif %}. \
I understand that timing does not always line up, and I will focus my search elsewhere for now.

I enjoyed getting to know you, and I would be glad to stay in touch. All the best.

Kind regards,
{{ my_name }}
""",
    variables=(*_PERSON, *_OPP, "sent_date"),
))

_add(Default(
    name="offer-timing",
    label="An offer changes the timing",
    purpose="When an offer's deadline comes first: tell the other hiring managers.",
    subject="An update on my timing: {{ role }}",
    body="""\
Hi {{ first_name }},

I wanted to let you know, in fairness to your process, that I have received an offer \
and need to give my answer by {{ offer_deadline }}.

I remain very interested in the {{ role }} role at {{ organization }}, and I would much rather \
decide knowing where things stand with you. Is an update possible before {{ offer_deadline }}? \
I completely understand if your timeline cannot move.

Thank you,
{{ my_name }}
""",
    variables=(*_PERSON, *_OPP, "decision_date", "offer_organization", "offer_deadline"),
    awaits_reply=True,
))

_add(Default(
    name="landed-thanks",
    label="Thank-you and update after you land",
    purpose="Once you have landed: thank everyone who helped, and share your news.",
    subject="Some news, and a thank-you",
    body="""\
Hi {{ first_name }},

I wanted you to hear it from me: I have accepted the {{ new_role }} role at {{ new_organization }}.

Thank you for {{ helped_how }}. It made a real difference during my search.\
{% if rapport_note %} I still think about our conversation: {{ rapport_note }}.{% endif %}

I would love to stay in touch, and if there is ever anything I can do for you, just ask.

With thanks,
{{ my_name }}
""",
    variables=(*_PERSON, "new_role", "new_organization", "helped_how", "rapport_note"),
))

_add(Default(
    name="keep-in-touch",
    label="Keep-in-touch check-in",
    purpose="For people you keep in touch with: connect just to connect, with no request.",
    subject="How are things{% if organization %} at {{ organization }}{% endif %}?",
    body="""\
Hi {{ first_name }},

It has been a while since we last talked, and you came to mind. \
How are things{% if organization %} at {{ organization }}{% endif %}?

Last time we talked about {{ last_topic }}; I would love to hear how that turned out.

No agenda on my side, just checking in. I hope all is well.

Best,
{{ my_name }}
""",
    variables=(*_PERSON, "last_contact_date", "last_topic"),
))

_add(Default(
    name="birthday",
    label="Birthday",
    purpose="On a birthday: a short note, with no request.",
    subject="Happy birthday, {{ first_name }}!",
    body="""\
Hi {{ first_name }},

Happy birthday! I hope the day brings you something good, and that the year ahead is a great one.

Best wishes,
{{ my_name }}
""",
    variables=_PERSON,
))

_add(Default(
    name="give-first",
    label="Give first: share something",
    purpose="After two asks with nothing given: offer something first (an article, "
    "an introduction).",
    subject="Thought of you",
    body="""\
Hi {{ first_name }},

I came across [an article, an event or an introduction that would help them] and thought of you\
{% if organization %} and your work at {{ organization }}{% endif %}.

[One line on why it might be useful to them.]

No need to reply; I just wanted to pass it along. I hope things are going well.

Best,
{{ my_name }}
""",
    variables=_PERSON,
    gave=True,
))

_add(Default(
    name="informational-request",
    label="Informational-interview request",
    purpose="When the pipeline runs thin, or by hand: ask for a short conversation "
    "to learn, not for a job.",
    subject=(
        "A short conversation"
        "{% if organization %} about your work at {{ organization }}{% endif %}?"
    ),
    body="""\
Hi {{ first_name }},

{% if introduced_by %}{{ introduced_by }} suggested I get in touch with you. {% endif %}\
I am exploring my next role, and I would value your perspective\
{% if title and organization %} as {{ title }} at {{ organization }}\
{% elif organization %} on the work at {{ organization }}{% endif %}.

Would you have 20 minutes for a call in the next couple of weeks? I am not asking about \
openings, only hoping to learn how you see [the kind of work you are curious about].

If now is not a good time, I completely understand.

Thank you,
{{ my_name }}
""",
    variables=(*_PERSON, "how_met", "introduced_by"),
    awaits_reply=True,
    asked=True,
))

_add(Default(
    name="buddy-summary",
    label="Weekly summary for your search buddy",
    purpose="Once a week: the week's figures, to share with your search buddy.",
    subject="My job search, {{ week }}",
    body="""\
Hi {{ first_name }},

Here is my week ({{ week }}):

- Outreach: {{ outreach }}
- Applications: {{ applications }}
- Interviews: {{ interviews }}
- Informational interviews: {{ informational_interviews }}
- Thank-you notes: {{ thank_yous }}
- Follow-ups: {{ follow_ups }}
- New contacts: {{ new_contacts }}
- Outreach streak: {{ streak }}

Next week I am aiming for [your goal for next week].

How did your week go?

{{ my_name }}
""",
    variables=("first_name", "my_name", "today", "week", "outreach", "applications",
               "interviews", "informational_interviews", "thank_yous", "follow_ups",
               "new_contacts", "streak"),
))

_add(Default(
    name="congratulations",
    label="Congratulations",
    purpose="By hand: congratulate someone on their news (it counts as giving first).",
    subject="Congratulations, {{ first_name }}!",
    body="""\
Hi {{ first_name }},

I just heard about [their news] and wanted to say congratulations. It is well deserved.

I hope you take a moment to enjoy it.

Best,
{{ my_name }}
""",
    variables=_PERSON,
    gave=True,
))

_add(Default(
    name="withdrawal",
    label="Graceful withdrawal",
    purpose="When you step out of a process: withdraw kindly, and offer to stay in touch.",
    subject="My application for the {{ role }} role",
    body="""\
Hi {{ first_name }},

Thank you for your time, and for everything you shared with me during the process for the \
{{ role }} role at {{ organization }}. I enjoyed getting to know the team.

After a lot of thought, I have decided to withdraw my application: [a kind, honest reason, \
such as another offer or a different direction]. It was not an easy decision.

I have great respect for what you are building, and I would be glad to stay in touch. \
I hope our paths cross again.

Warm regards,
{{ my_name }}
""",
    variables=(*_PERSON, *_OPP),
))

_add(Default(
    name="prepare",
    label="Before the interview: ask someone you know there",
    purpose=(
        "The day before an interview: research the organization and ask someone you"
        " know there about the culture."
    ),
    subject="A quick question before my interview{% if organization %} at {{ organization }}\
{% endif %}",
    body="""\
Hi {{ first_name }},

I have an interview{% if role %} for the {{ role }} role{% endif %}\
{% if organization %} at {{ organization }}{% endif %}\
{% if interview_date %} on {{ interview_date }}{% endif %}, and I would value your view \
of what it is like to work there.

If you have ten minutes, I would love to hear your take on:
{{ culture_questions }}

Any impressions at all would help me prepare. Thank you!

Best,
{{ my_name }}
""",
    variables=(*_PERSON, *_OPP, "interview_date", "culture_questions"),
    asked=True,
))

_add(Default(
    name="year-end",
    label="Year-end greeting",
    purpose="A holiday greeting at the end of the year, with no request (if you turned it on).",
    subject="Warm wishes for {{ year }}",
    body="""\
Hi {{ first_name }},

As the year comes to a close, I wanted to send you my warmest wishes for the holidays \
and for {{ year }}. I hope the new year brings you good things{% if organization %}, \
at {{ organization }} and beyond{% endif %}.

No need to reply; I was simply thinking of you.

Best wishes,
{{ my_name }}
""",
    variables=(*_PERSON, "year"),
))

_add(Default(
    name="note",
    label="A short note",
    purpose="Tasks made by hand: a plain note to fill in.",
    subject="[subject]",
    body="""\
Hi {{ first_name }},

[Your message.]

Best,
{{ my_name }}
""",
    variables=(*_PERSON, *_OPP),
))


RULE_TEMPLATES: dict[str, str] = {
    Rule.THANK_YOU: "thank-you",
    Rule.DECISION_FOLLOW_UP: "decision-follow-up",
    Rule.NUDGE: "nudge",
    Rule.LET_GO: "let-go",
    Rule.OFFER_TIMING: "offer-timing",
    Rule.LANDED_THANKS: "landed-thanks",
    Rule.KEEP_IN_TOUCH: "keep-in-touch",
    Rule.BIRTHDAY: "birthday",
    Rule.GIVE_FIRST: "give-first",
    Rule.MOMENTUM: "informational-request",
    Rule.BUDDY_SUMMARY: "buddy-summary",
    Rule.PREPARE: "prepare",
    Rule.MANUAL: "note",
    Rule.APPLY_BY: "note",
}
"""The template that drafts each rule's items (every rule has one)."""


def placeholder(variable: str) -> str:
    """``[what you talked about]``: what a missing value shows."""
    known = VARIABLES.get(variable)
    text = known.placeholder if known and known.placeholder else variable.replace("_", " ")
    return f"[{text}]"
