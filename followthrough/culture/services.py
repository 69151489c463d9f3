"""Culture fit for an owner: read and write profiles and ratings, compute the fit.

Pages and the command line call these; every query is scoped to its owner, and
an ``InputError`` (one sentence naming the field and the fix) leaves nothing saved.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import transaction

from followthrough.tracker.dates import day as day_text
from followthrough.tracker.models import (
    INTERVIEW_KINDS,
    Interaction,
    Opportunity,
    Organization,
    Stage,
)
from followthrough.tracker.services.errors import InputError, NotFound
from followthrough.tracker.services.ids import as_id, ascii_digits
from followthrough.tracker.services.opportunities import opportunities
from followthrough.tracker.services.parsing import parse_date

from . import scoring
from .framework import (
    DIMENSIONS,
    DIMENSIONS_BY_KEY,
    POINTS_PER_DIMENSION,
    TYPES,
    TYPES_BY_KEY,
    Dimension,
)
from .models import DEFAULT_THRESHOLD, CultureSettings, PreferredProfile, Rating

EVIDENCE_MAX = 2000
SOURCE_MAX = 200
QUESTION_DIMENSIONS = 3
"""How many least-known dimensions get questions."""

ASKING_STAGES = frozenset({Stage.SCREENING, Stage.INTERVIEWING})


# Validation ---------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """What is wrong with one cell or one dimension of a profile."""

    field: str
    message: str
    dimension: str


def cell_name(dimension: str, culture_type: str) -> str:
    """The form field (and error field) of one cell, e.g. ``leadership-clan``."""
    return f"{dimension}-{culture_type}"


def check_points(raw: Mapping[str, Mapping[str, object]]) -> tuple[dict, list[Problem]]:
    """Clean ``{dimension: {type: number or text}}`` into a profile, and list what is wrong.

    A dimension left blank is skipped (the profile is then a draft); a dimension
    with any number must have whole numbers from 0 to 100 adding up to 100
    (blanks beside them count as 0).
    """
    points: dict[str, dict[str, int]] = {}
    problems: list[Problem] = []
    for dimension in DIMENSIONS:
        cells = raw.get(dimension.key) or {}
        values: dict[str, int | None] = {}
        for culture_type in TYPES:
            value = _whole_number(cells.get(culture_type.key))
            if value is False:
                problems.append(
                    Problem(
                        cell_name(dimension.key, culture_type.key),
                        f"{dimension.label}, {culture_type.label.lower()}: "
                        "write a whole number from 0 to 100.",
                        dimension.key,
                    )
                )
            values[culture_type.key] = value if value is not False else None
        if any(p.dimension == dimension.key for p in problems):
            continue
        if all(v is None for v in values.values()):
            continue
        total = sum(v or 0 for v in values.values())
        if total != POINTS_PER_DIMENSION:
            problems.append(
                Problem(
                    dimension.key,
                    f"{dimension.label} adds up to {total}; "
                    f"make its four numbers add up to {POINTS_PER_DIMENSION}.",
                    dimension.key,
                )
            )
            continue
        points[dimension.key] = {k: v or 0 for k, v in values.items()}
    return points, problems


def _whole_number(value: object) -> int | bool | None:
    """The number, ``None`` for a blank, ``False`` for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        if not ascii_digits(text):
            return False
        number = int(text)
    return number if 0 <= number <= POINTS_PER_DIMENSION else False


def clean_points(raw: Mapping[str, Mapping[str, object]]) -> dict:
    """The cleaned profile, or an ``InputError`` about its first problem."""
    points, problems = check_points(raw)
    if problems:
        raise InputError(problems[0].message, problems[0].field)
    return points


def check_stored_points(value: object, field: str = "points") -> dict:
    """A profile as it is stored (a backup's): ``{dimension: {type: whole number}}``.

    The same rules as the forms (``check_points``), and no key the forms could not make.
    """
    shape = "an object of dimensions, each an object of culture types and points"
    if not isinstance(value, dict) or any(not isinstance(c, dict) for c in value.values()):
        raise InputError(f"{field}: must be {shape}.", field)
    for key, cells in value.items():
        if key not in DIMENSIONS_BY_KEY:
            known = ", ".join(DIMENSIONS_BY_KEY)
            raise InputError(f"{field}: {key!r} is not a dimension (they are {known}).", field)
        for kind, number in cells.items():
            if kind not in TYPES_BY_KEY:
                known = ", ".join(TYPES_BY_KEY)
                raise InputError(
                    f"{field}: {key}.{kind} is not a culture type (they are {known}).", field
                )
            if type(number) is not int:
                raise InputError(
                    f"{field}: {key}.{kind} is {number!r}, not a whole number of points.", field
                )
    _, problems = check_points(value)
    if problems:
        raise InputError(f"{field}: {problems[0].message}", field)
    return value


