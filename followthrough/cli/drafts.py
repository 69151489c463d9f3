"""``followthrough draft`` and ``followthrough withdraw``: the words to send, from the terminal."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from . import django_setup
from .output import emit_json, say, warn


class Format(StrEnum):
    text = "text"
    eml = "eml"
    mailto = "mailto"


AsOption = Annotated[
    Format,
    typer.Option(
        "--as",
        help="text (Subject and message, the default), eml (an RFC 5322 draft to save"
        " as a .eml file) or mailto (a URL for your mail program).",
        case_sensitive=False,
    ),
]


def _print(draft, form: Format) -> None:
    if form == Format.mailto:
        say(draft.mailto)
    elif form == Format.eml:
        from django.utils import timezone

        typer.echo(draft.eml(timezone.now()), nl=False)
    else:
        lines = []
        if draft.person_name:
            to = f" <{draft.to}>" if draft.to else " (no email address yet)"
            lines.append(f"To: {draft.person_name}{to}")
        say("\n".join([*lines, draft.text.rstrip("\n")]))


def _sent_json(sent) -> dict:
    interaction = sent.interaction
    return {
        "interaction_id": interaction.pk if interaction else None,
        "awaiting_reply": interaction.awaiting_reply if interaction else False,
    }


def draft_command(
    task_id: Annotated[str, typer.Argument(help="The task's id (see `followthrough today`).")],
    form: AsOption = Format.text,
    sent: Annotated[
        bool,
        typer.Option(
            "--sent",
            help="You sent it: log the email (awaiting a reply where the rule wants one)"
            " and mark the task done.",
        ),
    ] = False,
    template: Annotated[
        str | None,
        typer.Option("--template", metavar="NAME", help="Use another template (by name)."),
    ] = None,
    person: Annotated[
        str | None,
        typer.Option(
            "--person", metavar="PERSON", help="Write to this person instead (name or id)."
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print an object: task_id, template, to, person, person_id, opportunity_id,"
            " subject, body, mailto, awaits_reply, error (and with --sent: sent).",
        ),
    ] = False,
) -> None:
    """The draft message for an agenda item, filled from your data.

    Example: followthrough draft 12 --as mailto
    """
    owner = django_setup.owner()

    from followthrough.drafts import services
    from followthrough.tracker.services.people import resolve_person
    from followthrough.tracker.services.tasks import resolve_task

    task = resolve_task(owner, task_id)
    if template is not None:
        services.default_for(template)
    to = resolve_person(owner, person, "--person") if person else None
    today = django_setup.today(owner)
    draft = services.render_draft(owner, task, today=today, person=to, template=template)
    if draft.error:
        warn(draft.error)
    if not sent:
        if as_json:
            emit_json({"task_id": task.pk, **draft.as_json()})
        else:
            _print(draft, form)
        return
    done = services.mark_sent(owner, task, today=today, person=to, template=template)
    for message in done.warnings:
        warn(message)
    if as_json:
        emit_json({"task_id": task.pk, **draft.as_json(), "sent": _sent_json(done)})
    elif done.interaction is not None:
        waiting = ", awaiting a reply," if done.interaction.awaiting_reply else ""
        say(f"Logged an email to {draft.person_name}{waiting} and marked task {task.pk} done.")
    else:
        say(f"Marked task {task.pk} done (there was nobody to log the email with).")


def withdraw_command(
    opp_id: Annotated[
        str, typer.Argument(help="The opportunity's id (see `followthrough opp list`).")
    ],
    sent: Annotated[
        bool,
        typer.Option("--sent", help="You sent the withdrawal note: log it as an email."),
    ] = False,
    preview: Annotated[
        bool,
        typer.Option("--preview", help="Only print the note; change nothing."),
    ] = False,
    form: AsOption = Format.text,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print an object: opportunity_id, stage, draft, interaction_id, recruiter_id,"
            " cadence_set.",
        ),
    ] = False,
) -> None:
    """Withdraw from an opportunity gracefully, with a note to send.

    The stage becomes withdrawn (rule 6), the recruiter stays a contact (the
    default keep-in-touch cadence, `settings --default-cadence`, if they had none),
    and the note to send is printed.

    Example: followthrough withdraw 4 --sent
    """
    owner = django_setup.owner()

    from followthrough.drafts import services
    from followthrough.tracker.services.opportunities import resolve_opportunity

    opp = resolve_opportunity(owner, opp_id)
    today = django_setup.today(owner)
    if preview:
        draft = services.withdrawal_draft(owner, opp, today=today)
        if as_json:
            emit_json({"opportunity_id": opp.pk, "stage": opp.stage, "draft": draft.as_json()})
        else:
            _print(draft, form)
        return
    done = services.withdraw(owner, opp, today=today, sent=sent)
    if as_json:
        emit_json(_withdrawn_json(done))
        return
    _print(done.draft, form)
    if form == Format.text:
        say("")
        say(_withdrawn_text(done))


def _withdrawn_json(done) -> dict:
    return {
        "opportunity_id": done.opportunity.pk,
        "stage": done.opportunity.stage,
        "draft": done.draft.as_json(),
        "interaction_id": done.interaction.pk if done.interaction else None,
        "recruiter_id": done.recruiter.pk if done.recruiter else None,
        "cadence_set": done.cadence_set,
    }


def _withdrawn_text(done) -> str:
    parts = [f"Withdrawn from {done.opportunity}."]
    if done.interaction is not None:
        parts.append(f"Logged your note to {done.draft.person_name}.")
    if done.cadence_set:
        who = done.recruiter.name
        parts.append(f"Keeping in touch with {who} every {done.recruiter.cadence_days} days.")
    return " ".join(parts)


