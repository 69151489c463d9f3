"""People and organizations: add, change, delete, list, find by name or id."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower

from ..models import Organization, Person, Situation, Tag
from . import parsing, validators
from .errors import Ambiguous, Collector, InputError, NotFound
from .ids import as_id, ascii_digits


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


def check_person(owner, data: PersonInput, person: Person | None = None) -> None:
    """Raise every error ``data`` has (as ``add_person`` would), saving nothing."""
    _parse(owner, person or Person(owner=owner), data, create=False)


def _parse(owner, person: Person, data: PersonInput, *, create: bool = True) -> dict:
    """Every field parsed; every error raised at once (``InputErrors`` when several)."""
    errors = Collector()
    check = errors.check
    name = check(
        parsing.require_text, data.name, "name", "who is this person?", fallback=""
    )
    emails = check(parsing.clean_emails, data.emails, "email", fallback=[])
    linkedin_url = check(
        parsing.clean_url,
        data.linkedin_url,
        "linkedin_url",
        what="the profile link",
        example="https://www.linkedin.com/in/name",
        max_length=validators.url_length(Person, "linkedin_url"),
        fallback="",
    )
    title = check(parsing.clean_text, data.title, "title", parsing.SHORT_TEXT, fallback="")
    situation = check(
        parsing.clean_choice, data.situation, Situation, "situation", default=Situation.UNKNOWN
    )
    how_met = check(parsing.clean_text, data.how_met, "how_met", 300, fallback="")
    met_on = check(parsing.parse_date, data.met_on, "met_on")
    introduced_by = (
        check(resolve_person, owner, data.introduced_by, "introduced_by")
        if data.introduced_by
        else None
    )
    if introduced_by is not None and person.pk is not None and introduced_by.pk == person.pk:
        errors.add(
            InputError("introduced_by: a person cannot introduce themselves.", "introduced_by")
        )
    birthday = check(parsing.parse_birthday, data.birthday)
    notes = check(parsing.clean_text, data.notes, "notes", fallback="")
    cadence_days = check(parsing.clean_cadence, data.cadence_days, "cadence")
    # A new organization made here goes with the rest if an error stops the save.
    organization = check(organization_for, owner, data.organization, create=create)
    errors.done()
    year, month, day = birthday or (None, None, None)
    return {
        "name": name,
        "emails": emails,
        "phones": parsing.split_list(data.phones),
        "linkedin_url": linkedin_url,
        "organization": organization,
        "title": title,
        "situation": situation,
        "how_met": how_met,
        "met_on": met_on,
        "introduced_by": introduced_by,
        "birthday_year": year,
        "birthday_month": month,
        "birthday_day": day,
        "notes": notes,
        "cadence_days": cadence_days,
    }


def _apply(owner, person: Person, data: PersonInput) -> Person:
    for name, value in _parse(owner, person, data).items():
        setattr(person, name, value)
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


def organization_for(
    owner, value: str | Organization | None, field: str = "organization", *, create: bool = True
) -> Organization | None:
    """The owner's organization named ``value`` (case-insensitive), created if new."""
    if value is None or isinstance(value, Organization):
        return value
    name = parsing.clean_text(value, field, parsing.SHORT_TEXT)
    if not name:
        return None
    if ascii_digits(name) and as_id(name):
        found = Organization.objects.filter(owner=owner, pk=as_id(name)).first()
        if found:
            return found
    found = Organization.objects.filter(owner=owner, name__iexact=name).first()
    if found or not create:
        return found
    return Organization.objects.create(owner=owner, name=name)


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


_WITH_ID = re.compile(r"^(?P<name>.*?)\s*\(id (?P<pk>\d+)\)$", re.IGNORECASE)


def reference(person: Person) -> str:
    """``Sam Okafor (id 4)``: how to name one of several people who share a name."""
    return f"{person.name} (id {person.pk})"


