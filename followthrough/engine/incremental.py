"""The incremental sync: re-evaluate only what the changes since the last sync touch.

The database's triggers note every person and opportunity a write touches
(``tracker.SyncDirty``, see ``tracker.triggers``). ``sync_changes`` turns them
into a *scope* and re-evaluates the rules there only:

* **person rules** (thank-you, nudge and its let-go, give-first, keep-in-touch,
  birthday, the year-end greeting) for the people touched, the people who took
  part in their interactions, and the people of the opportunities touched;
* **opportunity rules** (decision-follow-up and its let-go) for the
  opportunities touched, those of the people touched, and those they are linked to;
* **workspace rules** (momentum, buddy-summary, prepare, offer-timing, apply-by)
  always, from what is small: the opportunities, whom to reach out to, the
  planned interviews, the buddy's week.

It loads exactly the facts these items read (``facts.Scope``: every interaction
with those people and about those opportunities, and about the opportunities
their messages are about), evaluates the same rules, and diffs the items against
the open rule tasks of the same scope. It gives up, and the caller syncs in full,
when the scope is not small (a bulk import, a restore), when the rows say so (a
change to the workspace's settings, an offer, a migration), when the owner's
first day moved (every due day may shift) and while a landing is recent (the
thanks go to everyone who helped, across the whole network). A new day, a new
engine, ``sync --full``: the caller syncs in full before asking.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from followthrough.tracker.models import (
    ACTIVE_STAGES,
    Interaction,
    Kind,
    Opportunity,
    OpportunityPerson,
    Rule,
    Stage,
    SyncDirty,
    Tag,
)
from followthrough.tracker.services.owners import workspace_for

from .dates import FRIDAY, last_weekday, week_of
from .facts import WINDOW_DAYS, Scope, load_facts
from .facts.reading import chunks, owned_by
from .rules import evaluate
from .rules.follow_up import WAITING_STAGES
from .rules.landed import latest_acceptance
from .rules.offer_timing import INTERESTING
from .rules.prepare import OPEN_DAYS
from .sync import SyncResult, Within, materialise

MAX_CHANGED = 300
"""More people and opportunities changed than this: a full sync costs less."""
MAX_SCOPE = 800
"""More people in the widened scope than this: a full sync costs less."""

WORKSPACE_KEYS = (
    "momentum:", "buddy-summary:", "prepare:", "offer-timing:", "apply-by:",
    "landed-thanks:", "let-go:withdraw:",
)  # fmt: skip
"""The items of workspace rules, re-evaluated at every sync."""
WORKSPACE_RULES = (
    Rule.MOMENTUM, Rule.BUDDY_SUMMARY, Rule.PREPARE, Rule.OFFER_TIMING, Rule.APPLY_BY,
    Rule.LANDED_THANKS,
)  # fmt: skip
"""The rules of ``WORKSPACE_KEYS`` (and ``let-go:withdraw:``, a let-go)."""
OPPORTUNITY_KEYS = ("decision-follow-up:", "let-go:opportunity:")
"""The items of one opportunity; the other keys are one person's."""


def in_scope(key: str, person_id, opportunity_id, people, opportunities) -> bool:
    """Whether the item or task ``key`` is re-evaluated for this scope."""
    if key.startswith(WORKSPACE_KEYS):
        return True
    if key.startswith(OPPORTUNITY_KEYS):
        return opportunity_id in opportunities
    return person_id in people


@dataclass(frozen=True, slots=True)
class Changes:
    """What to re-evaluate: the items of ``people`` and ``opportunities`` (and the
    workspace rules'), from the facts ``scope`` loads."""

    people: frozenset[int]
    opportunities: frozenset[int]
    scope: Scope

    def covers(self, key: str, person_id, opportunity_id) -> bool:
        return in_scope(key, person_id, opportunity_id, self.people, self.opportunities)


