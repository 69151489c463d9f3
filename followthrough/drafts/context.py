"""What a template is given: a plain dict of strings, numbers and booleans.

Never a model instance (a template could walk from it to other rows), never
empty values (a missing detail must render as its placeholder). Dates are
written for the person who reads the message: "Thursday 12 March", with the
year only when it is not this year's (``tracker.dates.letter_day``).
Each rule's item finds its facts through the task's stable key (``thank-you:
<interview>:<person>`` and so on: see ``followthrough.engine.rules``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from followthrough.tracker.dates import letter_day
from followthrough.tracker.models import (
    INTERVIEW_KINDS,
    Interaction,
    Kind,
    Opportunity,
    Person,
    Role,
    Rule,
    Task,
)
from followthrough.tracker.services import etiquette
from followthrough.tracker.services.owners import workspace_for
from followthrough.tracker.services.rapport import note_for

from .defaults import placeholder
from .models import DraftSettings

_HONORIFICS = {"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof", "prof.", "mx", "mx."}
_TRAILING = re.compile(r"[\s.!?;:,]+$")
_HELPED = {
    Kind.INFORMATIONAL: "the informational interview",
    Kind.COFFEE: "the coffee",
    Kind.MEETING: "our meeting",
    Kind.CALL: "our call",
}


def human_date(day: dt.date | None, today: dt.date) -> str:
    """ "Thursday 12 March", or "Tuesday 30 December 2025" outside ``today``'s year:
    the app's one date format, spelled out for a letter (``letter_day``)."""
    return letter_day(day, today)


def first_name(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in _HONORIFICS]
    return words[0] if words else name.strip()


def phrase(text: str) -> str:
    """A note as a phrase to go mid-sentence: one line, no closing punctuation."""
    return _TRAILING.sub("", " ".join((text or "").split()))


PHRASE_WORDS = 8
_SENTENCE_BREAK = re.compile(r"[.;!?:]\s")


def mention(text: str, variable: str) -> str:
    """A note to go mid-sentence ("our conversation about ..."), or, when it reads as
    a sentence of its own, the placeholder with the note inside for the seeker to
    turn into words: ``[what you talked about: He rows on weekends]``.
    """
    note = phrase(text)
    if not note:
        return ""
    if len(note.split()) <= PHRASE_WORDS and not _SENTENCE_BREAK.search(note):
        return note
    return f"{placeholder(variable)[:-1]}: {note}]"


def rapport(text: str) -> str:
    """A rapport note as the seeker wrote it, to follow "our conversation:" in a note.

    A short phrase ("rowing on the Thames") and a sentence ("He coaches a rowing
    club.") both read naturally after the colon, so the note goes in as written:
    one line, without its closing punctuation (the template ends the sentence).
    """
    return phrase(text)


