"""The pipeline's forms: an opportunity, a move between stages, a person involved.

Fields are text where the service parses (dates, names), so the web pages and the
CLI give the same one-sentence errors; ``ServiceForm.show`` puts them on the field.
"""

from __future__ import annotations

from django import forms

from ..models import ACTIVE_STAGES, Opportunity, Person, Role, SalaryUnit, Source, Stage
from ..services.jobfields import JobFields, clean_currency, parse_amount
from ..services.opportunities import OpportunityInput, clean_posting_url
from ..services.parsing import clean_text, parse_date, require_text
from .base import ServiceForm, date_input, person_ref

INTEREST_CHOICES = [
    ("5", "5 · very much"),
    ("4", "4 · a lot"),
    ("3", "3 · somewhat"),
    ("2", "2 · a little"),
    ("1", "1 · barely"),
]


def stage_choices() -> list:
    """The stages grouped as the board shows them: the pipeline, then the closed ones."""
    active = [(s.value, s.label) for s in Stage if s in ACTIVE_STAGES]
    closed = [(s.value, s.label) for s in Stage if s not in ACTIVE_STAGES]
    return [("In the pipeline", active), ("Closed", closed)]


def _choice(label: str, choices, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(
        choices=choices,
        error_messages={"invalid_choice": f"{label}: %(value)s is not one of the choices."},
        **kwargs,
    )


class OpportunityForm(ServiceForm):
    """Add or edit an opportunity; the organization and referrer are typed by name."""

    role = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"required": True, "placeholder": "e.g. Product designer"}),
    )
    organization = forms.CharField(
        required=False,
        max_length=200,
        help_text="Type its name; a new one is added for you.",
        widget=forms.TextInput(
            attrs={"required": True, "list": "organization-names", "autocomplete": "off"}
        ),
    )
    stage = _choice("Stage", stage_choices(), initial=Stage.LEAD)
    source = _choice(
        "Source",
        [("", "—"), *Source.choices],
        required=False,
        help_text="Left empty: a referral if someone referred you, else a job posting.",
    )
    referred_by = forms.CharField(
        required=False,
        label="Referred by",
        help_text="A person you know, by name; leave empty if nobody referred you.",
        widget=forms.TextInput(attrs={"list": "people-names", "autocomplete": "off"}),
    )
    interest = _choice("Interest", INTEREST_CHOICES, initial="3")
    decision_date = forms.CharField(
        required=False, help_text="When the employer said they would decide.", widget=date_input()
    )
    offer_deadline = forms.CharField(
        required=False, help_text="When an offer must be answered.", widget=date_input()
    )
    posting_url = forms.CharField(
        required=False,
        label="Posting link",
        max_length=500,
        widget=forms.TextInput(attrs={"inputmode": "url", "placeholder": "https://"}),
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    # The job itself.
    location = forms.CharField(
        required=False, max_length=200, widget=forms.TextInput(attrs={"placeholder": "City"})
    )
    remote = forms.BooleanField(required=False, label="Remote")
    salary_min = forms.CharField(
        required=False,
        label="Salary from",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "e.g. 85000"}),
    )
    salary_max = forms.CharField(
        required=False,
        label="Salary to",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "e.g. 95k"}),
    )
    salary_currency = forms.CharField(
        required=False,
        label="Currency",
        widget=forms.TextInput(attrs={"placeholder": "EUR", "size": 4}),
    )
    salary_unit = _choice("Salary per", [("", "—"), *SalaryUnit.choices], required=False)
    posted_on = forms.CharField(required=False, label="Posted on", widget=date_input())
    apply_by = forms.CharField(
        required=False,
        label="Apply by",
        help_text="The posting's deadline: your agenda reminds you of it.",
        widget=date_input(),
    )
    tags = forms.CharField(
        required=False,
        help_text="Comma-separated, e.g. design, remote-first.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 6}))

    error_labels = {
        "decision_date": "Decision date",
        "offer_deadline": "Offer deadline",
        "salary_min": "Salary from",
        "salary_max": "Salary to",
        "salary_currency": "Currency",
        "salary_unit": "Salary per",
        "posted_on": "Posted on",
        "apply_by": "Apply by",
    }

    def checks(self):
        """The service stops at its first error: these find the others."""
        return [
            (require_text, (self.raw("organization"), "organization", "where is this job?")),
            (parse_date, (self.raw("decision_date"), "decision_date")),
            (parse_date, (self.raw("offer_deadline"), "offer_deadline")),
            (clean_posting_url, (self.raw("posting_url"), "posting_url")),
            (clean_text, (self.raw("notes"), "notes")),
            (parse_amount, (self.raw("salary_min"), "salary_min")),
            (parse_amount, (self.raw("salary_max"), "salary_max")),
            (clean_currency, (self.raw("salary_currency"), "salary_currency")),
            (parse_date, (self.raw("posted_on"), "posted_on")),
            (parse_date, (self.raw("apply_by"), "apply_by")),
        ]

    def __init__(self, *args, instance: Opportunity | None = None, **kwargs) -> None:
        self.instance = instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_for(instance)
        super().__init__(*args, **kwargs)
        self.fields["salary_unit"].label = "Per"

    def to_input(self) -> OpportunityInput:
        data = self.cleaned_data
        return OpportunityInput(
            role=data["role"],
            organization=data["organization"],
            stage=data["stage"],
            source=data["source"] or None,
            referred_by=self._referrer(data["referred_by"]),
            interest=data["interest"],
            decision_date=data["decision_date"],
            offer_deadline=data["offer_deadline"],
            posting_url=data["posting_url"],
            notes=data["notes"],
            job=JobFields(
                location=data["location"],
                remote=data["remote"],
                salary_min=data["salary_min"],
                salary_max=data["salary_max"],
                salary_currency=data["salary_currency"],
                salary_unit=data["salary_unit"],
                description=data["description"],
                posted_on=data["posted_on"],
                apply_by=data["apply_by"],
                tags=data["tags"],
            ),
        )

    def _referrer(self, typed: str) -> str | Person | None:
        # Unchanged on edit: keep the very person, even if someone else shares the name.
        current = self.instance.referred_by if self.instance is not None else None
        if current is not None and typed.strip() == person_ref(current):
            return current
        return typed.strip() or None


def initial_for(opp: Opportunity) -> dict:
    return {
        "role": opp.role,
        "organization": opp.organization.name,
        "stage": opp.stage,
        "source": opp.source,
        "referred_by": person_ref(opp.referred_by),
        "interest": str(opp.interest),
        "decision_date": opp.decision_date.isoformat() if opp.decision_date else "",
        "offer_deadline": opp.offer_deadline.isoformat() if opp.offer_deadline else "",
        "posting_url": opp.posting_url,
        "notes": opp.notes,
        "location": opp.location,
        "remote": opp.remote,
        "salary_min": "" if opp.salary_min is None else str(opp.salary_min),
        "salary_max": "" if opp.salary_max is None else str(opp.salary_max),
        "salary_currency": opp.salary_currency,
        "salary_unit": opp.salary_unit,
        "posted_on": opp.posted_on.isoformat() if opp.posted_on else "",
        "apply_by": opp.apply_by.isoformat() if opp.apply_by else "",
        "tags": ", ".join(tag.name for tag in opp.tags.all()) if opp.pk else "",
        "description": opp.description,
    }


class MoveForm(ServiceForm):
    """Move to a stage: from a card's select (``stage``) or its arrow buttons (``to``)."""

    stage = _choice("Stage", stage_choices(), required=False)
    to = _choice("Stage", Stage.choices, required=False)
    on = forms.CharField(
        required=False, label="When", help_text="The day it happened.", widget=date_input()
    )
    deadline = forms.CharField(
        required=False,
        label="Offer deadline",
        help_text="Only for an offer: when you must answer.",
        widget=date_input(),
    )
    error_fields = {"deadline": "deadline", "on": "on"}

    def clean(self):
        data = super().clean()
        data["stage"] = data.get("to") or data.get("stage") or ""
        if not data["stage"] and not self.has_error("stage") and not self.has_error("to"):
            self.add_error("stage", "Stage: choose where this opportunity is now.")
        return data

    def asks_for_deadline(self, opp: Opportunity) -> bool:
        """A move to offer from a card gives no deadline field: ask for it first."""
        return (
            self.cleaned_data["stage"] == Stage.OFFER
            and opp.stage != Stage.OFFER
            and "deadline" not in self.data
        )


class InvolveForm(ServiceForm):
    """Add a person you know to an opportunity, in a role."""

    person = forms.CharField(
        required=False,
        help_text="Someone you know, by name or id.",
        widget=forms.TextInput(
            attrs={"required": True, "list": "people-names", "autocomplete": "off"}
        ),
    )
    role = _choice("Role", Role.choices, initial=Role.INTERVIEWER)
    error_fields = {"person": "person", "role": "role"}
