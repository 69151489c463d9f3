"""``followthrough opp ...``: the pipeline of opportunities."""

from __future__ import annotations

from typing import Annotated

import typer

from . import django_setup
from .output import JsonFlag, date_text, emit_json, fail, field_lines, say, show, table

opp_app = typer.Typer(
    help="Add, list, show, edit and move the opportunities in your pipeline.\n\n"
    "Example: followthrough opp list --active",
    no_args_is_help=True,
)

OppId = Annotated[str, typer.Argument(help="The opportunity's id (see `followthrough opp list`).")]
STAGES = "lead, applied, screening, interviewing, offer, accepted, declined, rejected, withdrawn"
STAGES += ", let-go or ghosted"

# The job itself: the same options on `opp add` and `opp edit`.
LocationOpt = Annotated[
    str | None, typer.Option("--location", metavar="PLACE", help="Where the job is, e.g. Lyon.")
]
RemoteOpt = Annotated[
    bool | None, typer.Option("--remote/--on-site", help="Remote, or on site (the default).")
]
SalaryMinOpt = Annotated[
    str | None, typer.Option("--salary-min", metavar="AMOUNT", help="Salary from, e.g. 85000.")
]
SalaryMaxOpt = Annotated[
    str | None, typer.Option("--salary-max", metavar="AMOUNT", help="Salary to, e.g. 95k.")
]
CurrencyOpt = Annotated[
    str | None,
    typer.Option("--currency", metavar="CODE", help="The salary's currency: EUR, USD..."),
]
SalaryPerOpt = Annotated[
    str | None,
    typer.Option("--salary-per", metavar="UNIT", help="year, month, week, day or hour."),
]
DescriptionOpt = Annotated[
    str | None, typer.Option("--description", metavar="TEXT", help="What the job is.")
]
PostedOnOpt = Annotated[
    str | None,
    typer.Option("--posted-on", metavar="DATE", help="When it was posted, YYYY-MM-DD."),
]
ApplyByOpt = Annotated[
    str | None,
    typer.Option(
        "--apply-by", metavar="DATE", help="The posting's deadline, YYYY-MM-DD (reminded of)."
    ),
]
TagOpt = Annotated[
    list[str] | None, typer.Option("--tag", metavar="TAG", help="A tag; repeat for more.")
]


def _job_fields(location, remote, salary_min, salary_max, currency, salary_per, description,
                posted_on, apply_by, tags):  # fmt: skip
    from followthrough.tracker.services.jobfields import JobFields

    return JobFields(
        location=location,
        remote=remote,
        salary_min=salary_min,
        salary_max=salary_max,
        salary_currency=currency,
        salary_unit=salary_per,
        description=description,
        posted_on=posted_on,
        apply_by=apply_by,
        tags=tags,
    )