def check_stored_evidence(value: object, field: str = "evidence") -> dict:
    """Evidence as it is stored: ``{dimension: text}``, as ``clean_evidence`` keeps it."""
    if not isinstance(value, dict) or any(type(v) is not str for v in value.values()):
        raise InputError(f"{field}: must be an object of dimensions and text.", field)
    clean_evidence(value)
    return value


def check_threshold(number: int, field: str = "threshold") -> int:
    """From how many points a difference is highlighted: 1 to ``POINTS_PER_DIMENSION``."""
    if type(number) is not int or not 1 <= number <= POINTS_PER_DIMENSION:
        raise InputError(
            f"{field}: write a whole number of points from 1 to {POINTS_PER_DIMENSION}.", field
        )
    return number


def clean_evidence(raw: Mapping[str, object] | None) -> dict[str, str]:
    evidence = {}
    for key, value in (raw or {}).items():
        dimension = DIMENSIONS_BY_KEY.get(key)
        if dimension is None:
            raise InputError(f"evidence: {key!r} is not one of the six dimensions.", "evidence")
        text = str(value or "").strip()
        if len(text) > EVIDENCE_MAX:
            raise InputError(
                f"{dimension.label} evidence: keep it under {EVIDENCE_MAX:,} characters.",
                f"{key}-evidence",
            )
        if text:
            evidence[key] = text
    return evidence


# The threshold ------------------------------------------------------------------


def threshold_for(owner) -> int:
    """From how many points a difference is highlighted (10 unless the owner changed it)."""
    value = CultureSettings.objects.filter(owner=owner).values_list("threshold", flat=True).first()
    return value or DEFAULT_THRESHOLD


def set_threshold(owner, value: object, field: str = "threshold") -> CultureSettings:
    number = check_threshold(_whole_number(value) or 0, field)
    settings, _ = CultureSettings.objects.update_or_create(
        owner=owner, defaults={"threshold": number}
    )
    return settings


# The preferred profile ------------------------------------------------------------


def preferred_profile(owner) -> PreferredProfile | None:
    return PreferredProfile.objects.filter(owner=owner).first()


@transaction.atomic
def save_preferred(owner, raw: Mapping[str, Mapping[str, object]]) -> PreferredProfile:
    """Save the culture the seeker prefers; dimensions left blank make it a draft."""
    points = clean_points(raw)
    if not points:
        raise InputError(
            "Fill in at least one dimension: split 100 points among its four statements.",
            "points",
        )
    profile, _ = PreferredProfile.objects.update_or_create(owner=owner, defaults={"points": points})
    return profile


# Ratings --------------------------------------------------------------------------


@dataclass
class RatingInput:
    """A perceived profile as typed: ``points`` like ``check_points`` takes, notes by dimension."""

    points: Mapping[str, Mapping[str, object]] = field(default_factory=dict)
    evidence: Mapping[str, object] = field(default_factory=dict)
    rated_on: str | dt.date | None = None
    source: str = ""
    interaction: int | str | Interaction | None = None


def ratings(owner, organization: Organization | None = None):
    qs = Rating.objects.filter(owner=owner).select_related("organization", "interaction")
    if organization is not None:
        qs = qs.filter(organization=organization)
    return qs


@transaction.atomic
def add_rating(owner, organization: Organization, data: RatingInput, today: dt.date) -> Rating:
    """Record how ``organization``'s culture looked; a rating short of six dimensions is a draft."""
    if organization.owner_id != owner.pk:
        raise NotFound("organization: no such organization.", "organization")
    rating = Rating(owner=owner, organization=organization)
    return _apply(owner, rating, data, today)


@transaction.atomic
def update_rating(owner, rating: Rating, data: RatingInput, today: dt.date) -> Rating:
    if rating.owner_id != owner.pk:
        raise NotFound("rating: no such rating.", "rating")
    return _apply(owner, rating, data, today)


