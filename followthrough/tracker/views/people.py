"""People: the list (search and filters), the person page, add, edit, delete."""

from __future__ import annotations

import calendar

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, OuterRef, Prefetch, Subquery, Value, When
from django.db.models.functions import Lower
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join

from followthrough.engine.facts import owned_by

from ..access import get_owned
from ..forms import PeopleFilterForm, PersonForm
from ..models import (
    Interaction,
    Kind,
    OpportunityPerson,
    Organization,
    Person,
    Situation,
    Task,
    TaskStatus,
)
from ..services import etiquette, rapport
from ..services import people as people_service
from ..services import tasks as task_service
from ..services.errors import InputError
from ..services.owners import today_for
from ..sorting import Column, sort_table

PER_PAGE = 50
TIMELINE_LIMIT = 100


def _last_contacted() -> Subquery:
    """The day of the latest interaction with the person (notes are not contact)."""
    latest = (
        Interaction.people.through.objects.filter(person_id=OuterRef("pk"))
        .exclude(interaction__kind=Kind.NOTE)
        .order_by("-interaction__occurred_on")
        .values("interaction__occurred_on")[:1]
    )
    return Subquery(latest)


def _first_tag() -> Subquery:
    first = (
        Person.tags.through.objects.filter(person_id=OuterRef("pk"))
        .order_by(Lower("tag__name"))
        .values("tag__name")[:1]
    )
    return Subquery(first)


_BY_LABEL = sorted(Situation.choices, key=lambda choice: choice[1].lower())

LIST_COLUMNS = [
    Column("name", "Name", (Lower("name"),)),
    Column("organization", "Organization", (Lower("organization__name"),), then=(Lower("name"),)),
    Column(
        "situation",
        "Situation",
        (Case(*(When(situation=v, then=Value(i)) for i, (v, _) in enumerate(_BY_LABEL))),),
        then=(Lower("name"),),
    ),
    Column("last_contacted", "Last contacted", ("last_contacted",), True, then=(Lower("name"),)),
    Column("tags", "Tags", (Lower("first_tag"),), then=(Lower("name"),)),
]
"""The People table's columns, each sortable from its header (tracker.sorting)."""


def person_list(request):
    owner = request.user
    filters = PeopleFilterForm(request.GET, owner=owner)
    people = people_service.people(owner, **filters.filters()).annotate(
        last_contacted=_last_contacted(), first_tag=_first_tag()
    )
    table = sort_table(people, request.GET, LIST_COLUMNS, default="name")
    paginator = Paginator(table.queryset, PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "query": table.query,
        "headers": table.headers,
        "sort": table.sort,
        "has_anyone": page.paginator.count > 0 or Person.objects.filter(owner=owner).exists(),
    }
    template = "tracker/people/list.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def person_detail(request, pk: int):
    owner = request.user
    person = get_owned(
        Person,
        owner,
        pk,
        queryset=Person.objects.select_related("organization", "introduced_by").prefetch_related(
            "tags"
        ),
    )
    on = today_for(owner)
    # owned_by: the person's own indexes drive these queries, not the owner's
    # (a busy network has hundreds of thousands of interactions).
    timeline = list(
        Interaction.objects.filter(owned_by(owner), people=person)
        .select_related("opportunity__organization")
        .prefetch_related(
            Prefetch("people", Person.objects.only("id", "name")), rapport.prefetch_notes()
        )[
            : TIMELINE_LIMIT + 1
        ]
    )
    balance = etiquette.person_asks_and_gives(owner, person)
    involvements = OpportunityPerson.objects.filter(
        person=person, opportunity__owner=owner
    ).select_related("opportunity__organization")
    tasks = Task.objects.filter(
        owned_by(owner), person=person, status=TaskStatus.OPEN
    ).select_related("person", "opportunity__organization")
    return render(
        request,
        "tracker/people/detail.html",
        {
            "person": person,
            "birthday": birthday_text(person),
            "timeline": timeline[:TIMELINE_LIMIT],
            "timeline_cut": len(timeline) > TIMELINE_LIMIT,
            "balance": balance,
            "involvements": involvements,
            "tasks": [task_service.item_for(task, on) for task in tasks],
            "introduced": person.introduced.filter(owned_by(owner)),
            "tomorrow": on.fromordinal(on.toordinal() + 1),
            "here": reverse("person-detail", args=[person.pk]),
            "log_params": f"&person={person.pk}",  # "+ Log" here is about this person
        },
    )


def birthday_text(person: Person) -> str:
    """ "4 March", or "4 March 1980" when the year is known."""
    if not (person.birthday_month and person.birthday_day):
        return ""
    text = f"{person.birthday_day} {calendar.month_name[person.birthday_month]}"
    return f"{text} {person.birthday_year}" if person.birthday_year else text


def person_add(request):
    owner = request.user
    initial = {}
    if request.method == "GET" and request.GET.get("organization"):
        # "Add a person" from an organization's page: that organization, filled in.
        org = get_owned(Organization, owner, request.GET["organization"])
        initial["organization"] = org.name
    form = PersonForm(request.POST or None, owner=owner, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            person = people_service.add_person(owner, form.to_input())
        except InputError as error:
            form.show(error)
        else:
            messages.success(request, f"Added {person.name}.")
            _warn_namesakes(request, person)
            return redirect("person-detail", person.pk)
    return render(request, "tracker/people/form.html", {"form": form, "person": None})


def _warn_namesakes(request, person: Person) -> None:
    """Saved, but someone with that name or email was there already: say so, with links."""
    others = people_service.namesakes(request.user, person)
    if not others:
        return
    links = format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((reverse("person-detail", args=[o.pk]), people_service.reference(o)) for o in others),
    )
    try:
        merge = format_html(
            ' If they are the same person, <a href="{}">merge the duplicates</a>.',
            reverse("people-duplicates"),
        )
    except NoReverseMatch:
        merge = ""
    messages.warning(
        request,
        format_html(
            "You already had someone with this name or email: {}.{}",
            links,
            merge,
        ),
    )


def person_edit(request, pk: int):
    owner = request.user
    person = get_owned(Person, owner, pk)
    form = PersonForm(request.POST or None, owner=owner, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            people_service.update_person(owner, person, form.to_input())
        except InputError as error:
            form.show(error)
        else:
            messages.success(request, f"Saved {person.name}.")
            return redirect("person-detail", person.pk)
    return render(request, "tracker/people/form.html", {"form": form, "person": person})


def person_delete(request, pk: int):
    owner = request.user
    person = get_owned(Person, owner, pk)
    if request.method == "POST":
        name = person.name
        people_service.delete_person(owner, person)
        messages.success(request, f"Deleted {name}.")
        return redirect("people")
    counts = {
        "interactions": person.interactions.count(),
        "tasks": person.tasks.filter(status=TaskStatus.OPEN).count(),
    }
    return render(request, "tracker/people/delete.html", {"person": person, "counts": counts})
