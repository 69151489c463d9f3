"""Culture fit fixtures: profiles as six rows of four numbers, and Sam's organizations."""

from __future__ import annotations

import datetime as dt

import pytest

from followthrough.culture import services
from followthrough.culture.framework import DIMENSION_KEYS, TYPE_KEYS
from followthrough.tracker.services import opportunities as opp_service
from followthrough.tracker.services import people as people_service

TODAY = dt.date(2026, 3, 2)

# Rows in framework order (characteristics, leadership, management, glue, strategy,
# success); columns clan, adhocracy, market, hierarchy.
PEOPLE_FIRST = [(40, 30, 10, 20)] * 6  # scores 40/30/10/20
NUMBERS_FIRST = [(20, 10, 50, 20)] * 6  # scores 20/10/50/20


def profile(rows) -> dict:
    """``{dimension: {type: points}}`` from six rows of four numbers (``None`` rows skipped)."""
    return {
        d: dict(zip(TYPE_KEYS, row, strict=True))
        for d, row in zip(DIMENSION_KEYS, rows, strict=False)
        if row is not None
    }


def organization(owner, name="Acme"):
    return people_service.add_organization(owner, people_service.OrganizationInput(name=name))


def opportunity(owner, role, org, stage="applied", interest=3):
    return opp_service.add_opportunity(
        owner,
        opp_service.OpportunityInput(role=role, organization=org, stage=stage, interest=interest),
        TODAY,
    )


def rate(owner, org, rows, evidence=None, **fields):
    return services.add_rating(
        owner,
        org,
        services.RatingInput(points=profile(rows), evidence=evidence or {}, **fields),
        TODAY,
    )


@pytest.fixture
def acme(owner):
    return organization(owner, "Acme")


@pytest.fixture
def prefers_people(owner):
    return services.save_preferred(owner, profile(PEOPLE_FIRST))
