"""The drafts pages: a draft per task or person, sending it, withdrawing, the templates.

Thin views: every id goes through ``get_owned`` (an outsider gets 404), then one
service call. Every page works without JavaScript; htmx only refreshes the
template preview in place.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from followthrough.tracker.access import get_owned
from followthrough.tracker.dates import day
from followthrough.tracker.models import (
    ACTIVE_STAGES,
    Opportunity,
    Person,
    Task,
    TaskStatus,
)
from followthrough.tracker.services import etiquette
from followthrough.tracker.services import tasks as task_service
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import today_for
from followthrough.tracker.views import next_url

from . import context as contexts
from . import rendering, services
from .defaults import RULE_TEMPLATES, TEMPLATES, VARIABLES
from .rendering import TemplateProblem

PREVIEW_TASKS = 20
PREVIEW_PEOPLE = 200
PERSON_DEFAULT_TEMPLATE = "informational-request"

_TASKS = Task.objects.select_related("person", "opportunity__organization")
_OPPS = Opportunity.objects.select_related("organization").prefetch_related("involved__person")


def _template_choice(request: HttpRequest) -> str | None:
    name = request.POST.get("template") or request.GET.get("template") or ""
    return name if name in TEMPLATES else None


def _chosen_person(request: HttpRequest) -> Person | None:
    pk = request.POST.get("person") or request.GET.get("person") or ""
    return get_owned(Person, request.user, pk) if pk else None


def _edits(request: HttpRequest) -> tuple[str | None, str | None]:
    """The subject and body as the seeker edited them on the page (a POST), else None."""
    if request.method != "POST":
        return None, None
    return request.POST.get("subject"), request.POST.get("body")


def _message_context(request: HttpRequest, draft: services.Draft, **urls) -> dict:
    """What ``drafts/_message.html`` needs beside the draft: its URLs and hidden fields."""
    return {
        "draft": draft,
        "edited": request.method == "POST" and request.POST.get("action") == "mailto",
        "needs_signature": not contexts.signature(request.user),
        "here_full": request.get_full_path(),
        **urls,
    }


def _eml_response(draft: services.Draft, slug: str) -> HttpResponse:
    response = HttpResponse(draft.eml(timezone.now()), content_type="message/rfc822")
    filename = re.sub(r"[^a-z0-9-]+", "-", slug.lower()).strip("-") or "draft"
    response["Content-Disposition"] = f'attachment; filename="{filename}.eml"'
    return response


# A task's draft ------------------------------------------------------------------------


def forecast_draft(request: HttpRequest) -> HttpResponse:
    """The draft of a forecast item ("Coming up"): it becomes its task early, then opens.

    The same task the rule makes on its day (same key), so writing the note
    ahead of time (a thank-you the interview's evening) is the task done.
    """
    owner = request.user
    try:
        task = services.forecast_task(owner, request.GET.get("key", ""), today_for(owner))
    except InputError as problem:
        raise Http404(str(problem)) from None
    return redirect(reverse("task-draft", args=[task.pk]) + "?next=" + reverse("today"))


@require_http_methods(["GET", "POST"])
def task_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """A task's draft; a POST (the "Make the mail link" button) shows it as edited."""
    owner = request.user
    task = get_owned(Task, owner, pk, queryset=_TASKS)
    on = today_for(owner)
    person, template = _chosen_person(request), _template_choice(request)
    draft = services.render_draft(owner, task, today=on, person=person, template=template)
    draft = draft.edited(*_edits(request))
    query = _query(person, template)
    here = reverse("task-draft", args=[task.pk])
    template_default = services.template_for_task(task)
    follow = next_url(request, reverse("today"))
    fields = [("next", follow)]
    if person is not None:
        fields.append(("person", person.pk))
    if draft.template != template_default:
        fields.append(("template", draft.template))
    context = {
        "task": task,
        "item": task_service.item_for(task, on),
        "is_open": task.status == TaskStatus.OPEN,
        "template_default": template_default,
        "template_choices": [(d.name, d.label) for d in TEMPLATES.values()],
        "chosen_person": person,
        "reach": _reach(owner, task, on),
        "sent_url": reverse("task-draft-sent", args=[task.pk]),
        "here": here,
        "next": follow,
        **_message_context(
            request,
            draft,
            eml_url=reverse("task-draft-eml", args=[task.pk]) + query,
            mail_link_url=here + query,
            draft_fields=fields,
        ),
    }
    return render(request, "drafts/draft.html", context)


def _query(person: Person | None, template: str | None) -> str:
    params = []
    if person is not None:
        params.append(f"person={person.pk}")
    if template:
        params.append(f"template={template}")
    return "?" + "&".join(params) if params else ""


def _reach(owner, task: Task, on) -> list[Person]:
    """Whom else a draft without a set person could go to (momentum's suggestions)."""
    if task.person_id:
        return []
    return etiquette.people_to_reach(owner, on)


@require_http_methods(["GET", "POST"])
def task_draft_eml(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft as an .eml file; a POST carries the seeker's edited subject and body."""
    owner = request.user
    task = get_owned(Task, owner, pk, queryset=_TASKS)
    draft = services.render_draft(
        owner, task, today=today_for(owner), person=_chosen_person(request),
        template=_template_choice(request),
    ).edited(*_edits(request))
    return _eml_response(draft, f"{draft.template}-{task.pk}")


@require_POST
def task_draft_sent(request: HttpRequest, pk: int) -> HttpResponse:
    owner = request.user
    task = get_owned(Task, owner, pk, queryset=_TASKS)
    fallback = reverse("today")
    subject, body = _edits(request)
    try:
        sent = services.mark_sent(
            owner, task, today=today_for(owner), person=_chosen_person(request),
            template=_template_choice(request), subject=subject, body=body,
        )
    except InputError as error:
        messages.error(request, str(error))
        return redirect(next_url(request, fallback))
    _say_sent(request, sent, task.title)
    return redirect(next_url(request, fallback))


def _say_sent(request: HttpRequest, sent: services.Sent, title: str) -> None:
    if sent.interaction is not None:
        names = ", ".join(p.name for p in sent.interaction.people.all())
        waiting = " (awaiting a reply)" if sent.interaction.awaiting_reply else ""
        done = f" and marked done: {title}" if sent.task else ""
        messages.success(request, f"Logged an email to {names}{waiting}{done}.")
    elif sent.task is not None:
        messages.success(request, f"Done: {title}. There was no one to log it with.")
    for warning in sent.warnings:
        messages.warning(request, warning)


# A message to a person, with no task ---------------------------------------------------


def _person_draft(request: HttpRequest, pk: int) -> tuple[Person, services.Draft, str]:
    owner = request.user
    person = get_owned(Person, owner, pk, queryset=Person.objects.select_related("organization"))
    template = _template_choice(request) or PERSON_DEFAULT_TEMPLATE
    draft = services.person_draft(owner, person, template, today=today_for(owner))
    return person, draft, template


@require_http_methods(["GET", "POST"])
def person_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """A message to a person; a POST (the "Make the mail link" button) shows it as edited."""
    person, draft, template = _person_draft(request, pk)
    draft = draft.edited(*_edits(request))
    query = f"?template={template}"
    here = reverse("person-draft", args=[person.pk])
    follow = next_url(request, reverse("person-detail", args=[person.pk]))
    context = {
        "person": person,
        "template_choices": [(d.name, d.label) for d in TEMPLATES.values()],
        "sent_url": reverse("person-draft-sent", args=[person.pk]),
        "here": here,
        "next": follow,
        **_message_context(
            request,
            draft,
            eml_url=reverse("person-draft-eml", args=[person.pk]) + query,
            mail_link_url=here + query,
            draft_fields=[("next", follow), ("template", template)],
        ),
    }
    return render(request, "drafts/person_draft.html", context)


@require_http_methods(["GET", "POST"])
def person_draft_eml(request: HttpRequest, pk: int) -> HttpResponse:
    person, draft, template = _person_draft(request, pk)
    draft = draft.edited(*_edits(request))
    return _eml_response(draft, f"{template}-{person.name}")


@require_POST
def person_draft_sent(request: HttpRequest, pk: int) -> HttpResponse:
    person, draft, _ = _person_draft(request, pk)
    draft = draft.edited(*_edits(request))
    sent = services.log_sent(request.user, draft, today=today_for(request.user))
    _say_sent(request, sent, draft.subject)
    return redirect(next_url(request, reverse("person-detail", args=[person.pk])))


# Withdrawing (rule 6) ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def opportunity_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    owner = request.user
    opp = get_owned(Opportunity, owner, pk, queryset=_OPPS)
    on = today_for(owner)
    error = ""
    subject, body = _edits(request)
    if request.method == "POST" and request.POST.get("action") != "mailto":
        try:
            done = services.withdraw(
                owner, opp, today=on, sent=bool(request.POST.get("sent")),
                subject=subject, body=body,
            )
        except InputError as problem:
            error = str(problem)
        else:
            _say_withdrawn(request, done)
            return redirect("opportunity-detail", pk=opp.pk)
    here = reverse("opportunity-withdraw", args=[opp.pk])
    context = {
        "opp": opp,
        "recruiter": services.recruiter_of(opp),
        "keep_in_touch_days": services.withdrawal_cadence(owner),
        "active": opp.stage in ACTIVE_STAGES,
        "error": error,
        "here": here,
        **_message_context(
            request,
            services.withdrawal_draft(owner, opp, today=on).edited(subject, body),
            eml_url=reverse("opportunity-withdraw-eml", args=[opp.pk]),
            mail_link_url=here,
            draft_fields=[],
        ),
    }
    return render(request, "drafts/withdraw.html", context, status=400 if error else 200)


def _say_withdrawn(request: HttpRequest, done: services.Withdrawn) -> None:
    parts = [f"Withdrawn from {done.opportunity}."]
    if done.interaction is not None:
        parts.append(f"Logged your note to {done.draft.person_name}.")
    if done.cadence_set and done.recruiter is not None:
        parts.append(
            f"You will keep in touch with {done.recruiter.name} every "
            f"{done.recruiter.cadence_days} days."
        )
    messages.success(request, " ".join(parts))


@require_http_methods(["GET", "POST"])
def opportunity_withdraw_eml(request: HttpRequest, pk: int) -> HttpResponse:
    owner = request.user
    opp = get_owned(Opportunity, owner, pk, queryset=_OPPS)
    draft = services.withdrawal_draft(owner, opp, today=today_for(owner))
    draft = draft.edited(*_edits(request))
    return _eml_response(draft, f"withdrawal-{opp.role}")


# The signature -------------------------------------------------------------------------


@require_POST
def sign_as(request: HttpRequest) -> HttpResponse:
    """Set how drafts are signed, from the small form on a draft page; back to that page."""
    back = next_url(request, reverse("draft-templates"))
    try:
        signed = services.set_sign_as(request.user, request.POST.get("sign_as", ""))
    except InputError as problem:
        messages.error(request, str(problem))
    else:
        if signed:
            messages.success(request, f"Your drafts are signed “{signed}”.")
        else:
            messages.warning(request, "Type the name to sign your drafts with.")
    return redirect(back)


# The templates -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def template_list(request: HttpRequest) -> HttpResponse:
    owner = request.user
    error = ""
    if request.method == "POST":
        try:
            signed = services.set_sign_as(owner, request.POST.get("sign_as", ""))
        except InputError as problem:
            error = str(problem)
        else:
            messages.success(request, f"Your drafts are signed “{signed}”." if signed else
                             "Your drafts end with a [your name] placeholder.")
            return redirect("draft-templates")
    context = {
        "templates": [(t, _example_subject(t.subject)) for t in services.templates(owner)],
        "sign_as": request.POST.get("sign_as", services.sign_as(owner)),
        "error": error,
        "rules": _rules_by_template(),
    }
    return render(request, "drafts/templates.html", context, status=400 if error else 200)


def _example_subject(subject: str) -> str:
    """A template's subject as a draft would read, on the sample data (not its raw code)."""
    try:
        return rendering.render(subject, "-", contexts.SAMPLE).subject
    except TemplateProblem as problem:
        return f"(this subject does not work: {problem})"


def _rules_by_template() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for rule, name in RULE_TEMPLATES.items():
        found.setdefault(name, []).append(rule)
    return found


@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, name: str) -> HttpResponse:
    owner = request.user
    if name not in TEMPLATES:
        raise Http404("No such template.")
    text = services.template_text(owner, name)
    subject, body = text.subject, text.body
    problem: TemplateProblem | InputError | None = None
    action = request.POST.get("action", "")
    if request.method == "POST":
        subject, body = request.POST.get("subject", ""), request.POST.get("body", "")
        if action != "preview":
            try:
                services.save_template(owner, name, subject, body)
            except InputError as error:
                problem = error
            else:
                messages.success(request, f"Saved the “{text.default.label}” template.")
                return redirect("draft-template-edit", name=name)
    target = _preview_target(request)
    context = _edit_context(owner, text, subject, body, target, problem)
    template = "drafts/template_edit.html"
    if request.htmx and action == "preview":
        template += "#preview"
    return render(request, template, context, status=400 if problem else 200)


def _preview_target(request: HttpRequest) -> str:
    return request.POST.get("preview") or request.GET.get("preview") or ""


def _edit_context(owner, text, subject, body, target: str, problem) -> dict:
    on = today_for(owner)
    tasks, people = _preview_choices(owner, text.name)
    if not target:
        target = tasks[0][0] if tasks else (people[0][0] if people else "")
    preview, preview_error = None, ""
    kind, _, pk = target.partition(":")
    task = get_owned(Task, owner, pk, queryset=_TASKS) if kind == "task" else None
    person = get_owned(Person, owner, pk) if kind == "person" else None
    try:
        preview = services.preview(
            owner, text.name, subject, body, today=on, task=task, person=person
        )
    except InputError as error:
        preview_error = str(error)
    return {
        "text": text,
        "default": text.default,
        "subject": subject,
        "body": body,
        "problem": problem,
        "variables": [
            (v, VARIABLES[v].help) for v in dict.fromkeys(text.default.variables) if v in VARIABLES
        ],
        "preview": preview,
        "preview_error": preview_error,
        "target": target,
        "preview_tasks": tasks,
        "preview_people": people,
    }


def _preview_choices(owner, name: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``(value, label)`` of the tasks this template drafts (open first), and of people."""
    rules = [rule for rule, template in RULE_TEMPLATES.items() if template == name]
    tasks = (
        _TASKS.filter(owner=owner, rule__in=rules).order_by("status", "-due", "-id")[
            :PREVIEW_TASKS
        ]
        if rules
        else []
    )
    people = Person.objects.filter(owner=owner).order_by("name", "id").values_list("id", "name")
    return (
        [(f"task:{task.pk}", _task_label(task)) for task in tasks],
        [(f"person:{pk}", person) for pk, person in people[:PREVIEW_PEOPLE]],
    )


def _task_label(task: Task) -> str:
    status = "" if task.status == TaskStatus.OPEN else f", {task.get_status_display().lower()}"
    return f"{task.title} ({day(task.due)}{status})"


@require_POST
def template_reset(request: HttpRequest, name: str) -> HttpResponse:
    owner = request.user
    try:
        text = services.reset_template(owner, name)
    except InputError:
        raise Http404("No such template.") from None
    messages.success(request, f"The “{text.default.label}” template is back to the default.")
    return redirect("draft-template-edit", name=name)
