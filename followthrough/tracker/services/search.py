"""Search across people, organizations, opportunities and interaction notes."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from ..models import Interaction, Opportunity, Organization
from . import rapport
from .people import people

LIMIT = 50


@dataclass
class SearchResults:
    query: str
    people: list
    organizations: list
    opportunities: list
    interactions: list

    @property
    def total(self) -> int:
        return sum(
            len(group)
            for group in (self.people, self.organizations, self.opportunities, self.interactions)
        )


def search(owner, query: str, limit: int = LIMIT) -> SearchResults:
    """Everything of ``owner`` that mentions ``query`` (case-insensitive), ``limit`` per kind."""
    query = (query or "").strip()
    if not query:
        return SearchResults(query, [], [], [], [])
    orgs = Organization.objects.filter(owner=owner).filter(
        Q(name__icontains=query) | Q(notes__icontains=query) | Q(culture_notes__icontains=query)
    )
    opps = (
        Opportunity.objects.filter(owner=owner)
        .filter(
            Q(role__icontains=query)
            | Q(organization__name__icontains=query)
            | Q(notes__icontains=query)
        )
        .select_related("organization")
    )
    notes = (
        Interaction.objects.filter(owner=owner)
        .filter(
            Q(summary__icontains=query)
            | Q(rapport_note__icontains=query)
            | Q(people__name__icontains=query)
        )
        .select_related("opportunity__organization")
        .prefetch_related("people", rapport.prefetch_notes())
        .distinct()
    )
    return SearchResults(
        query=query,
        people=list(people(owner, query=query)[:limit]),
        organizations=list(orgs[:limit]),
        opportunities=list(opps[:limit]),
        interactions=list(notes[:limit]),
    )