@opp_app.command("add")
def opp_add(
    role: Annotated[
        str | None,
        typer.Argument(
            help="The job title, e.g. 'Staff Engineer' (read from --posting when left out)."
        ),
    ] = None,
    org: Annotated[
        str | None,
        typer.Option(
            "--org",
            metavar="ORG",
            help="Organization name or id (made if new; read from --posting when left out).",
        ),
    ] = None,
    posting: Annotated[
        str | None,
        typer.Option(
            "--posting",
            metavar="FILE_OR_URL",
            help="A saved job page or its http(s) address: its schema.org JobPosting"
            " fills in the role, organization, link, place, salary, description and dates.",
        ),
    ] = None,
    stage: Annotated[
        str | None, typer.Option("--stage", metavar="STAGE", help=f"{STAGES}. Default: lead.")
    ] = None,
    referred_by: Annotated[
        str | None,
        typer.Option("--referred-by", metavar="PERSON", help="Who referred you (name or id)."),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", metavar="SOURCE", help="posting, referral, recruiter, network or other."
        ),
    ] = None,
    interest: Annotated[
        str | None,
        typer.Option("--interest", metavar="1-5", help="How much you want it, 1 to 5. Default: 3."),
    ] = None,
    decision_date: Annotated[
        str | None,
        typer.Option(
            "--decision-date", metavar="DATE", help="When they said they would decide, YYYY-MM-DD."
        ),
    ] = None,
    deadline: Annotated[
        str | None,
        typer.Option("--deadline", metavar="DATE", help="An offer's deadline, YYYY-MM-DD."),
    ] = None,
    url: Annotated[str, typer.Option("--url", help="The job posting's address.")] = "",
    notes: Annotated[str, typer.Option("--notes", help="Free notes.")] = "",
    location: LocationOpt = None,
    remote: RemoteOpt = None,
    salary_min: SalaryMinOpt = None,
    salary_max: SalaryMaxOpt = None,
    currency: CurrencyOpt = None,
    salary_per: SalaryPerOpt = None,
    description: DescriptionOpt = None,
    posted_on: PostedOnOpt = None,
    apply_by: ApplyByOpt = None,
    tag: TagOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Add an opportunity: a job you pursue, typed or read from a job posting.

    Example: followthrough opp add "Staff Engineer" --org Acme --referred-by Ada

    Example: followthrough opp add --posting ~/Downloads/job.html --interest 4
    """
    owner = django_setup.owner()

    from followthrough.tracker.serializers import opportunity_json
    from followthrough.tracker.services import parsing
    from followthrough.tracker.services.opportunities import OpportunityInput, add_opportunity

    job = _job_fields(location, remote, salary_min, salary_max, currency, salary_per,
                      description, posted_on, apply_by, tag)  # fmt: skip
    if posting is not None:
        opp = _add_from_posting(owner, posting, role, org, stage, interest, notes, job)
        if as_json:
            emit_json(opportunity_json(opp))
        else:
            say(f"Added {opp} (id {opp.pk}) from the posting, stage"
                f" {opp.get_stage_display().lower()}.")  # fmt: skip
            for line in _posting_lines(opp):
                say(f"  {line}")
        return
    if not role:
        fail("ROLE is required: what is the job called? (or give --posting FILE_OR_URL)")
    if not org:
        fail("--org is required: where is this job? (or give --posting FILE_OR_URL)")
    data = OpportunityInput(
        role=role,
        organization=org,
        stage=stage,
        source=source,
        referred_by=referred_by,
        interest=interest,
        decision_date=parsing.parse_date(decision_date, "--decision-date"),
        offer_deadline=parsing.parse_date(deadline, "--deadline"),
        posting_url=url,
        notes=notes,
        job=job,
    )
    opp = add_opportunity(owner, data, django_setup.today(owner))
    if as_json:
        emit_json(opportunity_json(opp))
    else:
        say(f"Added {opp} (id {opp.pk}), stage {opp.get_stage_display().lower()}.")


def _add_from_posting(owner, source, role, org, stage, interest, notes, job):
    """``opp add --posting``: read the page; the options typed as well override what it says."""
    from followthrough.tracker.services.postings import add_from_posting, read_source

    found = read_source(source, "--posting")
    return add_from_posting(
        owner, found, django_setup.today(owner), role=role, organization=org, stage=stage,
        interest=interest, notes=notes, overrides=job, where="--posting",
    )  # fmt: skip


def _posting_lines(opp) -> list[str]:
    return field_lines(
        [
            ("Posting", opp.posting_url),
            ("Where", opp.place_display),
            ("Salary", opp.salary_display),
            ("Posted on", date_text(opp.posted_on)),
            ("Apply by", date_text(opp.apply_by)),
        ]
    )


@opp_app.command("edit")
def opp_edit(
    opp_id: OppId,
    role: Annotated[str | None, typer.Option("--role", help="A new job title.")] = None,
    org: Annotated[
        str | None,
        typer.Option("--org", metavar="ORG", help="Organization name or id (made if new)."),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", metavar="SOURCE", help="posting, referral, recruiter, network or other."
        ),
    ] = None,
    interest: Annotated[
        str | None,
        typer.Option("--interest", metavar="1-5", help="How much you want it, 1 to 5."),
    ] = None,
    decision_date: Annotated[
        str | None,
        typer.Option(
            "--decision-date",
            metavar="DATE",
            help='When they said they would decide, YYYY-MM-DD ("" clears it).',
        ),
    ] = None,
    deadline: Annotated[
        str | None,
        typer.Option(
            "--deadline", metavar="DATE", help='An offer\'s deadline, YYYY-MM-DD ("" clears it).'
        ),
    ] = None,
    posting_url: Annotated[
        str | None, typer.Option("--posting-url", metavar="URL", help="The job posting's address.")
    ] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", help="Free notes (replaces them).")
    ] = None,
    referred_by: Annotated[
        str | None,
        typer.Option(
            "--referred-by", metavar="PERSON", help='Who referred you, name or id ("" clears it).'
        ),
    ] = None,
    location: LocationOpt = None,
    remote: RemoteOpt = None,
    salary_min: SalaryMinOpt = None,
    salary_max: SalaryMaxOpt = None,
    currency: CurrencyOpt = None,
    salary_per: SalaryPerOpt = None,
    description: DescriptionOpt = None,
    posted_on: PostedOnOpt = None,
    apply_by: ApplyByOpt = None,
    tag: TagOpt = None,
    as_json: JsonFlag = False,
) -> None:
    """Change some of an opportunity's fields; the others stay as they are.

    The stage changes with `followthrough opp move`. An empty value (--notes "")
    clears a field; --tag replaces the tags (--tag "" removes them all).

    Example: followthrough opp edit 4 --decision-date 2026-03-20
    """
    owner = django_setup.owner()

    from followthrough.tracker.serializers import opportunity_json
    from followthrough.tracker.services import parsing
    from followthrough.tracker.services.opportunities import (
        OpportunityInput,
        resolve_opportunity,
        update_opportunity,
    )

    opp = resolve_opportunity(owner, opp_id, "opp")
    data = OpportunityInput(
        role=opp.role,
        organization=opp.organization,
        stage=opp.stage,
        source=opp.source,
        referred_by=opp.referred_by,
        interest=opp.interest,
        decision_date=opp.decision_date,
        offer_deadline=opp.offer_deadline,
        posting_url=opp.posting_url,
        notes=opp.notes,
        job=_job_fields(
            location, remote, salary_min, salary_max, currency, salary_per,
            description, posted_on, apply_by, tag,
        ),
    )  # fmt: skip
    changes = {
        "role": role,
        "organization": org,
        "source": source,
        "interest": interest,
        "decision_date": (
            None if decision_date is None
            else parsing.parse_date(decision_date, "--decision-date")
        ),
        "offer_deadline": None if deadline is None else parsing.parse_date(deadline, "--deadline"),
        "posting_url": posting_url,
        "notes": notes,
        "referred_by": referred_by,
    }
    given = {"decision_date": decision_date, "offer_deadline": deadline}
    for attr, value in changes.items():
        if given.get(attr, value) is not None:
            setattr(data, attr, value)
    opp = update_opportunity(owner, opp, data, django_setup.today(owner))
    if as_json:
        emit_json(opportunity_json(opp))
    else:
        say(f"Updated {opp} (id {opp.pk}).")


@opp_app.command("list")
def opp_list(
    stage: Annotated[
        str | None, typer.Option("--stage", metavar="STAGE", help=f"Only this stage: {STAGES}.")
    ] = None,
    active: Annotated[
        bool, typer.Option("--active", help="Only active ones (lead to offer).")
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """List your opportunities, the most wanted first.

    Example: followthrough opp list --stage interviewing --json
    """
    owner = django_setup.owner()

    from followthrough.tracker.models import Stage
    from followthrough.tracker.serializers import opportunity_json
    from followthrough.tracker.services import parsing
    from followthrough.tracker.services.opportunities import opportunities

    stage = parsing.clean_choice(stage, Stage, "stage", default="")
    found = list(opportunities(owner, stage=stage, active_only=active))
    if as_json:
        emit_json([opportunity_json(o) for o in found])
        return
    if not found:
        say(
            "No opportunity matches."
            if stage or active
            else "No opportunities yet; add one with `followthrough opp add ROLE --org ORG`."
        )
        return
    rows = [
        (
            o.pk,
            o.role,
            o.organization.name,
            o.get_stage_display(),
            o.interest,
            o.decision_date.isoformat() if o.decision_date else "",
        )
        for o in found
    ]
    show(table(None, ["ID", "Role", "Organization", "Stage", "Interest", "Decision"], rows))


@opp_app.command("show")
def opp_show(opp_id: OppId, as_json: JsonFlag = False) -> None:
    """Show an opportunity with its people, stage history, interactions and tasks.

    Example: followthrough opp show 4
    """
    owner = django_setup.owner()

    from followthrough.tracker import serializers as ser
    from followthrough.tracker.services.documents import sent_for
    from followthrough.tracker.services.interactions import interactions
    from followthrough.tracker.services.opportunities import opportunities, resolve_opportunity
    from followthrough.tracker.services.tasks import open_tasks

    opp = opportunities(owner).get(pk=resolve_opportunity(owner, opp_id, "opp").pk)
    history = list(opp.stage_changes.all())
    timeline = list(interactions(owner).filter(opportunity=opp))
    todo = list(open_tasks(owner).filter(opportunity=opp).order_by("due", "id"))
    sent = list(sent_for(opp))
    if as_json:
        data = ser.opportunity_json(opp)
        data["stage_history"] = [{"stage": c.stage, "on": c.on.isoformat()} for c in history]
        data["interactions"] = [ser.interaction_json(i) for i in timeline]
        data["tasks"] = [ser.task_json(t) for t in todo]
        data["documents"] = [
            {"id": s.document_id, "name": s.document.name, "kind": s.document.kind,
             "sha256": s.document.sha256, "sent_on": s.sent_on.isoformat()}
            for s in sent
        ]  # fmt: skip
        emit_json(data)
        return
    _print_opportunity(opp, history, timeline, todo)
    if sent:
        say("Documents sent: " + "; ".join(
            f"{s.document.name} (id {s.document_id}) on {date_text(s.sent_on)}" for s in sent
        ))  # fmt: skip


def _print_opportunity(opp, history, timeline, todo) -> None:
    from followthrough.tracker.models import Source, Stage
    from followthrough.tracker.services.jobfields import applied_on
    from followthrough.tracker.services.opportunities import people_by_role

    applied = applied_on(opp)

    say(f"{opp} (id {opp.pk})")
    for line in field_lines(
        [
            ("Stage", f"{opp.get_stage_display()} since {date_text(opp.stage_changed_on) or '?'}"),
            ("Source", Source(opp.source).label),
            ("Referred by", opp.referred_by.name if opp.referred_by_id else ""),
            ("Interest", f"{opp.interest}/5"),
            ("Decision date", date_text(opp.decision_date)),
            ("Offer deadline", date_text(opp.offer_deadline)),
            ("Posting", opp.posting_url),
            ("Where", opp.place_display),
            ("Salary", opp.salary_display),
            ("Posted on", date_text(opp.posted_on)),
            ("Apply by", date_text(opp.apply_by)),
            ("Applied on", date_text(applied)),
            ("Tags", [tag.name for tag in opp.tags.all()]),
            ("Notes", opp.notes),
        ]
    ):
        say(f"  {line}")
    for label, links in people_by_role(opp):
        say(
            f"  {label}: "
            + ", ".join(f"{link.person.name} (id {link.person_id})" for link in links)
        )
    if history:
        say("  History: " + "; ".join(f"{Stage(c.stage).label} {date_text(c.on)}" for c in history))
    if opp.description:
        say("")
        say("  Description:")
        for line in opp.description.splitlines():
            say(f"    {line}" if line else "")
    say("")
    if timeline:
        rows = [
            (
                date_text(i.occurred_on),
                i.get_kind_display(),
                ", ".join(p.name for p in i.people.all()),
                i.summary,
            )
            for i in timeline
        ]
        show(table("Interactions", ["Date", "Kind", "With", "Summary"], rows))
    else:
        say("Interactions: nothing logged yet.")
    if todo:
        rows = [(t.pk, date_text(t.shows_on()), t.rule, t.title) for t in todo]
        show(table("Open tasks", ["ID", "Due", "Rule", "Task"], rows))


@opp_app.command("move")
def opp_move(
    opp_id: OppId,
    stage: Annotated[str, typer.Argument(help=f"The new stage: {STAGES}.")],
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DATE", help="When it happened, YYYY-MM-DD. Default: today."),
    ] = None,
    deadline: Annotated[
        str | None,
        typer.Option("--deadline", metavar="DATE", help="An offer's deadline, YYYY-MM-DD."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Move an opportunity to another stage of the pipeline.

    Example: followthrough opp move 4 offer --deadline 2026-03-20
    """
    owner = django_setup.owner()

    from followthrough.tracker.serializers import opportunity_json
    from followthrough.tracker.services import parsing
    from followthrough.tracker.services.opportunities import move, resolve_opportunity

    opp = resolve_opportunity(owner, opp_id, "opp")
    when = parsing.parse_date(on, "--on") or django_setup.today(owner)
    opp = move(owner, opp, stage, on=when, deadline=parsing.parse_date(deadline, "--deadline"))
    if as_json:
        emit_json(opportunity_json(opp))
        return
    extra = f", deadline {date_text(opp.offer_deadline)}" if deadline else ""
    moved_to = opp.get_stage_display().lower()
    say(f"Moved {opp} (id {opp.pk}) to {moved_to} on {date_text(when)}{extra}.")


@opp_app.command("involve")
def opp_involve(
    opp_id: OppId,
    person: Annotated[str, typer.Argument(help="A name (or part of it) or an id.")],
    role: Annotated[
        str,
        typer.Option(
            "--role",
            metavar="ROLE",
            help="hiring-manager, interviewer, recruiter, referrer or other.",
        ),
    ] = "other",
) -> None:
    """Record that a person takes part in an opportunity, and how.

    Example: followthrough opp involve 4 "Grace Hopper" --role hiring-manager
    """
    owner = django_setup.owner()

    from followthrough.tracker.models import Role
    from followthrough.tracker.services.opportunities import involve, resolve_opportunity

    opp = resolve_opportunity(owner, opp_id, "opp")
    link = involve(owner, opp, person, role)
    label = Role(link.role).label.lower()
    say(f"{link.person.name} (id {link.person_id}) is {label} for {opp} (id {opp.pk}).")