def resolve_person(owner, ref: str | int | Person, field: str = "person") -> Person:
    """The owner's person named or numbered ``ref``.

    An id matches exactly; so does ``Name (id N)`` (as the name suggestions
    write a shared name), where the id wins and must belong to that name. A
    name matches case-insensitively, first exactly and then as a part of the
    name. No match is ``NotFound``; several are ``Ambiguous``, whose message
    lists the candidates with their ids.
    """
    if isinstance(ref, Person):
        if ref.owner_id != owner.pk:
            raise NotFound(f"{field}: no such person.", field, kind="person")
        return ref
    text = str(ref).strip()
    if not text:
        raise InputError(f"{field}: say who, by name or id.", field)
    if ascii_digits(text):
        found = Person.objects.filter(owner=owner, pk=as_id(text)).first() if as_id(text) else None
        if found:
            return found
        raise NotFound(f"{field}: no person with id {text}.", field, kind="person")
    with_id = _WITH_ID.match(text)
    if with_id:
        found = Person.objects.filter(owner=owner, pk=int(with_id["pk"])).first()
        name = with_id["name"].strip()
        if found is None:
            raise NotFound(f"{field}: no person with id {with_id['pk']}.", field, kind="person")
        if name and found.name.casefold() != name.casefold():
            raise InputError(
                f"{field}: id {found.pk} is {found.name}, not {name!r}; check the name or the id.",
                field,
            )
        return found
    base = Person.objects.filter(owner=owner).select_related("organization")
    for qs in (base.filter(name__iexact=text), base.filter(name__icontains=text)):
        matches = list(qs[:11])
        if len(matches) == 1:
            return matches[0]
        if matches:
            listed = "; ".join(f"{reference(p)}{_at(p)}" for p in matches[:10])
            raise Ambiguous(
                f"{field}: {text!r} could be {listed}. Choose one by its id,"
                f" e.g. {reference(matches[0])!r}.",
                matches,
                field,
            )
    raise NotFound(f"{field}: nobody called {text!r} yet; add them first.", field, kind="person")


def _at(person: Person) -> str:
    return f" at {person.organization.name}" if person.organization_id else ""


def namesakes(owner, person: Person) -> list[Person]:
    """The owner's other people with ``person``'s name or one of their emails."""
    same = Q(name__iexact=person.name)
    for email in person.emails:
        same |= Q(emails__icontains=email)
    found = (
        Person.objects.filter(owner=owner)
        .filter(same)
        .exclude(pk=person.pk)
        .select_related("organization")
    )
    mine = {email.casefold() for email in person.emails}
    # ``icontains`` on the JSON list finds candidates; keep exact matches only.
    return [
        other
        for other in found[:20]
        if other.name.casefold() == person.name.casefold()
        or mine & {email.casefold() for email in other.emails}
    ]


def shared_names(owner, people) -> set[str]:
    """Which of these ``people``'s names (case-folded) more than one of the owner's
    people have.

    Looked up by the names in question only (the ``person_owner_name`` index), so
    it costs the same in a network of 30,000 as in one of 30, and it is never stale.
    """
    ids = [person.pk for person in people]
    if not ids:
        return set()
    theirs = Person.objects.filter(pk__in=ids).values(folded=Lower("name"))
    rows = (
        Person.objects.filter(owner=owner)
        .values(folded=Lower("name"))
        .filter(folded__in=theirs)
        .annotate(count=Count("id"))
        .filter(count__gt=1)
        .values_list("folded", flat=True)
    )
    return {name.casefold() for name in rows}


def name_suggestions(owner, people) -> list[tuple[str, str]]:
    """``(value, label)`` for a datalist of ``people``: a shared name carries its id.

    The label is the organization (or the title), so that two people with the
    same name can be told apart; ``resolve_person`` accepts every value.
    """
    people = list(people)
    shared = shared_names(owner, people)
    suggestions = []
    for person in people:
        value = reference(person) if person.name.casefold() in shared else person.name
        where = person.organization.name if person.organization_id else person.title
        suggestions.append((value, where))
    return suggestions


# Organizations ---------------------------------------------------------------


@dataclass
class OrganizationInput:
    name: str
    website: str = ""
    notes: str = ""
    culture_notes: str = ""


def _apply_org(owner, org: Organization, data: OrganizationInput) -> Organization:
    errors = Collector()
    check = errors.check
    name = check(
        parsing.require_text, data.name, "name", "what is the organization called?", fallback=""
    )
    clash = Organization.objects.filter(owner=owner, name__iexact=name).exclude(pk=org.pk)
    if name and clash.exists():
        errors.add(InputError(f"name: you already have an organization called {name!r}.", "name"))
    website = check(
        parsing.clean_url,
        data.website,
        "website",
        max_length=validators.url_length(Organization, "website"),
        fallback="",
    )
    notes = check(parsing.clean_text, data.notes, "notes", fallback="")
    culture_notes = check(parsing.clean_text, data.culture_notes, "culture_notes", fallback="")
    errors.done()
    org.name = name
    org.website = website
    org.notes = notes
    org.culture_notes = culture_notes
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
    if as_id(text):
        found = Organization.objects.filter(owner=owner, pk=as_id(text)).first()
        if found:
            return found
    found = Organization.objects.filter(owner=owner, name__iexact=text).first()
    if found:
        return found
    raise NotFound(f"{field}: no organization called {text!r}.", field)
