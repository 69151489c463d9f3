"""Logging an interaction: a page, and the same form in the header's "+ Log" dialog."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse

from followthrough.tracker.dates import day

from ..forms import LogForm
from ..services.errors import InputError
from ..services.interactions import log_interaction
from ..services.owners import today_for
from . import go, next_url


def log(request):
    owner = request.user
    today = today_for(owner)
    if request.method == "POST":
        form = LogForm(request.POST, owner=owner, today=today)
        if form.is_valid():
            try:
                result = log_interaction(owner, form.to_input(), today)
            except InputError as error:
                form.show(error)
            else:
                _report(request, result)
                return go(request, _back(request, result.interaction))
    else:
        form = LogForm.prefilled(owner, today, request.GET)
    template = "tracker/log.html"
    if request.htmx and not request.htmx.boosted:
        template += "#log-form"
    return render(request, template, {"form": form})


def _report(request, result) -> None:
    interaction = result.interaction
    names = ", ".join(person.name for person in interaction.people.all())
    messages.success(
        request,
        f"Logged: {interaction.get_kind_display().lower()} with {names}"
        f" on {day(interaction.occurred_on)}." + (f" {result.moved}" if result.moved else ""),
    )
    for warning in result.warnings:
        messages.warning(request, warning)


def _back(request, interaction) -> str:
    people = list(interaction.people.all())
    fallback = reverse("person-detail", args=[people[0].pk]) if len(people) == 1 else "/"
    return next_url(request, fallback)
