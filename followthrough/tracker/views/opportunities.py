"""The pipeline in the web app: the board, the list, an opportunity's page and forms.

Every view that takes an id fetches through ``get_owned`` (outsiders get 404),
validates a form, makes one service call, then redirects or renders. The board
is one template whose ``#board`` partial is also the htmx answer to a move.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Case, Count, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Lower, NullIf
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from ..access import get_owned
from ..forms.opportunities import InvolveForm, MoveForm, OpportunityForm, stage_choices
from ..models import (
    ACTIVE_STAGES,
    Document,
    DocumentKind,
    Opportunity,
    OpportunityPerson,
    Organization,
    Person,
    Stage,
    TaskStatus,
)
from ..services import documents, rapport
from ..services import opportunities as pipeline
from ..services.errors import InputError
from ..services.interactions import interactions
from ..services.owners import today_for
from ..services.parsing import parse_date
from ..services.people import name_suggestions
from ..services.tasks import open_tasks
from ..sorting import Column, sort_table
from . import next_url

CLOSED_SHOWN = 20
"""The board lists this many closed opportunities, the latest first; the table has them all."""

NAME_SUGGESTIONS = 500
"""At most this many names in a datalist: enough to pick from, small enough to send."""


PREFILLS = ("organization", "referred_by", "stage")
"""What a link to the add page may fill in, e.g. from an organization's page."""


# The board -------------------------------------------------------------------


def board(request: HttpRequest) -> HttpResponse:
    """The pipeline: a column per active stage, the closed ones listed below."""
    return render(request, "tracker/opportunities/board.html", board_context(request.user))


def board_context(owner, status: str = "", error: str = "") -> dict:
    today = today_for(owner)
    columns, closed = pipeline.board(owner)
    stages = [stage for stage, _, _ in columns]
    board_columns = []
    for index, (stage, label, cards) in enumerate(columns):
        for opp in cards:
            _dates(opp, today)
        board_columns.append(
            {
                "stage": stage,
                "label": label,
                "cards": cards,
                "previous": _stage(stages[index - 1]) if index > 0 else None,
                "next": _stage(stages[index + 1]) if index + 1 < len(stages) else None,
            }
        )
    closed.sort(key=lambda opp: opp.stage_changed_on or dt.date.min, reverse=True)
    for opp in closed[:CLOSED_SHOWN]:
        _dates(opp, today)
    return {
        "columns": board_columns,
        "closed": closed[:CLOSED_SHOWN],
        "closed_count": len(closed),
        "active_count": sum(len(column["cards"]) for column in board_columns),
        "today": today,
        "stage_choices": stage_choices(),
        "status": status,
        "error": error,
    }


def _stage(value: str) -> dict:
    return {"value": value, "label": Stage(value).label}


def _dates(opp: Opportunity, today: dt.date) -> None:
    """Days in stage, and whether the offer deadline or decision date has come."""
    opp.days_in_stage = (today - opp.stage_changed_on).days if opp.stage_changed_on else None
    opp.deadline_near = bool(opp.offer_deadline and (opp.offer_deadline - today).days <= 3)
    opp.decision_due = bool(opp.decision_date and opp.decision_date <= today)
    opp.apply_by_near = bool(opp.apply_by and (opp.apply_by - today).days <= 3)


def _main_contact_name() -> Subquery:
    """The main contact's name, as ``pipeline.main_contact`` picks them, for sorting."""
    rank = Case(
        *(When(role=role, then=Value(i)) for i, role in enumerate(pipeline.CONTACT_ORDER)),
        default=Value(99),
    )
    first = (
        OpportunityPerson.objects.filter(opportunity=OuterRef("pk"))
        .annotate(rank=rank)
        .order_by("rank", "pk")
        .values("person__name")[:1]
    )
    return Subquery(first)


TABLE_COLUMNS = [
    Column("role", "Role", (Lower("role"),)),
    Column("organization", "Organization", (Lower("organization__name"),), then=(Lower("role"),)),
    Column(
        "stage",
        "Stage",
        (Case(*(When(stage=s, then=Value(i)) for i, s in enumerate(Stage)), default=Value(99)),),
        then=(Lower("role"),),
    ),
    Column("interest", "Interest", ("interest",), True, True, then=(Lower("role"),)),
    Column("where", "Where", (NullIf(Lower("location"), Value("")),), then=(Lower("role"),)),
    Column(
        "salary",
        "Salary",
        (Coalesce("salary_max", "salary_min"),),
        descending_first=True,
        numeric=True,
        then=(Lower("role"),),
    ),
    Column("applied", "Applied", ("applied_on",), True, then=(Lower("role"),)),
    Column("apply_by", "Apply by", ("apply_by",), then=(Lower("role"),)),
    Column("decision", "Decision", ("decision_date",), then=(Lower("role"),)),
    Column("deadline", "Offer deadline", ("offer_deadline",), then=(Lower("role"),)),
    Column("contact", "Contact", (Lower("contact_name"),), then=(Lower("role"),)),
]
"""The table's columns, each sortable from its header (tracker.sorting)."""