def changes(owner, first: dt.date, last: dt.date, since_change: int | None = None):
    """What the changes noted (``SyncDirty``) touch, for items due from ``first`` to
    ``last`` (facts as of ``last``); ``None`` if they call for a full evaluation.

    ``since_change``: the rows the syncs after that change consumed too (the
    forecast's); by default, those no sync has consumed yet.
    """
    rows = SyncDirty.objects.filter(owner_id=owner.pk)
    if since_change is None:
        rows = rows.filter(synced__isnull=True)
    else:
        rows = rows.filter(Q(synced__isnull=True) | Q(synced__gt=since_change))
    changed = list(rows.values_list("kind", "ref")[: MAX_CHANGED + 1])
    if len(changed) > MAX_CHANGED or any(kind == SyncDirty.FULL for kind, _ in changed):
        return None
    people = {ref for kind, ref in changed if kind == SyncDirty.PERSON}
    opportunities = {ref for kind, ref in changed if kind == SyncDirty.OPPORTUNITY}
    start = last - dt.timedelta(days=WINDOW_DAYS)
    people, opportunities = widen(owner, last, start, people, opportunities)
    loaded = people | partners(people, last, start)
    if len(loaded) > MAX_SCOPE:
        return None
    scope = Scope(
        frozenset(loaded),
        frozenset(opportunities | workspace_opportunities(owner, first, last)),
        since=buddy_week(owner, first),
    )
    return Changes(frozenset(people), frozenset(opportunities), scope)


def landing_is_recent(facts, on: dt.date) -> bool:
    """While a landing is recent, its thanks go to everyone who helped: a full evaluation."""
    accepted = latest_acceptance(facts, on)
    return accepted is not None and (on - accepted.stage_changed_on).days <= WINDOW_DAYS


def sync_changes(owner, on: dt.date, started_on: dt.date | None) -> SyncResult | None:
    """Sync only what changed since the last sync of ``on``; ``None`` if a full sync is due.

    ``started_on``: the owner's first day as the last sync saw it.
    """
    found = changes(owner, on, on)
    if found is None:
        return None
    facts = load_facts(owner, on, scope=found.scope)
    if facts.started_on != started_on or landing_is_recent(facts, on):
        return None
    items = [
        item for item in evaluate(facts, on)
        if found.covers(item.key, item.person_id, item.opportunity_id)
    ]  # fmt: skip
    owned = Q(owned_by(owner))
    within = Within(
        [
            # By the person's and the opportunity's indexes, not the owner's (``owned_by``).
            *(owned & Q(person_id__in=chunk) for chunk in chunks(sorted(found.people))),
            *(
                owned & Q(opportunity_id__in=chunk)
                for chunk in chunks(sorted(found.opportunities))
            ),
            # The workspace rules' (``covers`` keeps of the let-gos the withdrawals).
            Q(owner=owner, rule__in=[*WORKSPACE_RULES, Rule.LET_GO]),
        ],
        found.covers,
    )
    result = materialise(owner, items, on, within=within)
    return SyncResult(
        result.created, result.updated, result.removed, started_on=facts.started_on,
        incremental=True,
    )  # fmt: skip


