"""Suspected duplicate people, and merging two of them into one."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from followthrough.tracker.models import (
    Interaction,
    Opportunity,
    OpportunityPerson,
    Person,
    RapportNote,
    Situation,
    Task,
)
from followthrough.tracker.services.errors import InputError

from .records import name_key, url_key


@dataclass
class Suspects:
    """People who may be one person, and why we think so."""

    reason: str  # "same email ada@example.com", "same LinkedIn profile", "same name"
    people: list[Person]


def suspected_duplicates(owner) -> list[Suspects]:
    """Groups of the owner's people sharing an email, a LinkedIn profile or a name.

    Read in one query; a person appears in at most one group (the strongest
    reason first: email, then LinkedIn, then name).
    """
    people = list(Person.objects.filter(owner=owner).select_related("organization"))
    claimed: set[int] = set()
    groups: list[Suspects] = []
    for reason, keys_of in (
        ("same email", lambda p: [e.casefold() for e in p.emails]),
        ("same LinkedIn profile", lambda p: [url_key(p.linkedin_url)] if p.linkedin_url else []),
        ("same name", lambda p: [name_key(p.name)]),
    ):
        index: dict[str, list[Person]] = defaultdict(list)
        for person in people:
            if person.pk in claimed:
                continue
            for key in dict.fromkeys(keys_of(person)):
                index[key].append(person)
        for key, found in sorted(index.items(), key=lambda kv: name_key(kv[1][0].name)):
            found = [p for p in found if p.pk not in claimed]
            if len(found) > 1:
                label = f"{reason} ({key})" if reason == "same email" else reason
                groups.append(Suspects(label, found))
                claimed.update(p.pk for p in found)
    return groups


_FILLABLE = ("linkedin_url", "title", "how_met", "met_on", "cadence_days")


@transaction.atomic
def merge_people(owner, keep: Person, other: Person) -> Person:
    """Merge ``other`` into ``keep`` and delete ``other``, in one transaction.

    ``other``'s interactions, rapport notes, opportunities (involvements and
    referrals), tasks, tags and introductions move to ``keep``; ``keep``'s empty fields are filled
    from ``other`` (emails and phones are combined, notes appended), so nothing
    is lost.
    """
    if keep.owner_id != owner.pk or other.owner_id != owner.pk:
        raise InputError("merge: both people must be yours.", "other")
    if keep.pk == other.pk:
        raise InputError("merge: choose two different people.", "other")
    _fill(keep, other)
    _move_interactions(keep, other)
    _move_rapport_notes(keep, other)
    for involvement in OpportunityPerson.objects.filter(person=other):
        clash = OpportunityPerson.objects.filter(
            opportunity_id=involvement.opportunity_id, person=keep, role=involvement.role
        )
        if clash.exists():
            involvement.delete()
        else:
            involvement.person = keep
            involvement.save(update_fields=["person"])
    Opportunity.objects.filter(owner=owner, referred_by=other).update(referred_by=keep)
    Task.objects.filter(owner=owner, person=other).update(person=keep)
    Person.objects.filter(owner=owner, introduced_by=other).exclude(pk=keep.pk).update(
        introduced_by=keep
    )
    keep.tags.add(*other.tags.all())
    _move_other_references(keep, other)
    other.delete()
    keep.save()
    return keep


def _fill(keep: Person, other: Person) -> None:
    for attr in ("emails", "phones"):
        have = {v.casefold() for v in getattr(keep, attr)}
        extra = [v for v in getattr(other, attr) if v.casefold() not in have]
        setattr(keep, attr, [*getattr(keep, attr), *extra])
    for attr in _FILLABLE:
        if not getattr(keep, attr) and getattr(other, attr):
            setattr(keep, attr, getattr(other, attr))
    if keep.organization_id is None:
        keep.organization_id = other.organization_id
    if keep.introduced_by_id is None and other.introduced_by_id != keep.pk:
        keep.introduced_by_id = other.introduced_by_id
    if keep.introduced_by_id == other.pk:
        keep.introduced_by_id = None
    if keep.situation == Situation.UNKNOWN:
        keep.situation = other.situation
    if not keep.birthday_month and other.birthday_month:
        keep.birthday_year = other.birthday_year
        keep.birthday_month, keep.birthday_day = other.birthday_month, other.birthday_day
    if other.notes.strip() and other.notes.strip() not in keep.notes:
        keep.notes = f"{keep.notes.rstrip()}\n\n{other.notes.strip()}".strip()


def _move_interactions(keep: Person, other: Person) -> None:
    through = Interaction.people.through
    both = set(through.objects.filter(person=keep).values_list("interaction_id", flat=True))
    links = through.objects.filter(person=other)
    links.filter(interaction_id__in=both).delete()
    links.update(person=keep)


def _move_rapport_notes(keep: Person, other: Person) -> None:
    """``other``'s rapport notes become ``keep``'s. Where both have one for the same
    interaction (one note per person there), ``other``'s is added to ``keep``'s."""
    mine = {n.interaction_id: n for n in RapportNote.objects.filter(person=keep)}
    theirs = RapportNote.objects.filter(person=other)
    theirs.exclude(interaction_id__in=list(mine)).update(person=keep)
    for note in theirs.filter(interaction_id__in=list(mine)):
        kept, text = mine[note.interaction_id], note.note.strip()
        if text and text not in kept.note:
            kept.note = f"{kept.note.rstrip()}\n{text}".strip()
            kept.save(update_fields=["note"])
        note.delete()


def _move_other_references(keep: Person, other: Person) -> None:
    """Point foreign keys from other apps (drafts, reminders, ...) at ``keep`` too.

    The tracker's own relations are handled above; anything else that refers to
    a person moves where it can, and cascades with ``other`` where a unique
    constraint forbids two rows for ``keep``.
    """
    handled = {Person, Interaction, RapportNote, OpportunityPerson, Opportunity, Task}
    for relation in Person._meta.related_objects:
        model = relation.related_model
        if model in handled or relation.many_to_many or not relation.field.concrete:
            continue
        try:
            with transaction.atomic():
                model._base_manager.filter(**{relation.field.name: other}).update(
                    **{relation.field.name: keep}
                )
        except IntegrityError:
            pass