def opportunity_list(request: HttpRequest) -> HttpResponse:
    """Every opportunity in one table, like the spreadsheet it replaces; filter and sort."""
    stage = request.GET.get("stage", "")
    if stage not in Stage.values and stage not in ("", "active", "closed"):
        stage = ""
    rows = pipeline.opportunities(request.user).annotate(contact_name=_main_contact_name())
    if stage == "active":
        rows = rows.filter(stage__in=ACTIVE_STAGES)
    elif stage == "closed":
        rows = rows.exclude(stage__in=ACTIVE_STAGES)
    elif stage:
        rows = rows.filter(stage=stage)
    table = sort_table(rows, request.GET, TABLE_COLUMNS, default="-interest")
    today = today_for(request.user)
    rows = list(table.queryset)
    for opp in rows:
        _dates(opp, today)
        opp.contact = pipeline.main_contact(opp)
    return render(
        request,
        "tracker/opportunities/list.html",
        {
            "rows": rows,
            "stage": stage,
            "stages": Stage.choices,
            "today": today,
            "headers": table.headers,
            "sort": table.sort,
        },
    )


# Moving between stages -------------------------------------------------------


@require_http_methods(["GET", "POST"])
def opportunity_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move to a stage. A card's form posts here and comes back to the board.

    With htmx the answer is the board fragment. A move to *offer* without a
    deadline field first shows this page, to ask for the offer's deadline.
    """
    owner = request.user
    opp = get_owned(Opportunity, owner, pk, queryset=pipeline.opportunities(owner))
    if request.method == "GET":
        return _move_page(
            request, opp, MoveForm(initial={"stage": request.GET.get("stage", opp.stage)})
        )
    form = MoveForm(request.POST)
    if form.is_valid() and form.asks_for_deadline(opp):
        if request.htmx:
            return HttpResponseClientRedirect(_ask_deadline_url(request, opp))
        return _move_page(request, opp, MoveForm(initial={"stage": Stage.OFFER}))
    if form.is_valid():
        try:
            data = form.cleaned_data
            on = parse_date(data["on"], "on") or today_for(owner)
            deadline = parse_date(data["deadline"], "deadline")
            pipeline.move(owner, opp, data["stage"], on=on, deadline=deadline)
        except InputError as error:
            form.show(error)
    if form.errors:
        if request.htmx:
            reason = " ".join(e for errors in form.errors.values() for e in errors)
            return _board_fragment(request, error=reason)
        return _move_page(request, opp, form, status=400)
    done = f"Moved “{opp}” to {opp.get_stage_display()}."
    if request.htmx:
        return _board_fragment(request, status=done)
    messages.success(request, done)
    return redirect(next_url(request, f"{reverse('board')}#opp-{opp.pk}"))


def _board_fragment(request, status: str = "", error: str = "") -> HttpResponse:
    """The ``#board`` partial that htmx swaps in, saying what happened (400 if refused)."""
    context = board_context(request.user, status=status, error=error)
    template = "tracker/opportunities/board.html#board"
    return render(request, template, context, status=400 if error else 200)


def _move_page(request, opp: Opportunity, form: MoveForm, status: int = 200) -> HttpResponse:
    context = {"opp": opp, "form": form, "next": next_url(request, reverse("board"))}
    return render(request, "tracker/opportunities/move.html", context, status=status)


def _ask_deadline_url(request, opp: Opportunity) -> str:
    query = urlencode({"stage": Stage.OFFER, "next": next_url(request, reverse("board"))})
    return f"{reverse('opportunity-move', args=[opp.pk])}?{query}"


# An opportunity's page and forms --------------------------------------------


def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    owner = request.user
    opp = get_owned(Opportunity, owner, pk, queryset=pipeline.opportunities(owner))
    return _detail_page(request, opp)


def _detail_page(
    request, opp: Opportunity, involve_form: InvolveForm | None = None, status: int = 200
) -> HttpResponse:
    owner = request.user
    today = today_for(owner)
    _dates(opp, today)
    here = reverse("opportunity-detail", args=[opp.pk])
    context = {
        "opp": opp,
        "today": today,
        "people_groups": pipeline.people_by_role(opp),
        "stage_changes": opp.stage_changes.all(),
        "interactions": interactions(owner)
        .filter(opportunity=opp)
        .prefetch_related(rapport.prefetch_notes()),
        "tasks": open_tasks(owner).filter(opportunity=opp).order_by("due", "id"),
        "involve_form": involve_form or InvolveForm(),
        "move_form": MoveForm(initial={"stage": opp.stage, "on": today.isoformat()}),
        "log_url": f"{reverse('log')}?{urlencode({'opp': opp.pk, 'next': here})}",
        "log_params": f"&opp={opp.pk}",
        "people_names": _people_names(owner, opp.organization_id),
        "documents_sent": documents.sent_for(opp),
        "document_choices": Document.objects.filter(owner=owner).only("id", "name", "kind"),
        "document_kinds": DocumentKind.choices,
    }
    return render(request, "tracker/opportunities/detail.html", context, status=status)


