"""``followthrough search QUERY``: across people, organizations, opportunities and notes."""

from __future__ import annotations

from typing import Annotated

import typer

from . import django_setup
from .output import date_text, emit_json, say, show, table


def search_command(
    query: Annotated[str, typer.Argument(help="Text to look for (case does not matter).")],
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print an object with people, organizations, opportunities, interactions.",
        ),
    ] = False,
) -> None:
    """Search people, organizations, opportunities and interaction notes.

    Example: followthrough search rowing
    """
    owner = django_setup.owner()

    from followthrough.tracker import serializers as ser
    from followthrough.tracker.services.search import search

    found = search(owner, query)
    if as_json:
        emit_json(
            {
                "query": found.query,
                "people": [ser.person_json(p) for p in found.people],
                "organizations": [ser.organization_json(o) for o in found.organizations],
                "opportunities": [ser.opportunity_json(o) for o in found.opportunities],
                "interactions": [ser.interaction_json(i) for i in found.interactions],
            }
        )
        return
    if not found.total:
        say(f"Nothing mentions {query.strip()!r}.")
        return
    if found.people:
        rows = [
            (p.pk, p.name, p.organization.name if p.organization_id else "", p.title)
            for p in found.people
        ]
        show(table("People", ["ID", "Name", "Organization", "Title"], rows))
    if found.organizations:
        rows = [(o.pk, o.name, o.website) for o in found.organizations]
        show(table("Organizations", ["ID", "Name", "Website"], rows))
    if found.opportunities:
        rows = [
            (o.pk, o.role, o.organization.name, o.get_stage_display()) for o in found.opportunities
        ]
        show(table("Opportunities", ["ID", "Role", "Organization", "Stage"], rows))
    if found.interactions:
        rows = [
            (
                i.pk,
                date_text(i.occurred_on),
                i.get_kind_display(),
                ", ".join(p.name for p in i.people.all()),
                i.summary or i.rapport_note,
            )
            for i in found.interactions
        ]
        show(table("Interactions", ["ID", "Date", "Kind", "With", "Summary"], rows))
