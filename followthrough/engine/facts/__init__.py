"""What the rules know: an owner's facts, loaded in a constant number of queries.

The rules never touch the database. ``load_facts(owner, on)`` reads what they need
as plain, frozen dataclasses, *as of* ``on``: nothing dated after ``on`` is loaded,
so ``today --on`` in the past or the future gives that day's agenda.

The number of queries does not depend on how many people, interactions or
opportunities there are (a test pins it), and the rows read are bounded by time
windows rather than by the size of the network:

* interactions of the last ``WINDOW_DAYS`` (event rules lapse after that), plus
  every interaction about an opportunity that is still active;
* asks and gives of the last ``LEDGER_DAYS``;
* the last contact only for people who have a keep-in-touch cadence;
* birthdays only for the days the birthday rule can still show.

With a ``Scope`` (the incremental sync), only what concerns some people and
opportunities is read, plus what is workspace-wide and small.

The package: ``model`` (the dataclasses and the windows), ``reading`` (raw rows,
days, owner filters), ``opportunities``, ``interactions``, ``people`` (the
loaders).
"""

from __future__ import annotations

import datetime as dt

from followthrough.tracker.services.owners import owner_zone, workspace_for

from .interactions import (
    added_days,
    load_closed_tasks,
    load_history,
    load_interactions,
    load_interactions_of,
    load_ledger,
)
from .model import (
    BIRTHDAY_GRACE_DAYS,
    HELPERS_SEARCH_DAYS,
    HIRING_SIDE,
    LEDGER_DAYS,
    REACH_OUT_SITUATIONS,
    RECENT_CONTACT_DAYS,
    SENT_KINDS,
    WINDOW_DAYS,
    BirthdayFact,
    CadenceFact,
    ClosedTask,
    Facts,
    Helper,
    InteractionFact,
    LedgerEntry,
    OpportunityFact,
    PersonFact,
    PlannedInterview,
    Scope,
    Settings,
)
from .opportunities import (
    active_opportunities,
    load_helpers,
    load_opportunities,
    load_planned,
    load_start,
)
from .people import count_situations, load_birthdays, load_buddy, load_cadences, load_reach_out
from .reading import not_awaited, owned_by

__all__ = [
    "BIRTHDAY_GRACE_DAYS",
    "HELPERS_SEARCH_DAYS",
    "HIRING_SIDE",
    "LEDGER_DAYS",
    "REACH_OUT_SITUATIONS",
    "RECENT_CONTACT_DAYS",
    "SENT_KINDS",
    "WINDOW_DAYS",
    "BirthdayFact",
    "CadenceFact",
    "ClosedTask",
    "Facts",
    "Helper",
    "InteractionFact",
    "LedgerEntry",
    "OpportunityFact",
    "PersonFact",
    "PlannedInterview",
    "Scope",
    "Settings",
    "added_days",
    "load_facts",
    "not_awaited",
    "owned_by",
]


def load_facts(
    owner,
    on: dt.date,
    *,
    network: bool = False,
    summary: bool = False,
    birthdays_from: dt.date | None = None,
    scope: Scope | None = None,
) -> Facts:
    """The owner's facts as of ``on``.

    ``network=True`` adds the situation counts (rule 8); ``summary=True`` the
    people added lately (the weekly summary's new contacts). The agenda needs neither.
    ``birthdays_from`` loads the birthdays from that day on as well (the forecast).
    ``scope``: only what concerns those people and opportunities (``Scope``);
    the helpers of a landing are then left out (the incremental sync does a
    full one while a landing is recent).
    """
    workspace = workspace_for(owner)
    zone = owner_zone(owner)
    facts = Facts(on=on, settings=Settings.from_workspace(workspace))
    start = on - dt.timedelta(days=WINDOW_DAYS)
    load_start(facts, owner, workspace, zone)
    if scope is None:
        load_opportunities(facts, owner, zone)
        active_ids = [o.id for o in facts.opportunities.values() if o.active]
        load_interactions(facts, owner, start, active_ids)
    else:
        # The interactions first: the opportunities they are about are loaded too.
        active_ids = active_opportunities(owner)
        load_interactions_of(facts, owner, start, active_ids, scope)
        about = {i.opportunity_id for i in facts.interactions if i.opportunity_id is not None}
        load_opportunities(facts, owner, zone, scope.opportunities | about | set(active_ids))
    only = None if scope is None else scope.people
    load_ledger(facts)
    load_cadences(facts, owner, zone, start, only)
    load_birthdays(facts, owner, birthdays_from, only)
    # The incremental sync skips what no rule will read: whom momentum suggests
    # when the pipeline is full, and the stage changes (the buddy's week).
    if scope is None or len(active_ids) < facts.settings.min_active_opportunities:
        load_reach_out(facts, owner)
    load_closed_tasks(facts, owner, start, zone)
    if scope is None or scope.since is not None:
        load_history(facts, owner, start, zone, summary)
    if scope is None:
        load_helpers(facts, owner)
    load_planned(facts, owner, zone, birthdays_from)
    load_buddy(facts, owner)
    if network:
        facts.situation_counts = count_situations(owner)
    return facts