def _people_names(owner, organization_id: int | None = None) -> list[tuple[str, str]]:
    """Names for a datalist: the organization's people first, then everyone by name."""
    people = Person.objects.filter(owner=owner).select_related("organization")
    if organization_id:
        first = Q(organization_id=organization_id)
        ranked = list(people.filter(first)[:NAME_SUGGESTIONS])
        ranked += list(people.exclude(first)[: NAME_SUGGESTIONS - len(ranked)])
    else:
        ranked = list(people[:NAME_SUGGESTIONS])
    return name_suggestions(owner, ranked)


def _organization_names(owner) -> list[str]:
    return list(
        Organization.objects.filter(owner=owner).values_list("name", flat=True)[:NAME_SUGGESTIONS]
    )


@require_http_methods(["GET", "POST"])
def opportunity_add(request: HttpRequest) -> HttpResponse:
    """Add an opportunity; ``?organization=``, ``?referred_by=``, ``?stage=`` pre-fill it."""
    owner = request.user
    prefill = {k: v for k, v in request.GET.items() if k in PREFILLS}
    form = OpportunityForm(request.POST or None, initial=prefill)
    if request.method == "POST" and form.is_valid():
        try:
            opp = pipeline.add_opportunity(owner, form.to_input(), today_for(owner))
        except InputError as error:
            form.show(error)
        else:
            messages.success(request, f"Added “{opp}” to your pipeline.")
            return redirect("opportunity-detail", pk=opp.pk)
    return _form_page(request, form, None)


@require_http_methods(["GET", "POST"])
def opportunity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = request.user
    opp = get_owned(Opportunity, owner, pk, queryset=pipeline.opportunities(owner))
    form = OpportunityForm(request.POST or None, instance=opp)
    if request.method == "POST" and form.is_valid():
        try:
            opp = pipeline.update_opportunity(owner, opp, form.to_input(), today_for(owner))
        except InputError as error:
            form.show(error)
        else:
            messages.success(request, f"Saved “{opp}”.")
            return redirect("opportunity-detail", pk=opp.pk)
    return _form_page(request, form, opp)


def _form_page(request, form: OpportunityForm, opp: Opportunity | None) -> HttpResponse:
    context = {
        "form": form,
        "opp": opp,
        "people_names": _people_names(request.user),
        "organization_names": _organization_names(request.user),
    }
    status = 400 if form.errors else 200
    return render(request, "tracker/opportunities/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def opportunity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask first; deleting keeps the interactions (unlinked) and drops the tasks."""
    owner = request.user
    opp = get_owned(
        Opportunity,
        owner,
        pk,
        queryset=Opportunity.objects.select_related("organization").annotate(
            interaction_count=Count("interactions", distinct=True),
            open_task_count=Count("tasks", filter=Q(tasks__status=TaskStatus.OPEN), distinct=True),
        ),
    )
    if request.method == "POST":
        name = str(opp)
        pipeline.delete_opportunity(owner, opp)
        messages.success(request, f"Deleted “{name}”.")
        return redirect("board")
    return render(request, "tracker/opportunities/confirm_delete.html", {"opp": opp})


@require_POST
def opportunity_involve(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a person to the opportunity in a role (hiring manager, interviewer, ...)."""
    owner = request.user
    opp = get_owned(Opportunity, owner, pk, queryset=pipeline.opportunities(owner))
    form = InvolveForm(request.POST)
    if form.is_valid():
        try:
            data = form.cleaned_data
            link = pipeline.involve(owner, opp, data["person"], data["role"])
        except InputError as error:
            form.show(error)
        else:
            messages.success(
                request, f"{link.person.name} is now {link.get_role_display().lower()} here."
            )
            return redirect(reverse("opportunity-detail", args=[opp.pk]) + "#people")
    return _detail_page(request, opp, involve_form=form, status=400)


@require_POST
def opportunity_uninvolve(request: HttpRequest, pk: int, link_id: int) -> HttpResponse:
    owner = request.user
    opp = get_owned(Opportunity, owner, pk)
    link = get_object_or_404(
        OpportunityPerson.objects.select_related("person"), opportunity=opp, pk=link_id
    )
    pipeline.uninvolve(owner, opp, link.pk)
    messages.success(
        request, f"{link.person.name} is no longer {link.get_role_display().lower()} here."
    )
    return redirect(reverse("opportunity-detail", args=[opp.pk]) + "#people")
