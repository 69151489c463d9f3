"""Consent: what a member shows their buddy and the leader, per group; nothing by default.

``views_of(viewer, memberships)`` (and ``view_of`` for one) is the one place that
decides what someone sees of a member: it returns only what a ``Consent`` or
``SharedItem`` row allows now, each with the moment it was shared, so every page can
say what it shows and since when. A whole class costs a constant number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
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
    return views_of(viewer, [membership], on, with_week=with_week)[0]


def views_of(viewer, memberships: list[Membership], on: dt.date, *,
             with_week: bool = True) -> list[SharedView]:
    """What ``viewer`` may see now of each member, in the order given. Consents and shared
    items are read for all at once, and so are the weeks and landings they allow."""
    prefetch_related_objects(memberships, "consents", Prefetch(
        "shared_items",
        queryset=SharedItem.objects.select_related("person", "person__organization",
                                                   "interaction"),
    ))
    views = [_view(viewer, membership) for membership in memberships]
    if with_week:
        weeks_by_member = weeks.weeks_of([v.membership.member for v in views if v.week_since], on)
        for view in views:
            view.week = weeks_by_member.get(view.membership.member_id) if view.week_since else None
    landings = weeks.landings_of([v.membership.member for v in views if v.landed_since])
    for view in views:
        if view.landed_since:
            view.landed = landings.get(view.membership.member_id)
    return views


def _view(viewer, membership: Membership) -> SharedView:
    """The view's consents and items (already fetched), without the numbers they allow."""
    audiences = audiences_for(viewer, membership)
    view = SharedView(membership, next(iter(sorted(audiences)), None))
    if not audiences:
        return view
    consents: dict[str, dt.datetime] = {}
    for consent in membership.consents.all():
        if consent.audience in audiences:  # the earliest, when shared with both roles
            since = consents.get(consent.topic)
            consents[consent.topic] = min(since or consent.created_at, consent.created_at)
    view.week_since = consents.get(Topic.WEEK)
    view.landed_since = consents.get(Topic.LANDED)
    view.items = [(item, describe(item)) for item in membership.shared_items.all()
                  if item.audience in audiences]
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