def clean(context: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values (they become placeholders); keep only plain values."""
    cleaned: dict[str, Any] = {}
    for key, value in context.items():
        if value is None or value == "" or value is False:
            continue
        if isinstance(value, dt.date):
            raise TypeError(f"{key}: format dates with human_date before they reach a template")
        if not isinstance(value, str | int | bool):
            raise TypeError(f"{key}: a template context holds only plain values")
        cleaned[key] = value
    return cleaned


def signature(owner) -> str:
    found = DraftSettings.objects.filter(owner=owner).values_list("sign_as", flat=True).first()
    return found or owner.get_full_name()


def base(owner, today: dt.date) -> dict[str, Any]:
    return {"my_name": signature(owner), "today": human_date(today, today)}


def person_part(owner, person: Person | None, today: dt.date) -> dict[str, Any]:
    if person is None:
        return {}
    last = _last_contact(owner, person)
    return {
        "name": person.name,
        "first_name": first_name(person.name),
        "title": person.title,
        "organization": person.organization.name if person.organization_id else "",
        "how_met": phrase(person.how_met),
        "introduced_by": person.introduced_by.name if person.introduced_by_id else "",
        "last_contact_date": human_date(last.occurred_on, today) if last else "",
        "last_topic": (
            mention(note_for(last, person) or last.summary, "last_topic") if last else ""
        ),
    }


def opportunity_part(opp: Opportunity | None, today: dt.date) -> dict[str, Any]:
    if opp is None:
        return {}
    return {
        "role": opp.role,
        "organization": opp.organization.name,
        "decision_date": human_date(opp.decision_date, today),
        "offer_deadline": human_date(opp.offer_deadline, today),
    }


def for_person(owner, person: Person | None, today: dt.date, opp: Opportunity | None = None):
    """The context of a message to ``person`` (about ``opp``), with no task behind it."""
    context = base(owner, today)
    context.update(_drop_empty(person_part(owner, person, today)))
    context.update(_drop_empty(opportunity_part(opp, today)))
    return clean(context)


def for_task(owner, task: Task, today: dt.date, person: Person | None = None) -> dict[str, Any]:
    """The context of the draft for ``task``, addressed to ``person`` (default: its person)."""
    person = person or task.person
    context = base(owner, today)
    context.update(_drop_empty(person_part(owner, person, today)))
    context.update(_drop_empty(opportunity_part(task.opportunity, today)))
    extra = _RULE_PARTS.get(task.rule)
    if extra is not None:
        context.update(_drop_empty(extra(owner, task, person, today)))
    return clean(context)


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    # A later, empty value must not hide an earlier one (the person's organization
    # stays when the opportunity has none).
    return {k: v for k, v in values.items() if v not in (None, "")}


def _last_contact(owner, person: Person) -> Interaction | None:
    return (
        Interaction.objects.filter(owner=owner, people=person)
        .exclude(kind=Kind.NOTE)
        .order_by("-occurred_on", "-id")
        .first()
    )


def _key_ids(task: Task) -> list[int]:
    return [int(part) for part in task.key.split(":")[1:] if part.isdigit()]


def _interaction(owner, pk: int | None) -> Interaction | None:
    if pk is None:
        return None
    return Interaction.objects.filter(owner=owner, pk=pk).first()


# Per rule ----------------------------------------------------------------------------


def _thank_you(owner, task: Task, person, today: dt.date) -> dict[str, Any]:
    ids = _key_ids(task)
    interview = _interaction(owner, ids[0] if ids else None)
    if interview is None:
        return {}
    informational = interview.kind == Kind.INFORMATIONAL
    return {
        "interview_date": human_date(interview.occurred_on, today),
        "interview_kind": "informational interview" if informational else "interview",
        "informational": informational,
        "rapport_note": rapport(note_for(interview, person or task.person)),
        "decision_date": human_date(interview.decision_date, today),
    }


def _decision_follow_up(owner, task: Task, person, today: dt.date) -> dict[str, Any]:
    if task.opportunity_id is None:
        return {}
    interview = (
        Interaction.objects.filter(
            owner=owner, opportunity_id=task.opportunity_id, kind__in=INTERVIEW_KINDS
        )
        .order_by("-occurred_on", "-id")
        .first()
    )
    if interview is None:
        return {}
    return {
        "interview_date": human_date(interview.occurred_on, today),
        "decision_date": human_date(
            task.opportunity.decision_date or interview.decision_date, today
        ),
    }


def _nudge(owner, task: Task, person, today: dt.date) -> dict[str, Any]:
    ids = _key_ids(task)
    root = _interaction(owner, ids[0] if ids else None)
    context: dict[str, Any] = {}
    if len(ids) >= 3:
        context["nudge_number"] = ids[2]
        context["last_nudge"] = ids[2] >= workspace_for(owner).max_nudges
    if root is not None:
        context["sent_date"] = human_date(root.occurred_on, today)
        context["topic"] = _topic(root)
    return context


def _topic(message: Interaction) -> str:
    if message.summary:
        return mention(message.summary.splitlines()[0], "topic")
    if message.opportunity_id:
        return f"the {message.opportunity.role} role"
    return ""


def _let_go(owner, task: Task, person, today: dt.date) -> dict[str, Any]:
    parts = task.key.split(":")
    if len(parts) == 3 and parts[1].isdigit():  # let-go:<message>:<person>
        root = _interaction(owner, int(parts[1]))
        if root is not None:
            return {"sent_date": human_date(root.occurred_on, today)}
    return {}


def _offer_timing(owner, task: Task, person, today: dt.date) -> dict[str, Any]:
    ids = _key_ids(task)
    offer = (
        Opportunity.objects.filter(owner=owner, pk=ids[0]).select_related("organization").first()
        if ids
        else None
    )
    if offer is None:
        return {}
    return {
        "offer_organization": offer.organization.name,
        "offer_deadline": human_date(offer.offer_deadline, today),
    }


def _landed_thanks(owner, task: Task, person, today: dt.date) -> dict[str, Any]:
    opp = task.opportunity
    context: dict[str, Any] = {}
    if opp is not None:
        context["new_role"] = opp.role
        context["new_organization"] = opp.organization.name
    if person is None:
        return context
    referred = (
        Opportunity.objects.filter(owner=owner, involved__person=person,
                                   involved__role=Role.REFERRER)
        .select_related("organization")
        .order_by("-id")
        .first()
    )
    if referred is not None:
        where = referred.organization.name
        context["helped_how"] = f"referring me for the {referred.role} role at {where}"
        return context
    introduced = Person.objects.filter(owner=owner, introduced_by=person).order_by("-id").first()
    if introduced is not None:
        context["helped_how"] = f"introducing me to {introduced.name}"
        return context
    met = (
        Interaction.objects.filter(owner=owner, people=person, kind__in=list(_HELPED))
        .order_by("-occurred_on", "-id")
        .first()
    )
    if met is not None:
        context["helped_how"] = f"{_HELPED[met.kind]} on {human_date(met.occurred_on, today)}"
        context["rapport_note"] = rapport(note_for(met, person))
        return context
    asked = (
        Interaction.objects.filter(owner=owner, people=person, asked=True)
        .order_by("-occurred_on", "-id")
        .first()
    )
    if asked is not None:
        about = mention(asked.summary.splitlines()[0], "helped_how") if asked.summary else ""
        when = human_date(asked.occurred_on, today)
        context["helped_how"] = (
            f"your help when I asked on {when} ({about})" if about
            else f"your help when I asked on {when}"
        )
    return context


def _prepare(owner, task: Task, person, today: dt.date) -> dict[str, Any]:
    """The interview's day, and the culture questions the culture-fit feature suggests."""
    context: dict[str, Any] = {}
    parts = task.key.split(":")
    if len(parts) == 2 and parts[1].isdigit():
        interview = _interaction(owner, int(parts[1]))
        if interview is not None:
            context["interview_date"] = human_date(interview.occurred_on, today)
    if task.opportunity_id is not None:
        from followthrough.culture import services as culture

        prep = culture.interview_prep(owner, task.opportunity, today)
        if prep is not None and prep.questions:
            lines = [f"- {q.dimension.questions[0]}" for q in prep.questions]
            context["culture_questions"] = "\n".join(lines)
    return context


def _year_end(owner, task: Task, person, today: dt.date) -> dict[str, Any]:
    return {"year": str(task.due.year + 1)}


def _buddy_summary(owner, task: Task, person, today: dt.date) -> dict[str, Any]:
    summary = etiquette.week_summary(owner, task.due, today)
    return {
        "week": etiquette.week_text(summary),
        "outreach": str(summary.outreach),
        "applications": str(summary.applications),
        "interviews": str(summary.interviews),
        "informational_interviews": str(summary.informational_interviews),
        "thank_yous": str(summary.thank_yous),
        "follow_ups": str(summary.follow_ups),
        "new_contacts": str(summary.new_contacts),
        "streak": f"{summary.streak} day{'' if summary.streak == 1 else 's'}",
    }


_RULE_PARTS = {
    Rule.THANK_YOU: _thank_you,
    Rule.DECISION_FOLLOW_UP: _decision_follow_up,
    Rule.NUDGE: _nudge,
    Rule.LET_GO: _let_go,
    Rule.OFFER_TIMING: _offer_timing,
    Rule.LANDED_THANKS: _landed_thanks,
    Rule.BUDDY_SUMMARY: _buddy_summary,
    Rule.PREPARE: _prepare,
    Rule.KEEP_IN_TOUCH: lambda owner, task, person, today: (
        _year_end(owner, task, person, today)
        if task.key.startswith("keep-in-touch:year-end:") else {}
    ),
}
"""Rules whose drafts need more than the person and the opportunity."""


SAMPLE: dict[str, Any] = {
    "first_name": "Ada",
    "name": "Ada Lovelace",
    "title": "Engineering Manager",
    "organization": "Analytical Engines",
    "role": "Backend Engineer",
    "my_name": "Sam",
    "today": "Monday 2 March",
    "interview_date": "Thursday 26 February",
    "interview_kind": "interview",
    "rapport_note": "the team's move to event sourcing",
    "decision_date": "Thursday 12 March",
    "sent_date": "Friday 20 February",
    "topic": "the platform team",
    "nudge_number": 1,
    "offer_organization": "Difference Co",
    "offer_deadline": "Monday 9 March",
    "new_role": "Staff Engineer",
    "new_organization": "Difference Co",
    "helped_how": "the coffee on Tuesday 3 February",
    "last_contact_date": "Wednesday 14 January",
    "last_topic": "your trip to Lisbon",
    "week": "2\N{EN DASH}8 Mar 2026",
    "outreach": "5",
    "applications": "2",
    "interviews": "1",
    "informational_interviews": "1",
    "thank_yous": "1",
    "follow_ups": "1",
    "new_contacts": "3",
    "streak": "4 days",
    "culture_questions": "- How are decisions made on the team?",
    "year": "2027",
}
"""Made-up values a template must render with before it is saved."""
