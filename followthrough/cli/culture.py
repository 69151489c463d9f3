"""``followthrough culture ...``: an organization's culture fit, and opportunities by fit."""

from __future__ import annotations

from typing import Annotated

import typer

from . import django_setup
from .output import JsonFlag, emit_json, say, show, table

culture_app = typer.Typer(
    help="Culture fit: how an organization's culture compares with the one you prefer."
    "\n\nExample: followthrough culture fit",
    no_args_is_help=True,
)



@culture_app.command("show")
def culture_show(
    org_ref: Annotated[str, typer.Argument(metavar="ORG", help="The organization's name or id.")],
    as_json: JsonFlag = False,
) -> None:
    """Show an organization's culture fit: scores, gaps, the biggest differences and
    questions to ask where you know least.

    Example: followthrough culture show Acme
    """
    owner = django_setup.owner()

    from followthrough.culture import services
    from followthrough.tracker.services.people import resolve_organization

    org = resolve_organization(owner, org_ref, "org")
    culture = services.organization_culture(owner, org)
    if as_json:
        emit_json(
            {
                "organization": org.name,
                "organization_id": org.pk,
                "preferred_complete": bool(culture.preferred and culture.preferred.is_complete),
                "ratings": [services.rating_json(r) for r in culture.ratings],
                "fit": services.fit_json(culture.fit),
                "sentence": culture.sentence,
                "questions": [services.question_json(q) for q in culture.questions],
            }
        )
        return
    say(f"{org.name} (id {org.pk})")
    if culture.fit is None:
        say(_no_fit(culture))
    else:
        _print_fit(culture)
    say("")
    say("Questions to ask (where you know least):")
    for question in culture.questions:
        say(f"  {question.dimension.label} ({question.knowledge.summary.rstrip('.')})")
        for text in question.dimension.questions:
            say(f"    - {text}")


def _no_fit(culture) -> str:
    if culture.preferred is None:
        return "No fit yet: say which culture you prefer on the Culture fit page (/culture/)."
    if not culture.preferred.is_complete:
        return "No fit yet: your preferred culture is a draft; finish it on /culture/preferred/."
    if culture.ratings:
        return "No fit yet: only draft ratings; fill in all six dimensions of one."
    return "No fit yet: rate the organization's culture on its page after an interview."


def _print_fit(culture) -> None:
    from followthrough.culture import display

    view = display.fit_view(culture.fit, culture.sentence)
    rated = culture.fit.ratings_used
    say(f"Fit: {view.score}% (from {rated} complete rating{'s' if rated != 1 else ''})")
    say(culture.sentence)
    mark = f"* a gap of {culture.threshold} points or more"
    rows = [
        (c.type.label, c.preferred, c.perceived, c.gap + (" *" if c.highlighted else ""))
        for c in view.types
    ]
    show(table(None, ["Type", "You prefer", "As you saw it", "Gap"], rows))
    rows = [
        (row.dimension.label, *(c.gap + (" *" if c.highlighted else "") for c in row.cells))
        for row in view.dimensions
    ]
    show(table("Gap per dimension", ["Dimension", *(c.type.label for c in view.types)], rows))
    say(mark)


@culture_app.command("fit")
def culture_fit(
    show_all: Annotated[
        bool, typer.Option("--all", help="Include closed opportunities too.")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """List your opportunities by culture fit, best first; those without a fit come last.

    Example: followthrough culture fit --json
    """
    owner = django_setup.owner()

    from followthrough.culture import scoring, services

    rows = services.opportunities_by_fit(owner, active_only=not show_all)
    if as_json:
        emit_json(
            [
                {
                    "opportunity_id": row.opportunity.pk,
                    "role": row.opportunity.role,
                    "organization": row.opportunity.organization.name,
                    "organization_id": row.opportunity.organization_id,
                    "stage": row.opportunity.stage,
                    "fit": scoring.whole(row.fit.score) if row.fit else None,
                    "sentence": row.sentence,
                }
                for row in rows
            ]
        )
        return
    if not rows:
        say("No opportunities yet; add one with `followthrough opp add ROLE --org ORG`.")
        return
    show(
        table(
            None,
            ["ID", "Fit", "Role", "Organization", "Stage"],
            [
                (
                    row.opportunity.pk,
                    f"{scoring.whole(row.fit.score)}%" if row.fit else "-",
                    row.opportunity.role,
                    row.opportunity.organization.name,
                    row.opportunity.get_stage_display(),
                )
                for row in rows
            ],
        )
    )