def delete_rating(owner, rating: Rating) -> None:
    if rating.owner_id != owner.pk:
        raise NotFound("rating: no such rating.", "rating")
    rating.delete()


def _apply(owner, rating: Rating, data: RatingInput, today: dt.date) -> Rating:
    points = clean_points(data.points)
    evidence = clean_evidence(data.evidence)
    if not points and not evidence:
        raise InputError(
            "Fill in at least one dimension's points, or a note of what you saw or heard.",
            "points",
        )
    rated_on = parse_date(data.rated_on, "rated_on") or today
    if rated_on > today:
        raise InputError(
            "rated_on: that day is still to come; give the day you saw or heard it.", "rated_on"
        )
    source = (data.source or "").strip()
    if len(source) > SOURCE_MAX:
        raise InputError(f"source: keep it under {SOURCE_MAX} characters.", "source")
    interaction = _interaction(owner, data.interaction)
    if interaction is not None and not source:
        day = interaction.occurred_on
        source = f"{interaction.get_kind_display()} on {day_text(day)}"
    rating.points, rating.evidence = points, evidence
    rating.rated_on, rating.source, rating.interaction = rated_on, source, interaction
    rating.save()
    return rating


def _interaction(owner, ref) -> Interaction | None:
    if ref is None or ref == "":
        return None
    if isinstance(ref, Interaction):
        if ref.owner_id == owner.pk:
            return ref
        ref = ref.pk
    text = str(ref).strip()
    found = (
        Interaction.objects.filter(owner=owner, pk=as_id(text)).first() if as_id(text) else None
    )
    if found is None:
        raise NotFound(f"interaction: no interaction with id {text!r}.", "interaction")
    return found


def interactions_about(owner, organization: Organization, limit: int = 30) -> list[Interaction]:
    """Recent interactions about ``organization`` (its opportunities or its people)."""
    from django.db.models import Q

    return list(
        Interaction.objects.filter(owner=owner)
        .filter(Q(opportunity__organization=organization) | Q(people__organization=organization))
        .distinct()
        .order_by("-occurred_on", "-id")[:limit]
    )


# The fit ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """The questions for one dimension the seeker knows little about, and why."""

    dimension: Dimension
    knowledge: scoring.Knowledge


@dataclass
class OrganizationCulture:
    """Everything the organization's culture pages and ``culture show`` display."""

    organization: Organization
    preferred: PreferredProfile | None
    ratings: list[Rating]
    threshold: int
    fit: scoring.Fit | None
    sentence: str
    questions: list[Question]

    @property
    def complete_ratings(self) -> int:
        return sum(1 for r in self.ratings if r.is_complete)

    @property
    def draft_ratings(self) -> int:
        return len(self.ratings) - self.complete_ratings


def fit_of(
    preferred: Mapping | None, rated: list[Mapping], threshold: int, name: str
) -> tuple[scoring.Fit | None, str]:
    fit = scoring.compare(preferred or {}, rated, threshold)
    return fit, (scoring.sentence(fit, name) if fit else "")


def questions(rated: list[tuple[Mapping, Mapping]], limit: int = QUESTION_DIMENSIONS):
    return [Question(DIMENSIONS_BY_KEY[k.dimension], k) for k in scoring.least_known(rated, limit)]


def organization_culture(owner, organization: Organization) -> OrganizationCulture:
    """The preferred profile, ``organization``'s ratings, their fit and what to ask."""
    preferred = preferred_profile(owner)
    rows = list(ratings(owner, organization))
    threshold = threshold_for(owner)
    fit, sentence = fit_of(
        preferred.points if preferred else None,
        [r.points for r in rows],
        threshold,
        organization.name,
    )
    return OrganizationCulture(
        organization=organization,
        preferred=preferred,
        ratings=rows,
        threshold=threshold,
        fit=fit,
        sentence=sentence,
        questions=questions([(r.points, r.evidence) for r in rows]),
    )


@dataclass(frozen=True)
class OpportunityFit:
    opportunity: Opportunity
    fit: scoring.Fit | None
    sentence: str
    ratings: int