def widen(
    owner, on: dt.date, start: dt.date, people: set[int], opportunities: set[int]
) -> tuple[set[int], set[int]]:
    """The people and opportunities whose items a change to ``people`` and
    ``opportunities`` may change.

    A person's change reaches the opportunities they are linked to or wrote
    about (a follow-up's main contact, whether a message was a thank-you note),
    and the people in the same interactions; an opportunity's change reaches
    everyone linked to it or in an interaction about it (whether rule 2 governs
    their messages, whether it is still open).
    """
    window = Q(interaction__occurred_on__gte=start, interaction__occurred_on__lte=on)
    older = Q(interaction__occurred_on__lt=start, interaction__opportunity__stage__in=ACTIVE_STAGES)
    Through = Interaction.people.through
    touched: set[int] = set()
    opportunities = set(opportunities)
    for chunk in chunks(sorted(people)):
        rows = Through.objects.filter(person_id__in=chunk).filter(window | older)
        for interaction_id, opp_id in rows.values_list(
            "interaction_id", "interaction__opportunity_id"
        ):
            touched.add(interaction_id)
            if opp_id is not None:
                opportunities.add(opp_id)
        linked = OpportunityPerson.objects.filter(person_id__in=chunk)
        opportunities.update(linked.values_list("opportunity_id", flat=True))
    widened = set(people)
    for chunk in chunks(sorted(touched)):
        widened.update(
            Through.objects.filter(interaction_id__in=chunk).values_list("person_id", flat=True)
        )
    for chunk in chunks(sorted(opportunities)):
        linked = OpportunityPerson.objects.filter(opportunity_id__in=chunk)
        widened.update(linked.values_list("person_id", flat=True))
        about = Through.objects.filter(interaction__opportunity_id__in=chunk).filter(
            window | older
        )
        widened.update(about.values_list("person_id", flat=True))
    return widened, opportunities


def partners(people: set[int], on: dt.date, start: dt.date) -> set[int]:
    """The people in the same interactions as ``people``.

    Their facts are loaded too, though their items are not re-evaluated: a
    let-go after a clear no heard from several people goes to the first of them
    it applies to (``nudge.due``), which only their whole history tells.
    """
    Through = Interaction.people.through
    window = Q(interaction__occurred_on__gte=start, interaction__occurred_on__lte=on)
    older = Q(interaction__occurred_on__lt=start, interaction__opportunity__stage__in=ACTIVE_STAGES)
    found: set[int] = set()
    for chunk in chunks(sorted(people)):
        shared = Through.objects.filter(person_id__in=chunk).filter(window | older)
        found.update(
            Through.objects.filter(interaction_id__in=shared.values("interaction_id"))
            .values_list("person_id", flat=True)
        )
    return found


def workspace_opportunities(owner, first: dt.date, last: dt.date) -> set[int]:
    """The opportunities whose interactions the workspace rules read (one query).

    The other side of an offer (offer-timing: was that hiring manager told?), an
    opportunity just moved to interviewing (prepare: is an interview logged?)
    and those of the interviews from ``first`` to the day after ``last`` (prepare
    names them).
    """
    active = list(
        Opportunity.objects.filter(owner=owner, stage__in=ACTIVE_STAGES)
        .order_by()
        .values_list(
            "id", "stage", "stage_changed_on", "offer_deadline", "interest", "decision_date"
        )
    )
    offers = any(
        stage == Stage.OFFER and deadline is not None and deadline >= first
        for _, stage, _, deadline, _, _ in active
    )
    lately = first - dt.timedelta(days=OPEN_DAYS)
    found = set()
    for opp_id, stage, moved, _, interest, decision in active:
        if stage == Stage.INTERVIEWING and moved is not None and lately <= moved <= last:
            found.add(opp_id)
        if offers and stage in WAITING_STAGES and interest >= INTERESTING and decision:
            found.add(opp_id)
    planned = Interaction.objects.filter(
        owner=owner, kind=Kind.INTERVIEW, occurred_on__gte=first,
        occurred_on__lte=last + dt.timedelta(days=1), opportunity__isnull=False,
    )  # fmt: skip
    found.update(planned.values_list("opportunity_id", flat=True))
    return found


def buddy_week(owner, on: dt.date) -> dt.date | None:
    """The first day of the week the buddy's summary counts on ``on`` (and after), if
    there may be a buddy."""
    named = bool(workspace_for(owner).buddy_name.strip())
    tagged = Tag.objects.filter(owner=owner).filter(
        Q(name__iexact="buddy") | Q(name__iexact="search buddy")
    )
    if not named and not tagged.exists():
        return None
    return week_of(last_weekday(on, FRIDAY))[0]
