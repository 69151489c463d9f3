"""Consent: what a member shows their buddy and the leader, per group; nothing by default.

``view_of(viewer, membership)`` is the one place that decides what someone sees
of a member: it returns only what a ``Consent`` or ``SharedItem`` row allows now,
each with the moment it was shared, so every page can say what it shows and since when.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.http import Http404

from followthrough.tracker.dates import day
from followthrough.tracker.models import Interaction, Person
from followthrough.tracker.services.errors import InputError

from ..models import Audience, Consent, Membership, SharedItem, Topic
from . import weeks


@transaction.atomic
def set_consents(membership: Membership, chosen: set[tuple[str, str]]) -> None:
    """Share exactly ``chosen`` ((audience, topic) pairs); a choice kept keeps its date."""
    valid = {(a, t) for a in Audience.values for t in Topic.values}
    chosen = chosen & valid
    current = {(c.audience, c.topic): c for c in membership.consents.all()}
    for pair, consent in current.items():
        if pair not in chosen:
            consent.delete()
    for audience, topic in chosen - set(current):
        Consent.objects.create(membership=membership, audience=audience, topic=topic)


def consents_of(membership: Membership) -> dict[tuple[str, str], dt.datetime]:
    return {(c.audience, c.topic): c.created_at for c in membership.consents.all()}


def share_person(membership: Membership, audience: str, person_id) -> SharedItem:
    person = Person.objects.filter(owner=membership.member, pk=person_id).first()
    if person is None:
        raise InputError("person: choose one of your people.", "person")
    return _share(membership, audience, person=person)


def share_interaction(membership: Membership, audience: str, interaction_id) -> SharedItem:
    found = Interaction.objects.filter(owner=membership.member, pk=interaction_id).first()
    if found is None:
        raise InputError("interaction: choose one of your conversations.", "interaction")
    return _share(membership, audience, interaction=found)


def _share(membership, audience, **thing) -> SharedItem:
    if audience not in Audience.values:
        raise InputError("audience: share with your buddy or the leader.", "audience")
    item, _ = SharedItem.objects.get_or_create(membership=membership, audience=audience, **thing)
    return item


def unshare(membership: Membership, item_id) -> None:
    """Stop sharing the member's item ``item_id`` (a 404 for anyone else's)."""
    deleted, _ = SharedItem.objects.filter(membership=membership, pk=item_id).delete()
    if not deleted:
        raise Http404("No such item.")


@dataclass
class SharedView:
    """What ``viewer`` may see of one member now; empty when nothing is shared."""

    membership: Membership
    audience: str | None
    week: weeks.Week | None = None
    week_since: dt.datetime | None = None
    landed: weeks.Landing | None = None
    landed_since: dt.datetime | None = None
    items: list[tuple[SharedItem, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.week_since is None and self.landed_since is None and not self.items


def audiences_for(viewer, membership: Membership) -> set[str]:
    """Every audience the viewer belongs to for this member (leader and buddy at once)."""
    found = set()
    if membership.member_id == viewer.pk:
        return found
    if membership.group.leader_id == viewer.pk:
        found.add(Audience.LEADER)
    buddy = membership.buddy
    if buddy is not None and buddy.member_id == viewer.pk:
        found.add(Audience.BUDDY)
    return found


def view_of(viewer, membership: Membership, on: dt.date, *, with_week: bool = True) -> SharedView:
    audiences = audiences_for(viewer, membership)
    view = SharedView(membership, next(iter(sorted(audiences)), None))
    if not audiences:
        return view
    consents = {}
    for consent in membership.consents.filter(audience__in=audiences):
        since = consents.get(consent.topic)
        consents[consent.topic] = min(since, consent.created_at) if since else consent.created_at
    if Topic.WEEK in consents:
        view.week_since = consents[Topic.WEEK]
        if with_week:
            view.week = weeks.week_of(membership.member, on)
    if Topic.LANDED in consents:
        view.landed_since = consents[Topic.LANDED]
        view.landed = weeks.landing_of(membership.member)
    items = (
        membership.shared_items.filter(audience__in=audiences)
        .select_related("person", "person__organization", "interaction")
    )
    view.items = [(item, describe(item)) for item in items]
    return view


def describe(item: SharedItem) -> str:
    """One line for a shared item: a person's name, title and organization; an
    interaction's kind, day and summary. Never notes, rapport notes or addresses."""
    if item.person is not None:
        person = item.person
        where = ", ".join(x for x in (person.title, getattr(person.organization, "name", "")) if x)
        return f"{person.name} ({where})" if where else person.name
    interaction = item.interaction
    summary = (interaction.summary or "").strip().splitlines()
    text = f"{interaction.get_kind_display()} on {day(interaction.occurred_on)}"
    return f"{text}: {summary[0][:200]}" if summary else text