def opportunities_by_fit(owner, *, active_only: bool = True) -> list[OpportunityFit]:
    """The owner's opportunities, best culture fit first; those without a fit come last.

    A fixed number of queries, however many opportunities and ratings there are.
    """
    opps = list(opportunities(owner, active_only=active_only))
    preferred = preferred_profile(owner)
    threshold = threshold_for(owner)
    rated: dict[int, list] = defaultdict(list)
    for organization_id, points in Rating.objects.filter(
        owner=owner, organization_id__in={o.organization_id for o in opps}
    ).values_list("organization_id", "points"):
        rated[organization_id].append(points)
    fits: dict[int, tuple[scoring.Fit | None, str]] = {}
    rows = []
    for opp in opps:
        if opp.organization_id not in fits:
            fits[opp.organization_id] = fit_of(
                preferred.points if preferred else None,
                rated[opp.organization_id],
                threshold,
                opp.organization.name,
            )
        fit, sentence = fits[opp.organization_id]
        rows.append(OpportunityFit(opp, fit, sentence, len(rated[opp.organization_id])))
    rows.sort(
        key=lambda row: (
            row.fit is None,
            -(row.fit.score if row.fit else 0),
            -row.opportunity.interest,
            row.opportunity.role.lower(),
        )
    )
    return rows


# Questions before an interview ----------------------------------------------------------


@dataclass(frozen=True)
class InterviewPrep:
    opportunity: Opportunity
    next_interview: dt.date | None
    questions: list[Question]


def interview_prep(owner, opp: Opportunity, today: dt.date) -> InterviewPrep | None:
    """Questions to ask, when ``opp`` is in screening or interviewing or has an interview ahead."""
    upcoming = (
        Interaction.objects.filter(
            owner=owner, opportunity=opp, kind__in=INTERVIEW_KINDS, occurred_on__gte=today
        )
        .order_by("occurred_on")
        .values_list("occurred_on", flat=True)
        .first()
    )
    if upcoming is None and opp.stage not in ASKING_STAGES:
        return None
    rows = Rating.objects.filter(owner=owner, organization_id=opp.organization_id)
    rated = [(points, evidence) for points, evidence in rows.values_list("points", "evidence")]
    return InterviewPrep(opp, upcoming, questions(rated))


# JSON for scripts ----------------------------------------------------------------------


def rounded(scores: Mapping[str, float]) -> dict[str, int]:
    return {k: scoring.whole(v) for k, v in scores.items()}


def fit_json(fit: scoring.Fit | None) -> dict | None:
    if fit is None:
        return None
    return {
        "score": scoring.whole(fit.score),
        "threshold": fit.threshold,
        "ratings_used": fit.ratings_used,
        "preferred": rounded(fit.preferred_scores),
        "perceived": rounded(fit.perceived_scores),
        "type_gaps": rounded(fit.type_gaps),
        "dimension_gaps": {d: rounded(g) for d, g in fit.dimension_gaps.items()},
        "highlights": [
            {"dimension": g.dimension, "type": g.type, "gap": scoring.whole(g.gap)}
            for g in fit.type_highlights + fit.dimension_highlights
        ],
    }


def question_json(question: Question) -> dict:
    return {
        "dimension": question.dimension.key,
        "label": question.dimension.label,
        "known": question.knowledge.summary,
        "questions": list(question.dimension.questions),
        "listen_for": dict(question.dimension.listen_for),
    }


def rating_json(rating: Rating) -> dict:
    return {
        "id": rating.pk,
        "organization_id": rating.organization_id,
        "rated_on": rating.rated_on,
        "source": rating.source,
        "interaction_id": rating.interaction_id,
        "draft": not rating.is_complete,
        "points": rating.points,
        "evidence": rating.evidence,
    }


@dataclass(frozen=True)
class RatedOrganization:
    organization: Organization
    ratings: int
    fit: scoring.Fit | None
    sentence: str


def rated_organizations(owner) -> list[RatedOrganization]:
    """The organizations the owner has rated, best fit first (one query for the ratings)."""
    preferred = preferred_profile(owner)
    threshold = threshold_for(owner)
    rated: dict[int, list] = defaultdict(list)
    names: dict[int, Organization] = {}
    for rating in Rating.objects.filter(owner=owner).select_related("organization"):
        rated[rating.organization_id].append(rating.points)
        names[rating.organization_id] = rating.organization
    rows = []
    for organization_id, points in rated.items():
        org = names[organization_id]
        fit, sentence = fit_of(preferred.points if preferred else None, points, threshold, org.name)
        rows.append(RatedOrganization(org, len(points), fit, sentence))
    rows.sort(key=lambda r: (r.fit is None, -(r.fit.score if r.fit else 0), r.organization.name))
    return rows
