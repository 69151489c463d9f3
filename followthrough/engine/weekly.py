"""The weekly numbers of many owners at once: a job club's leader reads a whole class.

``summaries_for(owners, day, today)`` gives each owner the weekly summary of the week
containing ``day`` as known ``today`` (what ``tracker.services.etiquette.week_summary``
gives for one owner), counts only: outreach, applications, interviews, informational
interviews, new contacts and the streak; thank-yous and follow-ups stay 0 (they need
every fact of an owner, ``weekly_summary(counts_only=True)``). Four queries, however
many owners.

Only the loading is batched: it reads the facts those counts read (settings,
interactions with people, stage changes, people added or met) exactly as
``facts.load_facts(owner, on, summary=True)`` reads them, and the counting is the
engine's one definition, ``rules.buddy.weekly_summary``. A test holds the two equal.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from followthrough.tracker.models import Person, StageChange, Workspace
from followthrough.tracker.services.owners import workspace_for, workspace_zone

from .dates import week_of
from .facts import WINDOW_DAYS, Facts, InteractionFact, Settings, added_days
from .facts.reading import MAX_IDS as _MAX_IDS
from .facts.reading import Through as _Through
from .rules.buddy import WeeklySummary, weekly_summary


def as_known(day: dt.date, today: dt.date) -> dt.date:
    """The day a week's facts are loaded as of: its Sunday, or ``today`` while the week is
    under way (so its streak is today's, not one that looks broken by days yet to come)."""
    monday, sunday = week_of(day)
    return min(sunday, max(today, monday))


def summaries_for(owners: Iterable, day: dt.date, today: dt.date) -> dict[int, WeeklySummary]:
    """Each owner's weekly summary (counts only), by owner id."""
    owners = list(owners)
    if not owners:
        return {}
    on = as_known(day, today)
    facts = {}
    for chunk in _chunks(owners):
        facts |= _load(chunk, on)
    return {
        owner_id: weekly_summary(owner_facts, day, counts_only=True)
        for owner_id, owner_facts in facts.items()
    }


def _chunks(owners: list) -> Iterable[list]:
    for first in range(0, len(owners), _MAX_IDS):
        yield owners[first:first + _MAX_IDS]


def _load(owners: list, on: dt.date) -> dict[int, Facts]:
    ids = [owner.pk for owner in owners]
    workspaces = {w.owner_id: w for w in Workspace.objects.filter(owner_id__in=ids)}
    for owner in owners:
        if owner.pk not in workspaces:  # made on first use, as load_facts would
            workspaces[owner.pk] = workspace_for(owner)
    facts = {
        owner_id: Facts(on=on, settings=Settings.from_workspace(workspace))
        for owner_id, workspace in workspaces.items()
    }
    start = on - dt.timedelta(days=WINDOW_DAYS)
    _load_interactions(facts, ids, start, on)
    _load_stage_changes(facts, ids, start, on)
    _load_added_people(facts, ids, workspaces, start, on)
    return facts


def _load_interactions(facts: dict[int, Facts], ids: list[int], start, on) -> None:
    """The window's interactions, read through their people as ``load_facts`` reads them
    (an interaction with nobody is not loaded there, so not here either)."""
    rows = _Through.objects.filter(
        interaction__owner_id__in=ids,
        interaction__occurred_on__gte=start,
        interaction__occurred_on__lte=on,
    ).values_list(
        "interaction__owner_id", "interaction_id", "interaction__kind",
        "interaction__occurred_on", "interaction__direction",
    )
    heads = {row[1]: row for row in rows}
    found: dict[int, list[InteractionFact]] = defaultdict(list)
    for owner_id, interaction_id, kind, occurred_on, direction in heads.values():
        found[owner_id].append(InteractionFact(interaction_id, kind, occurred_on, direction, ()))
    for owner_id, interactions in found.items():
        facts[owner_id].interactions = sorted(interactions, key=lambda i: i.order)


def _load_stage_changes(facts: dict[int, Facts], ids: list[int], start, on) -> None:
    rows = (
        StageChange.objects.filter(opportunity__owner_id__in=ids, on__gte=start, on__lte=on)
        .order_by("on", "id")
        .values_list("opportunity__owner_id", "opportunity_id", "stage", "on")
    )
    for owner_id, *change in rows:
        facts[owner_id].stage_changes.append(tuple(change))


def _load_added_people(facts, ids, workspaces, start: dt.date, on: dt.date) -> None:
    """People met or added in the window. ``created_at`` is an instant and each owner's
    day starts in their own zone: ask from a day early, and let ``added_days`` decide."""
    since = dt.datetime.combine(start - dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    rows = (
        Person.objects.filter(owner_id__in=ids)
        .filter(Q(met_on__gte=start) | Q(created_at__gte=since))
        .values_list("owner_id", "id", "met_on", "created_at")
    )
    for owner_id, person_id, met_on, created in rows:
        days = added_days(met_on, created, workspace_zone(workspaces[owner_id]), start, on)
        if days:
            facts[owner_id].added_people[person_id] = days
