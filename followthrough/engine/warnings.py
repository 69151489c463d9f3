"""The chasing warning (rule 2): following up before the decision date.

Registered in ``services.interactions.WARNING_CHECKS``: logging still succeeds,
the web page and the CLI show the warning. A thank-you note within its window
after an interview is not chasing, nor is an interview or a meeting.
"""

from __future__ import annotations

import datetime as dt

from followthrough.tracker.models import INTERVIEW_KINDS, Direction, Interaction, Kind
from followthrough.tracker.services.owners import workspace_for

from .dates import short
from .rules.follow_up import WAITING_STAGES

CHASING_KINDS = frozenset({Kind.EMAIL, Kind.CALL, Kind.MESSAGE})


def chasing_warning(owner, interaction: Interaction) -> list[str]:
    """One sentence when ``interaction`` follows up before its opportunity's decision date."""
    if interaction.direction != Direction.OUTBOUND or interaction.kind not in CHASING_KINDS:
        return []
    opp = interaction.opportunity
    if opp is None or opp.stage not in WAITING_STAGES or opp.decision_date is None:
        return []
    if interaction.occurred_on >= opp.decision_date:
        return []
    if _thank_you_note(owner, interaction):
        return []
    return [
        f"The decision date for {opp.role} at {opp.organization.name} is "
        f"{short(opp.decision_date)}; following up before it reads as chasing."
    ]


def _thank_you_note(owner, interaction: Interaction) -> bool:
    window = dt.timedelta(days=workspace_for(owner).thank_you_days)
    return (
        Interaction.objects.filter(
            owner=owner,
            kind__in=INTERVIEW_KINDS,
            people__in=interaction.people.all(),
            occurred_on__gte=interaction.occurred_on - window,
            occurred_on__lte=interaction.occurred_on,
        )
        .exclude(pk=interaction.pk)
        .exists()
    )
