"""The culture pages: your preferred culture, an organization's culture and fit,
ratings, the threshold, and opportunities by fit.

Every view that takes an id fetches through ``get_owned`` (outsiders get 404).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from followthrough.tracker.access import get_owned
from followthrough.tracker.models import Interaction, Organization
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.ids import as_id
from followthrough.tracker.services.owners import today_for
from followthrough.tracker.views import next_url

from . import display, services
from .forms import ProfileForm, RatingForm, ThresholdForm
from .framework import DIMENSIONS, TYPES
from .models import Rating


def culture_home(request: HttpRequest) -> HttpResponse:
    """Your preferred culture, the threshold, and the organizations you have rated."""
    threshold = services.threshold_for(request.user)
    context = _home_context(request.user, ThresholdForm(initial={"threshold": threshold}))
    return render(request, "culture/home.html", context)


@require_POST
def threshold(request: HttpRequest) -> HttpResponse:
    form = ThresholdForm(request.POST)
    if form.is_valid():
        try:
            saved = services.set_threshold(request.user, form.cleaned_data["threshold"])
        except InputError as error:
            form.show(error)
        else:
            messages.success(
                request, f"Differences of {saved.threshold} points or more are now highlighted."
            )
            return redirect(next_url(request, reverse("culture")))
    return render(request, "culture/home.html", _home_context(request.user, form), status=400)


@require_http_methods(["GET", "POST"])
def preferred_edit(request: HttpRequest) -> HttpResponse:
    """Fill in (or revise) the culture you prefer; blank dimensions keep it a draft."""
    owner = request.user
    profile = services.preferred_profile(owner)
    form = ProfileForm(request.POST or None, points=profile.points if profile else None)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.save_preferred(owner, form.raw_points())
        except InputError as error:
            form.show(error)
        else:
            if profile.is_complete:
                messages.success(request, "Saved the culture you prefer.")
            else:
                messages.warning(
                    request,
                    f"Saved as a draft: {profile.filled_count} of 6 dimensions filled in."
                    " Fill in all six to see how organizations fit.",
                )
            return redirect(next_url(request, reverse("culture")))
    return render(
        request,
        "culture/profile_form.html",
        {"form": form, "profile": profile, "types": TYPES, "next": next_url(request, "")},
        status=400 if form.errors else 200,
    )


def organization_culture(request: HttpRequest, pk: int) -> HttpResponse:
    owner = request.user
    org = get_owned(Organization, owner, pk)
    culture = services.organization_culture(owner, org)
    return render(
        request,
        "culture/organization.html",
        {
            "org": org,
            "culture": culture,
            "fit_view": display.fit_view(culture.fit, culture.sentence) if culture.fit else None,
            "ratings": [(r, display.profile_view(r.points, "perceived")) for r in culture.ratings],
            "types": TYPES,
        },
    )


@require_http_methods(["GET", "POST"])
def rating_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record how an organization's culture looked; ``?interaction=ID`` links it."""
    owner = request.user
    org = get_owned(Organization, owner, pk)
    today = today_for(owner)
    linked = request.GET.get("interaction", "")
    form = RatingForm(
        request.POST or None,
        interactions=_interaction_choices(owner, org, linked),
        initial={"rated_on": today.isoformat(), "interaction": linked},
    )
    if request.method == "POST" and form.is_valid():
        try:
            rating = services.add_rating(owner, org, form.to_input(), today)
        except InputError as error:
            form.show(error)
        else:
            _say_saved(request, rating)
            return redirect("culture-organization", pk=org.pk)
    return _rating_page(request, form, org, None)


@require_http_methods(["GET", "POST"])
def rating_edit(request: HttpRequest, pk: int) -> HttpResponse:
    owner = request.user
    rating = get_owned(Rating, owner, pk, queryset=services.ratings(owner))
    org = rating.organization
    form = RatingForm(
        request.POST or None,
        points=rating.points,
        notes=rating.evidence,
        interactions=_interaction_choices(owner, org, rating.interaction_id),
        initial={
            "rated_on": rating.rated_on.isoformat(),
            "source": rating.source,
            "interaction": str(rating.interaction_id or ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_rating(owner, rating, form.to_input(), today_for(owner))
        except InputError as error:
            form.show(error)
        else:
            _say_saved(request, rating)
            return redirect("culture-organization", pk=org.pk)
    return _rating_page(request, form, org, rating)


@require_http_methods(["GET", "POST"])
def rating_delete(request: HttpRequest, pk: int) -> HttpResponse:
    owner = request.user
    rating = get_owned(Rating, owner, pk, queryset=services.ratings(owner))
    if request.method == "POST":
        services.delete_rating(owner, rating)
        messages.success(request, f"Deleted the rating of {rating.organization.name}.")
        return redirect("culture-organization", pk=rating.organization_id)
    return render(request, "culture/rating_delete.html", {"rating": rating})


def fit_list(request: HttpRequest) -> HttpResponse:
    """Opportunities sorted by culture fit, best first; ``?all=1`` includes closed ones."""
    owner = request.user
    show_all = request.GET.get("all") == "1"
    rows = services.opportunities_by_fit(owner, active_only=not show_all)
    profile = services.preferred_profile(owner)
    return render(
        request,
        "culture/fit.html",
        {
            "rows": [
                (row, display.fit_view(row.fit, row.sentence) if row.fit else None) for row in rows
            ],
            "show_all": show_all,
            "profile": profile,
            "threshold": services.threshold_for(owner),
        },
    )


# Helpers -------------------------------------------------------------------------------


def _rating_page(request, form: RatingForm, org: Organization, rating: Rating | None):
    return render(
        request,
        "culture/profile_form.html",
        {"form": form, "org": org, "rating": rating, "types": TYPES},
        status=400 if form.errors else 200,
    )


def _interaction_choices(owner, org: Organization, linked) -> list[Interaction]:
    choices = services.interactions_about(owner, org)
    text = str(linked or "").strip()
    if as_id(text) and all(i.pk != as_id(text) for i in choices):
        extra = Interaction.objects.filter(owner=owner, pk=as_id(text)).first()
        if extra is not None:
            choices.insert(0, extra)
    return choices


def _say_saved(request, rating: Rating) -> None:
    name = rating.organization.name
    if rating.is_complete:
        messages.success(request, f"Saved your rating of {name}'s culture.")
    else:
        messages.warning(
            request,
            f"Saved as a draft: {rating.filled_count} of 6 dimensions filled in."
            " A draft is kept but left out of the fit until all six are there.",
        )


def _home_context(owner, threshold_form: ThresholdForm) -> dict:
    profile = services.preferred_profile(owner)
    return {
        "profile": profile,
        "view": display.profile_view(profile.points) if profile else None,
        "threshold_form": threshold_form,
        "rated": services.rated_organizations(owner),
        "types": TYPES,
        "dimensions": DIMENSIONS,
    }
