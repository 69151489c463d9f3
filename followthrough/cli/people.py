"""``followthrough person ...``: the people in the seeker's network."""

from __future__ import annotations

from typing import Annotated

import typer

from . import django_setup
from .output import JsonFlag, date_text, emit_json, field_lines, say, show, table, warn

person_app = typer.Typer(
    help="Add, list, show, change and delete the people in your network.\n\n"
    "Example: followthrough person list --situation employed",
    no_args_is_help=True,
)

PersonRef = Annotated[
    str, typer.Argument(metavar="PERSON", help="A name (or part of it) or an id.")
]

TIMELINE_LINES = 20


# person add / edit share their options.
Emails = Annotated[
    list[str] | None,
    typer.Option("--email", metavar="EMAIL", help="An email address; repeat for more."),
]
Phones = Annotated[
    list[str] | None, typer.Option("--phone", metavar="PHONE", help="A phone number; repeat.")
]
Linkedin = Annotated[str | None, typer.Option("--linkedin", help="LinkedIn profile URL.")]
Org = Annotated[
    str | None, typer.Option("--org", metavar="ORG", help="Organization name or id (made if new).")
]
Title = Annotated[str | None, typer.Option("--title", help="Job title.")]
SituationOpt = Annotated[
    str | None,
    typer.Option(
        "--situation",
        metavar="SITUATION",
        help="employed, seeking, recruiter, hiring-manager, student, self-employed,"
        " retired or unknown.",
    ),
]
Birthday = Annotated[
    str | None,
    typer.Option(
        "--birthday",
        metavar="DATE",
        help="YYYY-MM-DD, or --MM-DD without the year (write --birthday=--03-04 or"
        " --birthday --03-04).",
    ),
]
Cadence = Annotated[
    str | None,
    typer.Option("--cadence", metavar="DAYS", help="Keep in touch every this many days."),
]
Tags = Annotated[
    list[str] | None, typer.Option("--tag", metavar="TAG", help="A tag; repeat for more.")
]
HowMet = Annotated[str | None, typer.Option("--how-met", help="How you met.")]
MetOn = Annotated[
    str | None, typer.Option("--met-on", metavar="DATE", help="When you met, YYYY-MM-DD.")
]
IntroducedBy = Annotated[
    str | None,
    typer.Option("--introduced-by", metavar="PERSON", help="Who introduced you (name or id)."),
]
Notes = Annotated[str | None, typer.Option("--notes", help="Free notes.")]


@person_app.command("add")
def person_add(
    name: Annotated[str, typer.Argument(help="Their full name.")],
    email: Emails = None,
    phone: Phones = None,
    linkedin: Linkedin = None,
    org: Org = None,
    title: Title = None,
    situation: SituationOpt = None,
    birthday: Birthday = None,
    cadence: Cadence = None,
    tag: Tags = None,
    how_met: HowMet = None,
    met_on: MetOn = None,
    introduced_by: IntroducedBy = None,
    notes: Notes = None,
    as_json: JsonFlag = False,
) -> None:
    """Add a person to your network.

    A birthday without a year is --MM-DD: write --birthday=--12-10 (or
    --birthday --12-10).

    Example: followthrough person add "Ada Lovelace" --org Acme --cadence 30

    Example: followthrough person add Bo --email bo@example.com --tag mentor
    """
    owner = django_setup.owner()

    from followthrough.tracker.services.people import PersonInput, add_person

    data = PersonInput(
        name=name,
        emails=email or [],
        phones=phone or [],
        linkedin_url=linkedin or "",
        organization=org,
        title=title or "",
        situation=situation,
        birthday=birthday,
        cadence_days=cadence,
        tags=tag or [],
        how_met=how_met or "",
        met_on=met_on,
        introduced_by=introduced_by,
        notes=notes or "",
    )
    person = add_person(owner, data)
    _done(person, "Added", as_json)
    _warn_namesakes(owner, person)


