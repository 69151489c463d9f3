"""People and organizations: add, change, delete, list, find by name or id."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower

from ..models import Organization, Person, Situation, Tag
from . import parsing
from .errors import Ambiguous, InputError, NotFound


@dataclass
class PersonInput:
    """What a person form or ``person add`` gives: raw text, parsed here once."""

    name: str
    emails: str | list[str] = ""
    phones: str | list[str] = ""
    linkedin_url: str = ""
    organization: str | Organization | None = None
    title: str = ""
    situation: str | None = None
    how_met: str = ""
    met_on: str | dt.date | None = None
    introduced_by: str | Person | None = None
    birthday: str | None = None
    tags: str | list[str] = field(default_factory=list)
    notes: str = ""
    cadence_days: int | str | None = None


def _apply(owner, person: Person, data: PersonInput) -> Person:
    name = (data.name or "").strip()
    if not name:
        raise InputError("name is required: who is this person?", "name")
    person.name = name[:200]
    person.emails = parsing.clean_emails(data.emails, "email")
    person.phones = parsing.split_list(data.phones)
    person.linkedin_url = parsing.clean_url(data.linkedin_url, "linkedin_url")
    person.organization = organization_for(owner, data.organization)
    person.title = (data.title or "").strip()
    person.situation = parsing.clean_choice(
        data.situation, Situation, "situation", default=Situation.UNKNOWN
    )
    person.how_met = (data.how_met or "").strip()
    person.met_on = parsing.parse_date(data.met_on, "met_on")
    person.introduced_by = (
        resolve_person(owner, data.introduced_by, "introduced_by")
        if data.introduced_by
        else None
    )
    if person.introduced_by is not None and person.introduced_by.pk == person.pk:
        raise InputError("introduced_by: a person cannot introduce themselves.", "introduced_by")
    birthday = parsing.parse_birthday(data.birthday)
    person.birthday_year, person.birthday_month, person.birthday_day = birthday or (None,) * 3
    person.notes = (data.notes or "").strip()
    person.cadence_days = parsing.clean_positive_int(data.cadence_days, "cadence")
    person.save()
    person.tags.set(tags_for(owner, parsing.split_list(data.tags)))
    return person


@transaction.atomic
def add_person(owner, data: PersonInput) -> Person:
    """Create a person from ``data``; an ``InputError`` leaves nothing behind."""
    return _apply(owner, Person(owner=owner), data)


@transaction.atomic
def update_person(owner, person: Person, data: PersonInput) -> Person:
    assert person.owner_id == owner.pk
    return _apply(owner, person, data)


@transaction.atomic
def delete_person(owner, person: Person) -> None:
    """Delete a person; their interactions stay (with the others present) and their tasks go."""
    assert person.owner_id == owner.pk
    person.delete()


def organization_for(owner, value: str | Organization | None) -> Organization | None:
    """The owner's organization named ``value`` (case-insensitive), created if new."""
    if value is None or isinstance(value, Organization):
        return value
    name = value.strip()
    if not name:
        return None
    if name.isdigit():
        found = Organization.objects.filter(owner=owner, pk=int(name)).first()
        if found:
            return found
    found = Organization.objects.filter(owner=owner, name__iexact=name).first()
    return found or Organization.objects.create(owner=owner, name=name[:200])


def tags_for(owner, names: list[str]) -> list[Tag]:
    tags = []
    for name in names:
        tag = Tag.objects.filter(owner=owner, name__iexact=name).first()
        tags.append(tag or Tag.objects.create(owner=owner, name=name[:60]))
    return tags


def people(
    owner,
    *,
    query: str = "",
    situation: str = "",
    tag: str = "",
    organization_id: int | None = None,
) -> QuerySet[Person]:
    """The owner's people, filtered, ready for a list page (no N+1 queries)."""
    qs = (
        Person.objects.filter(owner=owner)
        .select_related("organization")
        .prefetch_related("tags")
    )
    if query:
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(title__icontains=query)
            | Q(organization__name__icontains=query)
            | Q(emails__icontains=query)
            | Q(notes__icontains=query)
        )
    if situation:
        qs = qs.filter(situation=situation)
    if tag:
        qs = qs.filter(tags__name__iexact=tag)
    if organization_id:
        qs = qs.filter(organization_id=organization_id)
    return qs.distinct()


