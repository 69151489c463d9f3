"""A small, hand-made search for the report tests: every number in them can be counted by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from followthrough.tracker.services import interactions as log_service
from followthrough.tracker.services import opportunities as opp_service
from followthrough.tracker.services import people as people_service

TODAY = dt.date(2026, 3, 2)  # a Monday


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def person(owner, name: str, situation: str):
    return people_service.add_person(
        owner, people_service.PersonInput(name=name, situation=situation)
    )


def opportunity(owner, role: str, org: str, source: str, added: str, moves=(), stage=None):
    """An opportunity added on ``added`` (as a lead, or at ``stage``), then moved as told."""
    opp = opp_service.add_opportunity(
        owner,
        opp_service.OpportunityInput(role=role, organization=org, source=source, stage=stage),
        day(added),
    )
    for stage_name, on in moves:
        opp = opp_service.move(owner, opp, stage_name, on=day(on))
    return opp


def log(owner, kind: str, people, on: str, **fields):
    people = people if isinstance(people, list) else [people]
    data = log_service.LogInput(kind=kind, people=people, on=day(on), **fields)
    return log_service.log_interaction(owner, data, TODAY).interaction


@pytest.fixture
def pipeline(owner):
    """Six opportunities; four reached applied between Jan 1 and Mar 2, 2026.

    * Acme (referral): lead Jan 5, applied Jan 6, an answer Jan 9, screening Jan 12,
      interviewing Jan 20, offer Feb 10: reached offer; answered after 3 days.
    * Beta (posting): applied Jan 10, rejected Jan 25: answered (a no) after 15 days.
    * Cedar (recruiter): lead Jan 15, straight to screening Jan 16: answered at once.
    * Delta (posting): applied Nov 1, 2025: before the period, left out.
    * Echo (posting): a lead since Feb 1, never applied.
    * Fox (posting): applied Feb 20, accepted Mar 5 (after the period): applied only.
    """
    hr = person(owner, "Hana Reyes", "recruiter")
    acme = opportunity(owner, "Platform PM", "Acme", "referral", "2026-01-05", [
        ("applied", "2026-01-06"), ("screening", "2026-01-12"),
        ("interviewing", "2026-01-20"), ("offer", "2026-02-10"),
    ])
    log(owner, "email", hr, "2026-01-09", direction="in", opportunity=acme)
    opportunity(owner, "PM", "Beta", "posting", "2026-01-10", [("rejected", "2026-01-25")],
                stage="applied")
    opportunity(owner, "Group PM", "Cedar", "recruiter", "2026-01-15",
                [("screening", "2026-01-16")])
    opportunity(owner, "Senior PM", "Delta", "posting", "2025-11-01",
                [("interviewing", "2026-01-10")], stage="applied")
    opportunity(owner, "Product Owner", "Echo", "posting", "2026-02-01")
    opportunity(owner, "PM, Fleet", "Fox", "posting", "2026-02-20",
                [("accepted", "2026-03-05")], stage="applied")
    return acme


@pytest.fixture
def week(owner):
    return make_week(owner)


def make_week(owner) -> dict:
    """A busy week (Feb 23 to Mar 1, 2026) and a Monday after it.

    Ada hires, Ben seeks, Cy is employed, Dee recruits (only a note to self about her).
    """
    ada = person(owner, "Ada Hart", "hiring_manager")
    ben = person(owner, "Ben Stone", "seeking")
    cy = person(owner, "Cy Park", "employed")
    dee = person(owner, "Dee Lowe", "recruiter")
    opp = opportunity(owner, "Data PM", "Gamma", "posting", "2026-02-02", stage="applied")
    log(owner, "email", ada, "2026-01-10", gave=True)  # a give long ago
    log(owner, "interview", ada, "2026-02-23", opportunity=opp)
    log(owner, "email", ada, "2026-02-24", asked=True)  # the thank-you note, and an ask
    log(owner, "message", ben, "2026-02-25", awaiting_reply=True, asked=True)
    log(owner, "call", cy, "2026-02-26", asked=True)
    log(owner, "email", cy, "2026-02-27", gave=True)
    log(owner, "note", dee, "2026-02-27")
    log(owner, "email", ben, "2026-03-02", asked=True)  # a nudge, and another ask
    return {"ada": ada, "ben": ben, "cy": cy, "dee": dee, "opp": opp}