def _warn_namesakes(owner, person) -> None:
    """Added, but someone with that name or email was there already: say so on stderr."""
    from followthrough.tracker.services.people import namesakes, reference

    others = namesakes(owner, person)
    if others:
        listed = ", ".join(reference(other) for other in others)
        warn(
            f"you already had someone with this name or email: {listed};"
            " `followthrough person show ID` tells them apart."
        )


@person_app.command("edit")
def person_edit(
    person_ref: PersonRef,
    name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    email: Emails = None,
    phone: Phones = None,
    linkedin: Linkedin = None,
    org: Org = None,
    title: Title = None,
    situation: SituationOpt = None,
    birthday: Birthday = None,
    cadence: Cadence = None,
    tag: Tags = None,
    how_met: HowMet = None,
    met_on: MetOn = None,
    introduced_by: IntroducedBy = None,
    notes: Notes = None,
    as_json: JsonFlag = False,
) -> None:
    """Change some of a person's fields; the others stay as they are.

    A list option (--email, --phone, --tag) replaces the whole list; an empty
    value (--org "") clears the field.

    Example: followthrough person edit "Ada" --title CTO --cadence 90
    """
    owner = django_setup.owner()

    from followthrough.tracker.services.people import resolve_person, update_person

    person = resolve_person(owner, person_ref)
    data = _current(person)
    changes = {
        "name": name,
        "emails": email,
        "phones": phone,
        "linkedin_url": linkedin,
        "organization": org,
        "title": title,
        "situation": situation,
        "birthday": birthday,
        "cadence_days": cadence,
        "tags": tag,
        "how_met": how_met,
        "met_on": met_on,
        "introduced_by": introduced_by,
        "notes": notes,
    }
    for attr, value in changes.items():
        if value is not None:
            setattr(data, attr, value)
    person = update_person(owner, person, data)
    _done(person, "Updated", as_json)


def _current(person):
    from followthrough.tracker.services.people import PersonInput

    return PersonInput(
        name=person.name,
        emails=list(person.emails),
        phones=list(person.phones),
        linkedin_url=person.linkedin_url,
        organization=person.organization,
        title=person.title,
        situation=person.situation,
        how_met=person.how_met,
        met_on=person.met_on,
        introduced_by=person.introduced_by,
        birthday=person.birthday_display or None,
        tags=[t.name for t in person.tags.all()],
        notes=person.notes,
        cadence_days=person.cadence_days,
    )


def _done(person, verb: str, as_json: bool) -> None:
    from followthrough.tracker.serializers import person_json

    if as_json:
        emit_json(person_json(person))
    else:
        say(f"{verb} {person.name} (id {person.pk}).")