def resolve_person(owner, ref: str | int | Person, field: str = "person") -> Person:
    """The owner's person named or numbered ``ref``.

    An id matches exactly; a name matches case-insensitively, first exactly and
    then as a part of the name. No match is ``NotFound``; several are
    ``Ambiguous``, whose message lists the candidates with their ids.
    """
    if isinstance(ref, Person):
        if ref.owner_id != owner.pk:
            raise NotFound(f"{field}: no such person.", field)
        return ref
    text = str(ref).strip()
    if not text:
        raise InputError(f"{field}: say who, by name or id.", field)
    if text.isdigit():
        found = Person.objects.filter(owner=owner, pk=int(text)).first()
        if found:
            return found
    base = Person.objects.filter(owner=owner).select_related("organization")
    for qs in (base.filter(name__iexact=text), base.filter(name__icontains=text)):
        matches = list(qs[:11])
        if len(matches) == 1:
            return matches[0]
        if matches:
            listed = "; ".join(f"{p.name} (id {p.pk}{_at(p)})" for p in matches[:10])
            raise Ambiguous(
                f"{field}: {text!r} could be {listed}. Use the id to choose.", matches, field
            )
    raise NotFound(
        f"{field}: nobody called {text!r}; add them first with `followthrough person add`"
        " or the People page.",
        field,
    )


def _at(person: Person) -> str:
    return f", {person.organization.name}" if person.organization_id else ""


# Organizations ---------------------------------------------------------------


@dataclass
class OrganizationInput:
    name: str
    website: str = ""
    notes: str = ""
    culture_notes: str = ""


def _apply_org(owner, org: Organization, data: OrganizationInput) -> Organization:
    name = (data.name or "").strip()
    if not name:
        raise InputError("name is required: what is the organization called?", "name")
    clash = Organization.objects.filter(owner=owner, name__iexact=name).exclude(pk=org.pk)
    if clash.exists():
        raise InputError(f"name: you already have an organization called {name!r}.", "name")
    org.name = name[:200]
    org.website = parsing.clean_url(data.website, "website")
    org.notes = (data.notes or "").strip()
    org.culture_notes = (data.culture_notes or "").strip()
    try:
        with transaction.atomic():
            org.save()
    except IntegrityError:
        message = f"name: you already have an organization called {name!r}."
        raise InputError(message, "name") from None
    return org


@transaction.atomic
def add_organization(owner, data: OrganizationInput) -> Organization:
    return _apply_org(owner, Organization(owner=owner), data)


@transaction.atomic
def update_organization(owner, org: Organization, data: OrganizationInput) -> Organization:
    assert org.owner_id == owner.pk
    return _apply_org(owner, org, data)


@transaction.atomic
def delete_organization(owner, org: Organization) -> None:
    """Delete an organization that has no opportunities; its people stay, unattached."""
    assert org.owner_id == owner.pk
    count = org.opportunities.count()
    if count:
        raise InputError(
            f"{org.name} still has {count} opportunit{'y' if count == 1 else 'ies'};"
            " delete or move them first."
        )
    org.delete()


def organizations(owner, *, query: str = "") -> QuerySet[Organization]:
    """The owner's organizations with people and opportunity counts (one query)."""
    qs = Organization.objects.filter(owner=owner).annotate(
        people_count=Count("people", distinct=True),
        opportunity_count=Count("opportunities", distinct=True),
    )
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(notes__icontains=query))
    return qs.order_by(Lower("name"))


def resolve_organization(owner, ref: str | int, field: str = "organization") -> Organization:
    text = str(ref).strip()
    if text.isdigit():
        found = Organization.objects.filter(owner=owner, pk=int(text)).first()
        if found:
            return found
    found = Organization.objects.filter(owner=owner, name__iexact=text).first()
    if found:
        return found
    raise NotFound(f"{field}: no organization called {text!r}.", field)
