"""Loading the opportunities, the owner's start, the helpers of a landing, planned interviews."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from django.db.models import DateTimeField, Q, Subquery

from followthrough.tracker.dates import day as date_text
from followthrough.tracker.models import (
    ACTIVE_STAGES,
    Interaction,
    Kind,
    Opportunity,
    OpportunityPerson,
    Person,
    Role,
    Stage,
    Workspace,
)

from .model import (
    HELPERS_SEARCH_DAYS,
    OFFER_STAGES,
    WINDOW_DAYS,
    Facts,
    Helper,
    OpportunityFact,
    PlannedInterview,
)
from .reading import (
    CONTACT_ORDER,
    MAX_IDS,
    Through,
    chunks,
    day_of,
    fetch_rows,
    owned_by,
    remember,
)


def load_start(facts: Facts, owner, workspace, zone) -> None:
    """When the owner started, and whether they recorded anything yet, in one query.

    The start is the day they joined (``date_joined``, in their time zone) or,
    if earlier, the day their oldest person, opportunity or interaction was
    made: a backup restored into a new account keeps its rows' ``created_at``.
    The oldest row is the one with the smallest id (one index lookup each).
    """

    def first(model):
        return Subquery(
            model.objects.filter(owner=owner).order_by("id").values("created_at")[:1],
            output_field=DateTimeField(),
        )

    row = (
        Workspace.objects.filter(pk=workspace.pk)
        .annotate(
            first_person=first(Person),
            first_opportunity=first(Opportunity),
            first_interaction=first(Interaction),
        )
        .values_list("first_person", "first_opportunity", "first_interaction")
        .first()
    ) or (None, None, None)
    person, opportunity, _ = row
    made = [day_of(instant, zone) for instant in row if instant is not None]
    joined = getattr(owner, "date_joined", None)
    if joined is not None:
        made.append(day_of(joined, zone))
    facts.started_on = min(made, default=None)
    facts.recorded = person is not None or opportunity is not None


def load_opportunities(facts: Facts, owner, zone, only: Collection[int] | None = None) -> None:
    """The opportunities (``only`` these, every offer with a deadline and every
    acceptance, if given), with their people."""
    links: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    # The people of closed opportunities matter only to a recent landing's thanks.
    since = facts.on - dt.timedelta(days=HELPERS_SEARCH_DAYS + WINDOW_DAYS)
    wanted = Q(opportunity__stage__in=ACTIVE_STAGES) | Q(opportunity__stage_changed_on__gte=since)
    link_rows: list[tuple] = []
    opportunity_rows: list[tuple] = []
    columns = (
        "id", "role", "organization__name", "stage", "stage_changed_on", "decision_date",
        "offer_deadline", "interest", "created_at", "organization_id", "apply_by",
    )  # fmt: skip
    links_of = OpportunityPerson.objects.filter(wanted).values_list(
        "opportunity_id", "id", "person_id", "role", "person__name", "person__situation"
    )
    if only is None:
        # Straight from the cursor: thousands of rows, Django's conversions cost more.
        link_rows = fetch_rows(links_of.filter(opportunity__owner=owner))
        opportunity_rows = fetch_rows(Opportunity.objects.filter(owner=owner).values_list(*columns))
    else:
        ids = set(only) | set(
            Opportunity.objects.filter(owner=owner, stage__in=OFFER_STAGES)
            .filter(Q(stage=Stage.ACCEPTED) | Q(offer_deadline__isnull=False))
            .order_by()
            .values_list("id", flat=True)
        )
        for chunk in chunks(sorted(ids)):
            link_rows += links_of.filter(opportunity_id__in=chunk)
            opportunity_rows += (
                Opportunity.objects.filter(owned_by(owner), pk__in=chunk)
                .order_by()
                .values_list(*columns)
            )
    for opp_id, link_id, person_id, role, name, situation in link_rows:
        links[opp_id].append((CONTACT_ORDER.get(role, 9), link_id, person_id, role))
        remember(facts, person_id, name, situation)
    for row in opportunity_rows:
        opp_id, role, org, stage, changed, decision, deadline, interest, created, org_id = row[:10]
        involved = tuple((p, r) for _, _, p, r in sorted(links.get(opp_id, ())))
        facts.opportunities[opp_id] = OpportunityFact(
            opp_id, role, org, stage, changed, decision, deadline, interest,
            day_of(created, zone), involved, org_id, row[10],
        )


def active_opportunities(owner) -> list[int]:
    """The ids of the owner's active opportunities (one query)."""
    found = Opportunity.objects.filter(owner=owner, stage__in=ACTIVE_STAGES).order_by()
    return list(found.values_list("id", flat=True))


_HELPING_KINDS = {
    Kind.INFORMATIONAL: "an informational interview",
    Kind.COFFEE: "a coffee",
    Kind.MEETING: "a meeting",
    Kind.CALL: "a call",
    Kind.INTERVIEW: "an interview",
}


