"""The leader and the buddy as people in the member's own workspace.

Made when the member joins a group or gets a buddy, tagged "job club" (and
"buddy": the weekly buddy item and its draft then go to them), so the member's
own rules see them: the landed thanks (``engine_inputs.club_helpers``) and the
keep-in-touch cadence. Only a name is copied, never an address. An existing person
of the same name is reused. The rows are the member's: leaving keeps them.
"""

from __future__ import annotations

import datetime as dt

from followthrough.tracker.models import Person, Tag

CLUB_TAG = "job club"
BUDDY_TAG = "buddy"


def _tag(owner, name: str) -> Tag:
    found = Tag.objects.filter(owner=owner, name__iexact=name).first()
    return found or Tag.objects.create(owner=owner, name=name)


def person_for(owner, name: str, *, how_met: str, met_on: dt.date, situation: str,
               tags: tuple[str, ...], introduced_by: Person | None = None) -> Person:
    """The owner's person called ``name`` (made if missing), with ``tags`` added.

    Saved either way: the save counts as a change to the owner's workspace, so the
    agenda syncs again and the rules see the new buddy (``tracker.triggers``).
    """
    person = Person.objects.filter(owner=owner, name__iexact=name).order_by("id").first()
    if person is None:
        person = Person(owner=owner, name=name, situation=situation, how_met=how_met[:300],
                        met_on=met_on, introduced_by=introduced_by)
    elif introduced_by is not None and person.introduced_by_id is None:
        person.introduced_by = introduced_by
    person.save()
    person.tags.add(*[_tag(owner, t) for t in tags])
    return person


def drop_buddy_tag(person: Person | None) -> None:
    """A buddy no more: the weekly buddy item stops going to them (the person stays)."""
    if person is None:
        return
    person.tags.remove(*person.tags.filter(name__iexact=BUDDY_TAG))
    person.save(update_fields=["updated_at"])