@person_app.command("delete")
def person_delete(
    person_ref: PersonRef,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a person; their interactions stay, their tasks go.

    Example: followthrough person delete 12 --yes
    """
    owner = django_setup.owner()

    from followthrough.tracker.services.people import delete_person, resolve_person

    person = resolve_person(owner, person_ref)
    if not yes:
        typer.confirm(f"Delete {person.name} (id {person.pk})?", abort=True, err=True)
    name, pk = person.name, person.pk
    delete_person(owner, person)
    say(f"Deleted {name} (id {pk}).")


@person_app.command("list")
def person_list(
    search: Annotated[
        str, typer.Option("--search", "-s", help="Text in name, title, organization, notes.")
    ] = "",
    situation: SituationOpt = None,
    tag: Annotated[
        str, typer.Option("--tag", metavar="TAG", help="Only people with this tag.")
    ] = "",
    org: Annotated[
        str, typer.Option("--org", metavar="ORG", help="Only people at this organization.")
    ] = "",
    as_json: JsonFlag = False,
) -> None:
    """List your people, filtered by text, situation, tag or organization.

    Example: followthrough person list --search acme --situation hiring-manager
    """
    owner = django_setup.owner()

    from followthrough.tracker.models import Situation
    from followthrough.tracker.serializers import person_json
    from followthrough.tracker.services import parsing
    from followthrough.tracker.services.people import people, resolve_organization

    situation = parsing.clean_choice(situation, Situation, "situation", default="")
    org_id = resolve_organization(owner, org, "org").pk if org.strip() else None
    found = list(
        people(
            owner,
            query=search.strip(),
            situation=situation,
            tag=tag.strip(),
            organization_id=org_id,
        )
    )
    if as_json:
        emit_json([person_json(p) for p in found])
        return
    if not found:
        filtered = search or situation or tag or org
        say(
            "Nobody matches."
            if filtered
            else "No people yet; add one with `followthrough person add NAME`."
        )
        return
    rows = [
        (
            p.pk,
            p.name,
            p.organization.name if p.organization_id else "",
            p.title,
            Situation(p.situation).label,
            ", ".join(t.name for t in p.tags.all()),
        )
        for p in found
    ]
    show(table(None, ["ID", "Name", "Organization", "Title", "Situation", "Tags"], rows))


@person_app.command("show")
def person_show(person_ref: PersonRef, as_json: JsonFlag = False) -> None:
    """Show a person with their timeline, opportunities and open tasks.

    Example: followthrough person show "Ada Lovelace"
    """
    owner = django_setup.owner()

    from django.db.models import Q

    from followthrough.tracker import serializers as ser
    from followthrough.tracker.services.interactions import interactions
    from followthrough.tracker.services.opportunities import opportunities
    from followthrough.tracker.services.people import resolve_person
    from followthrough.tracker.services.tasks import open_tasks

    person = resolve_person(owner, person_ref)
    timeline = list(interactions(owner).filter(people=person))
    opps = list(
        opportunities(owner).filter(Q(involved__person=person) | Q(referred_by=person)).distinct()
    )
    todo = list(open_tasks(owner).filter(person=person).order_by("due", "id"))
    if as_json:
        data = ser.person_json(person)
        data["interactions"] = [ser.interaction_json(i) for i in timeline]
        data["opportunities"] = [ser.opportunity_json(o) for o in opps]
        data["tasks"] = [ser.task_json(t) for t in todo]
        emit_json(data)
        return
    _print_person(person, timeline, opps, todo)


def _print_person(person, timeline, opps, todo) -> None:
    from followthrough.tracker.models import Role, Situation

    say(f"{person.name} (id {person.pk})")
    cadence = f"every {person.cadence_days} days" if person.cadence_days else ""
    for line in field_lines(
        [
            ("Title", person.title),
            ("Organization", person.organization.name if person.organization_id else ""),
            ("Situation", Situation(person.situation).label),
            ("Email", person.emails),
            ("Phone", person.phones),
            ("LinkedIn", person.linkedin_url),
            ("Birthday", person.birthday_display),
            ("Keep in touch", cadence),
            ("Tags", [t.name for t in person.tags.all()]),
            ("How met", person.how_met),
            ("Met on", date_text(person.met_on)),
            ("Introduced by", person.introduced_by.name if person.introduced_by_id else ""),
            ("Notes", person.notes),
        ]
    ):
        say(f"  {line}")
    say("")
    if timeline:
        rows = [_timeline_row(i) for i in timeline[:TIMELINE_LINES]]
        show(table("Timeline", ["Date", "Kind", "Direction", "With", "Summary"], rows))
        if len(timeline) > TIMELINE_LINES:
            say(f"… and {len(timeline) - TIMELINE_LINES} earlier (--json lists them all).")
    else:
        say("Timeline: nothing logged yet.")
    if opps:
        rows = []
        for o in opps:
            roles = [
                Role(link.role).label for link in o.involved.all() if link.person_id == person.pk
            ]
            rows.append(
                (o.pk, o.role, o.organization.name, o.get_stage_display(), ", ".join(roles))
            )
        show(table("Opportunities", ["ID", "Role", "Organization", "Stage", "Their part"], rows))
    if todo:
        rows = [(t.pk, date_text(t.shows_on()), t.rule, t.title) for t in todo]
        show(table("Open tasks", ["ID", "Due", "Rule", "Task"], rows))


def _timeline_row(interaction) -> tuple:
    return (
        date_text(interaction.occurred_on),
        interaction.get_kind_display(),
        interaction.get_direction_display() if interaction.direction else "",
        ", ".join(p.name for p in interaction.people.all()),
        interaction.summary,
    )