def load_helpers(facts: Facts, owner) -> None:
    """Who helped during each search that ended in a recent acceptance (rule 10).

    Seed 004: everyone, however little they helped. So: referrers, anyone who
    introduced you to someone, anyone met (an informational interview, a coffee,
    a meeting, a call, an interview elsewhere), and anyone you asked for something
    (``--ask``), by email as much as over coffee.
    """
    accepted = sorted(
        (o for o in facts.opportunities.values() if recently_accepted(o, facts.on)),
        key=lambda o: o.stage_changed_on,
    )
    if not accepted:
        return
    earliest = accepted[0].stage_changed_on - dt.timedelta(days=HELPERS_SEARCH_DAYS)
    latest = accepted[-1].stage_changed_on
    rows = (
        Through.objects.filter(
            interaction__owner=owner,
            interaction__occurred_on__gte=earliest,
            interaction__occurred_on__lte=latest,
        )
        .filter(Q(interaction__kind__in=list(_HELPING_KINDS)) | Q(interaction__asked=True))
        .values_list(
            "person_id", "interaction__kind", "interaction__occurred_on", "interaction__asked",
            "person__name", "person__situation",
        )
        .distinct()
    )
    met = []
    for person_id, kind, on, asked, name, situation in rows:
        remember(facts, person_id, name, situation)
        met.append((on, kind, bool(asked), person_id))
    introductions = Person.objects.filter(
        owner=owner,
        introduced_by__isnull=False,
        created_at__date__gte=earliest,
        created_at__date__lte=latest,
    ).values_list(
        "introduced_by_id", "introduced_by__name", "introduced_by__situation", "name",
        "created_at", "met_on",
    )
    introduced = []
    for person_id, name, situation, whom, created, met_on in introductions:
        remember(facts, person_id, name, situation)
        introduced.append((met_on or created.date(), person_id, whom))
    previous: dt.date | None = None
    for opp in accepted:
        facts.helpers[opp.id] = _helpers_for(facts, opp, met, introduced, previous)
        previous = opp.stage_changed_on


def recently_accepted(opp: OpportunityFact, on: dt.date) -> bool:
    changed = opp.stage_changed_on
    return (
        opp.stage == Stage.ACCEPTED
        and changed is not None
        and changed <= on
        and (on - changed).days <= WINDOW_DAYS
    )


def _helpers_for(facts, opp, met, introduced, previous: dt.date | None) -> list[Helper]:
    """Everyone who helped, each with what they did (the first of these that applies):
    referred you, introduced you to someone, met you, was asked for something.

    The search is the year before the acceptance (or since the previous one).
    The hiring side of the accepted job itself is left out: they already know.
    """
    accepted_on = opp.stage_changed_on
    start = accepted_on - dt.timedelta(days=HELPERS_SEARCH_DAYS)
    if previous is not None:
        start = max(start, previous + dt.timedelta(days=1))
    insiders = {p for p, role in opp.involved if role != Role.REFERRER}
    found: dict[int, str] = {}
    for other in facts.opportunities.values():
        in_search = other.added_on and start <= other.added_on <= accepted_on
        for person_id, role in other.involved:
            if role == Role.REFERRER and (in_search or other.id == opp.id):
                found.setdefault(person_id, f"referred you for {other.label}")
    for on, person_id, whom in sorted(introduced):
        if start <= on <= accepted_on and person_id not in insiders:
            found.setdefault(person_id, f"introduced you to {whom}")
    rank = list(_HELPING_KINDS)
    meetings = sorted(
        (m for m in met if m[1] in _HELPING_KINDS), key=lambda m: (rank.index(m[1]), m[0])
    )
    for on, kind, _, person_id in meetings:
        if start <= on <= accepted_on and person_id not in insiders:
            found.setdefault(person_id, f"{_HELPING_KINDS[kind]} on {date_text(on)}")
    for on, kind, asked, person_id in sorted(met):
        if asked and start <= on <= accepted_on and person_id not in insiders:
            how = "by email" if kind == Kind.EMAIL else f"by {Kind(kind).label.lower()}"
            found.setdefault(person_id, f"you asked for their help {how} on {date_text(on)}")
    return [Helper(p, why) for p, why in sorted(found.items())]


def load_planned(facts: Facts, owner, zone, since: dt.date | None) -> None:
    """Interviews written down before their day, from ``since`` (or ``on``) to tomorrow,
    and a few people known at each of their organizations (rule 13, ``prepare``)."""
    first = min(since or facts.on, facts.on)
    rows = Interaction.objects.filter(
        owner=owner,
        kind=Kind.INTERVIEW,
        occurred_on__gte=first,
        occurred_on__lte=facts.on + dt.timedelta(days=1),
    ).values_list("id", "occurred_on", "opportunity_id", "created_at")
    facts.planned = [
        PlannedInterview(i, on, opp, day_of(created, zone))
        for i, on, opp, created in rows
        if day_of(created, zone) < on
    ]
    # Only the organizations prepare may name: those of the planned interviews
    # and of the opportunities at the interviewing stage, if still active.
    wanted = {p.opportunity_id for p in facts.planned}
    orgs = {
        o.organization_id for o in facts.opportunities.values()
        if o.stage in ACTIVE_STAGES and o.organization_id
        and (o.id in wanted or o.stage == Stage.INTERVIEWING)
    }
    if not orgs:
        return
    people = (
        # By the organizations' index, not the owner's (``owned_by``).
        Person.objects.filter(owned_by(owner), organization_id__in=sorted(orgs)[:MAX_IDS])
        .order_by("id")
        .values_list("organization_id", "id", "name", "situation")[:2000]
    )
    known: dict[int, list[int]] = defaultdict(list)
    for org_id, person_id, name, situation in people:
        if len(known[org_id]) < 3:
            remember(facts, person_id, name, situation)
            known[org_id].append(person_id)
    facts.known_at = {org: tuple(ids) for org, ids in known.items()}
