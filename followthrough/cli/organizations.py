"""``followthrough org ...``: the organizations people work at and opportunities are with."""

from __future__ import annotations

from typing import Annotated

import typer

from . import django_setup
from .output import JsonFlag, emit_json, field_lines, say, show, table

org_app = typer.Typer(
    help="Add, list and show organizations.\n\nExample: followthrough org list",
    no_args_is_help=True,
)

Notes = Annotated[str | None, typer.Option("--notes", help="Free notes.")]


@org_app.command("add")
def org_add(
    name: Annotated[str, typer.Argument(help="The organization's name.")],
    website: Annotated[str, typer.Option("--website", help="Its web address.")] = "",
    notes: Notes = None,
    culture: Annotated[
        str, typer.Option("--culture", help="What you observed of its culture.")
    ] = "",
    as_json: JsonFlag = False,
) -> None:
    """Add an organization.

    Example: followthrough org add Acme --website acme.example
    """
    owner = django_setup.owner()

    from followthrough.tracker.serializers import organization_json
    from followthrough.tracker.services.people import OrganizationInput, add_organization

    org = add_organization(
        owner,
        OrganizationInput(name=name, website=website, notes=notes or "", culture_notes=culture),
    )
    if as_json:
        emit_json(organization_json(org))
    else:
        say(f"Added {org.name} (id {org.pk}).")


@org_app.command("list")
def org_list(
    search: Annotated[str, typer.Option("--search", "-s", help="Text in name or notes.")] = "",
    as_json: JsonFlag = False,
) -> None:
    """List organizations with how many people and opportunities each has.

    Example: followthrough org list --json
    """
    owner = django_setup.owner()

    from followthrough.tracker.serializers import organization_json
    from followthrough.tracker.services.people import organizations

    orgs = list(organizations(owner, query=search.strip()))
    if as_json:
        emit_json([organization_json(o) for o in orgs])
        return
    if not orgs:
        say(
            "Nothing matches."
            if search
            else "No organizations yet; add one with `followthrough org add NAME`."
        )
        return
    rows = [(o.pk, o.name, o.people_count, o.opportunity_count, o.website) for o in orgs]
    show(table(None, ["ID", "Name", "People", "Opportunities", "Website"], rows))


@org_app.command("show")
def org_show(
    org_ref: Annotated[str, typer.Argument(metavar="ORG", help="The organization's name or id.")],
    as_json: JsonFlag = False,
) -> None:
    """Show an organization with its people and opportunities.

    Example: followthrough org show Acme
    """
    owner = django_setup.owner()

    from followthrough.tracker import serializers as ser
    from followthrough.tracker.models import Situation
    from followthrough.tracker.services.opportunities import opportunities
    from followthrough.tracker.services.people import people, resolve_organization

    org = resolve_organization(owner, org_ref, "org")
    staff = list(people(owner, organization_id=org.pk))
    opps = list(opportunities(owner).filter(organization=org))
    if as_json:
        data = ser.organization_json(org)
        data["people"] = [ser.person_json(p) for p in staff]
        data["opportunities"] = [ser.opportunity_json(o) for o in opps]
        emit_json(data)
        return
    say(f"{org.name} (id {org.pk})")
    for line in field_lines(
        [("Website", org.website), ("Notes", org.notes), ("Culture", org.culture_notes)]
    ):
        say(f"  {line}")
    say("")
    if staff:
        rows = [(p.pk, p.name, p.title, Situation(p.situation).label) for p in staff]
        show(table("People", ["ID", "Name", "Title", "Situation"], rows))
    else:
        say("People: nobody here yet.")
    if opps:
        rows = [(o.pk, o.role, o.get_stage_display(), o.interest) for o in opps]
        show(table("Opportunities", ["ID", "Role", "Stage", "Interest"], rows))
    else:
        say("Opportunities: none yet.")
