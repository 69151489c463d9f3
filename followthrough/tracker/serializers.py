"""Plain-dict views of the objects, for ``--json`` output and exports."""

from __future__ import annotations

from .models import Interaction, Opportunity, Organization, Person, Task


def _date(value):
    return value.isoformat() if value else None


def person_json(person: Person) -> dict:
    return {
        "id": person.pk,
        "name": person.name,
        "emails": list(person.emails),
        "phones": list(person.phones),
        "linkedin_url": person.linkedin_url,
        "organization": person.organization.name if person.organization_id else None,
        "organization_id": person.organization_id,
        "title": person.title,
        "situation": person.situation,
        "how_met": person.how_met,
        "met_on": _date(person.met_on),
        "introduced_by_id": person.introduced_by_id,
        "birthday": person.birthday_display or None,
        "tags": [tag.name for tag in person.tags.all()],
        "notes": person.notes,
        "cadence_days": person.cadence_days,
    }


def organization_json(org: Organization) -> dict:
    data = {
        "id": org.pk,
        "name": org.name,
        "website": org.website,
        "notes": org.notes,
        "culture_notes": org.culture_notes,
    }
    for counted in ("people_count", "opportunity_count"):
        if hasattr(org, counted):
            data[counted] = getattr(org, counted)
    return data


def opportunity_json(opp: Opportunity) -> dict:
    return {
        "id": opp.pk,
        "role": opp.role,
        "organization": opp.organization.name,
        "organization_id": opp.organization_id,
        "stage": opp.stage,
        "stage_changed_on": _date(opp.stage_changed_on),
        "source": opp.source,
        "referred_by_id": opp.referred_by_id,
        "interest": opp.interest,
        "decision_date": _date(opp.decision_date),
        "offer_deadline": _date(opp.offer_deadline),
        "posting_url": opp.posting_url,
        "notes": opp.notes,
        **job_json(opp),
        "people": [
            {"person_id": link.person_id, "name": link.person.name, "role": link.role}
            for link in opp.involved.all()
        ],
    }


def job_json(opp: Opportunity) -> dict:
    """The job itself: place, salary, description, dates (``applied_on`` from the history)."""
    from .services.jobfields import applied_on

    return {
        "location": opp.location,
        "remote": opp.remote,
        "salary_min": opp.salary_min,
        "salary_max": opp.salary_max,
        "salary_currency": opp.salary_currency,
        "salary_unit": opp.salary_unit,
        "description": opp.description,
        "posted_on": _date(opp.posted_on),
        "apply_by": _date(opp.apply_by),
        "applied_on": _date(applied_on(opp)),
        "tags": [tag.name for tag in opp.tags.all()],
    }


def interaction_json(interaction: Interaction) -> dict:
    return {
        "id": interaction.pk,
        "kind": interaction.kind,
        "on": interaction.occurred_on.isoformat(),
        "time": (
            interaction.occurred_time.isoformat("minutes") if interaction.occurred_time else None
        ),
        "direction": interaction.direction or None,
        "people": [{"id": p.pk, "name": p.name} for p in interaction.people.all()],
        "opportunity_id": interaction.opportunity_id,
        "summary": interaction.summary,
        "body": interaction.body,
        "rapport_note": interaction.rapport_note,
        "rapport_notes": [
            {"person_id": n.person_id, "note": n.note} for n in interaction.rapport_notes.all()
        ],
        "awaiting_reply": interaction.awaiting_reply,
        "asked": interaction.asked,
        "gave": interaction.gave,
        "clear_no": interaction.clear_no,
        "decision_date": _date(interaction.decision_date),
    }


def task_json(task: Task) -> dict:
    return {
        "id": task.pk,
        "rule": task.rule,
        "title": task.title,
        "reason": task.reason,
        "due": task.due.isoformat(),
        "snoozed_until": _date(task.snoozed_until),
        "status": task.status,
        "person_id": task.person_id,
        "opportunity_id": task.opportunity_id,
    }
