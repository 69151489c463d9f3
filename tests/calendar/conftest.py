"""Sam's calendar: a search with dated things of every kind, in New York time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
import time_machine

from followthrough.tracker.models import Interaction, Opportunity, Person, Task
from followthrough.tracker.services import interactions as interaction_service
from followthrough.tracker.services import opportunities as opportunity_service
from followthrough.tracker.services import people as people_service
from followthrough.tracker.services import tasks as task_service
from followthrough.tracker.services.owners import workspace_for

# Monday 2 March 2026, 12:00 UTC: 07:00 in New York (EST, before the clocks change on the 8th).
NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@dataclass
class Search:
    ada: Person
    bo: Person
    opp: Opportunity
    interview: Interaction  # 5 March 09:00 New York (EST)
    after_dst: Interaction  # 12 March 14:30 New York (EDT)
    untimed: Interaction  # an informational interview with no time
    call: Interaction  # not an interview: never in the calendar
    task: Task  # due tomorrow
    overdue: Task  # due last week


def make_search(owner) -> Search:
    workspace = workspace_for(owner)
    workspace.time_zone = "America/New_York"
    workspace.save()
    add = people_service.add_person
    ada = add(owner, people_service.PersonInput(name="Ada Lovelace", birthday="--12-10"))
    bo = add(owner, people_service.PersonInput(name="Bo Chen", birthday="1992-02-29"))
    opp = opportunity_service.add_opportunity(
        owner,
        opportunity_service.OpportunityInput(
            role="Data Engineer", organization="Acme", decision_date="2026-03-20"
        ),
        TODAY,
    )

    def log(kind, on, at=None, **kwargs):
        data = interaction_service.LogInput(kind=kind, people=[ada], on=on, at=at, **kwargs)
        return interaction_service.log_interaction(owner, data, TODAY).interaction

    return Search(
        ada=ada,
        bo=bo,
        opp=opp,
        interview=log("interview", "2026-03-05", dt.time(9, 0), opportunity=opp),
        after_dst=log("interview", "2026-03-12", dt.time(14, 30), summary="Panel"),
        untimed=log("informational", "2026-03-04", rapport_note="rowing"),
        call=log("call", "2026-03-03", dt.time(10, 0)),
        task=task_service.add_task(owner, "Send Ada the article", "2026-03-03", today=TODAY),
        overdue=task_service.add_task(owner, "Update the resume", "2026-02-24", today=TODAY),
    )


@pytest.fixture
def search(owner) -> Search:
    return make_search(owner)
