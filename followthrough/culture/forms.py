"""The culture forms: 24 cells (six dimensions by four statements), notes, the threshold.

Each cell is text here; ``services.check_points`` does the checking, once, for the
pages and the command line alike. The form lists every problem at once: a cell
that is not a number, a dimension that does not add up to 100 (and to what it does).
"""

from __future__ import annotations

from collections.abc import Mapping

from django import forms

from followthrough.tracker.dates import day
from followthrough.tracker.forms.base import ServiceForm, date_input
from followthrough.tracker.services.ids import ascii_digits

from . import services
from .framework import DIMENSIONS, POINTS_PER_DIMENSION, TYPES


def _number_input(label: str) -> forms.NumberInput:
    return forms.NumberInput(
        attrs={
            "min": 0,
            "max": POINTS_PER_DIMENSION,
            "step": 1,
            "inputmode": "numeric",
            "class": "points",
            "data-points": "",
            "aria-label": label,
        }
    )


class ProfileForm(ServiceForm):
    """The 24 cells of a profile, with an evidence note per dimension if ``evidence``."""

    evidence = False

    def __init__(
        self,
        data=None,
        *,
        points: Mapping | None = None,
        notes: Mapping | None = None,
        **kwargs,
    ) -> None:
        super().__init__(data, **kwargs)
        self.problems: list[services.Problem] = []
        points, notes = points or {}, notes or {}
        for dimension in DIMENSIONS:
            for culture_type in TYPES:
                name = services.cell_name(dimension.key, culture_type.key)
                self.fields[name] = forms.CharField(
                    required=False,
                    label=dimension.statements[culture_type.key],
                    initial=(points.get(dimension.key) or {}).get(culture_type.key),
                    widget=_number_input(f"{dimension.label}: {culture_type.label} points"),
                )
            if self.evidence:
                self.fields[f"{dimension.key}-evidence"] = forms.CharField(
                    required=False,
                    label="What you saw or heard",
                    initial=notes.get(dimension.key, ""),
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def raw_points(self) -> dict[str, dict[str, str]]:
        data = self.cleaned_data
        return {
            d.key: {t.key: data.get(services.cell_name(d.key, t.key), "") for t in TYPES}
            for d in DIMENSIONS
        }

    def raw_evidence(self) -> dict[str, str]:
        return {d.key: self.cleaned_data.get(f"{d.key}-evidence", "") for d in DIMENSIONS}

    def clean(self):
        data = super().clean()
        _, self.problems = services.check_points(self.raw_points())
        for problem in self.problems:
            if problem.field in self.fields:
                self.add_error(problem.field, problem.message)
            else:
                self.add_error(None, problem.message)
        return data

    def dimensions(self) -> list[dict]:
        """Per dimension: its statements with their inputs, the note, the running total."""
        rows = []
        for dimension in DIMENSIONS:
            cells = [(t, self[services.cell_name(dimension.key, t.key)]) for t in TYPES]
            total = sum(_number(bound.value()) for _, bound in cells)
            blank = all(_blank(bound.value()) for _, bound in cells)
            state, status = total_status(total, blank)
            rows.append(
                {
                    "dimension": dimension,
                    "cells": cells,
                    "evidence": self[f"{dimension.key}-evidence"] if self.evidence else None,
                    "total": total,
                    "state": state,
                    "status": status,
                    "problems": [p.message for p in self.problems if p.dimension == dimension.key],
                }
            )
        return rows


def total_status(total: int, blank: bool) -> tuple[str, str]:
    """The running total's state (``blank``, ``ok``, ``off``) and words, as culture.js says."""
    goal = POINTS_PER_DIMENSION
    if blank:
        return "blank", "Blank: left for later (a draft)."
    if total == goal:
        return "ok", f"Total {total} of {goal} ✓"
    if total < goal:
        return "off", f"Total {total} of {goal}: {goal - total} left to give."
    return "off", f"Total {total} of {goal}: {total - goal} too many."


def _blank(value) -> bool:
    return value is None or str(value).strip() == ""


def _number(value) -> int:
    text = "" if value is None else str(value).strip()
    return int(text) if ascii_digits(text) else 0


class RatingForm(ProfileForm):
    """A perceived profile: the cells, a note per dimension, when and where it comes from."""

    evidence = True
    error_fields = {"interaction": "interaction", "rated_on": "rated_on"}

    rated_on = forms.CharField(label="Observed on", widget=date_input(), required=False)
    source = forms.CharField(
        label="From",
        required=False,
        max_length=services.SOURCE_MAX,
        help_text="Where the impression comes from, e.g. “Panel interview”.",
    )
    interaction = forms.ChoiceField(label="About this interaction", required=False)

    def __init__(self, data=None, *, interactions=(), **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.fields["interaction"].choices = [("", "None")] + [
            (
                str(i.pk),
                f"{day(i.occurred_on)} · "
                f"{i.get_kind_display()}{' · ' + i.summary[:50] if i.summary else ''}",
            )
            for i in interactions
        ]

    def to_input(self) -> services.RatingInput:
        data = self.cleaned_data
        return services.RatingInput(
            points=self.raw_points(),
            evidence=self.raw_evidence(),
            rated_on=data.get("rated_on") or None,
            source=data.get("source", ""),
            interaction=data.get("interaction") or None,
        )


class ThresholdForm(ServiceForm):
    error_labels = {"threshold": "Threshold"}  # how errors name it (the label reads on)
    threshold = forms.CharField(
        label="Highlight differences of",
        widget=forms.NumberInput(attrs={"min": 1, "max": 100, "step": 1, "inputmode": "numeric"}),
        help_text="points or more (career coaches use 10 as a rule of thumb).",
    )
