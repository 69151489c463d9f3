"""Organizations: the list with counts, the organization page, add, edit, delete."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Value
from django.db.models.functions import Lower, NullIf
from django.shortcuts import redirect, render

from ..access import get_owned
from ..forms import OrganizationForm
from ..models import Organization
from ..services import opportunities as opportunity_service
from ..services import people as people_service
from ..services.errors import InputError
from ..sorting import Column, sort_table

PER_PAGE = 50


LIST_COLUMNS = [
    Column("name", "Name", (Lower("name"),)),
    Column("people", "People", ("people_count",), True, True, then=(Lower("name"),)),
    Column(
        "opportunities",
        "Opportunities",
        ("opportunity_count",),
        descending_first=True,
        numeric=True,
        then=(Lower("name"),),
    ),
    Column("website", "Website", (NullIf(Lower("website"), Value("")),), then=(Lower("name"),)),
]
"""The Organizations table's columns, each sortable from its header (tracker.sorting)."""


def organization_list(request):
    query = request.GET.get("q", "").strip()
    orgs = people_service.organizations(request.user, query=query)
    table = sort_table(orgs, request.GET, LIST_COLUMNS, default="name")
    paginator = Paginator(table.queryset, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "tracker/organizations/list.html",
        {
            "page": page,
            "q": query,
            "query": table.query,
            "headers": table.headers,
            "sort": table.sort,
        },
    )


def organization_detail(request, pk: int):
    owner = request.user
    org = get_owned(Organization, owner, pk)
    return render(
        request,
        "tracker/organizations/detail.html",
        {
            "org": org,
            "people": people_service.people(owner, organization_id=org.pk),
            "opportunities": opportunity_service.opportunities(owner).filter(organization=org),
        },
    )


def organization_add(request):
    owner = request.user
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            org = people_service.add_organization(owner, form.to_input())
        except InputError as error:
            form.show(error)
        else:
            messages.success(request, f"Added {org.name}.")
            return redirect("organization-detail", org.pk)
    return render(request, "tracker/organizations/form.html", {"form": form, "org": None})


def organization_edit(request, pk: int):
    owner = request.user
    org = get_owned(Organization, owner, pk)
    form = OrganizationForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        try:
            people_service.update_organization(owner, org, form.to_input())
        except InputError as error:
            form.show(error)
        else:
            messages.success(request, f"Saved {org.name}.")
            return redirect("organization-detail", org.pk)
    return render(request, "tracker/organizations/form.html", {"form": form, "org": org})


def organization_delete(request, pk: int):
    owner = request.user
    org = get_owned(Organization, owner, pk)
    error = ""
    if request.method == "POST":
        name = org.name
        try:
            people_service.delete_organization(owner, org)
        except InputError as exc:
            error = str(exc)
        else:
            messages.success(request, f"Deleted {name}.")
            return redirect("organizations")
    counts = {"people": org.people.count(), "opportunities": org.opportunities.count()}
    return render(
        request,
        "tracker/organizations/delete.html",
        {"org": org, "counts": counts, "error": error},
        status=400 if error else 200,
    )
