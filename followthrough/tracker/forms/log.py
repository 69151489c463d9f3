"""Logging an interaction: kind, with whom, when; the rest is optional."""

from __future__ import annotations

import datetime as dt

from django import forms

from ..models import INTERVIEW_KINDS, Direction, Kind, Opportunity, Person
from ..services.ids import as_id
from ..services.interactions import LogInput
from ..services.parsing import clean_text, parse_date, split_list
from ..services.people import name_suggestions, resolve_person
from .base import ServiceForm, date_input, person_ref


def _opportunity_choices(owner):
    opps = (
        Opportunity.objects.filter(owner=owner)
        .select_related("organization")
        .order_by("organization__name", "role")
    )
    return [("", "None")] + [
        (str(opp.pk), f"{opp.role} at {opp.organization.name} ({opp.get_stage_display()})")
        for opp in opps
    ]


class LogForm(ServiceForm):
    """The log form. ``people`` is a list: repeated inputs, each possibly comma-separated."""

    error_fields = {"with": "people", "opp": "opportunity", "on": "on", "at": "at"}
    error_labels = {"decision_date": "Decision date"}

    kind = forms.ChoiceField(choices=Kind.choices, initial=Kind.EMAIL, widget=forms.RadioSelect)
    # Rendered by hand as one or more inputs (see ``people_values``); declared so that
    # "with" errors land on it.
    people = forms.CharField(required=False, label="With whom")
    on = forms.CharField(required=False, label="When", widget=date_input())
    at = forms.TimeField(
        required=False, label="Time", widget=forms.TimeInput(attrs={"type": "time"})
    )
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    rapport_note = forms.CharField(
        required=False,
        label="Rapport notes",
        help_text="What you connected on, for each thank-you note: one line per person,"
        " e.g. “Lena: we both ran Berlin”. With one person, the note alone will do.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    direction = forms.ChoiceField(
        required=False,
        label="Direction",
        choices=[
            ("", "Usual for the kind"),
            (Direction.OUTBOUND, "Outbound: I reached out"),
            (Direction.INBOUND, "Inbound: they reached out"),
            ("none", "Neither"),
        ],
    )
    awaiting_reply = forms.BooleanField(required=False, label="Awaiting their reply")
    asked = forms.BooleanField(required=False, label="I asked for something")
    gave = forms.BooleanField(required=False, label="I gave something")
    clear_no = forms.BooleanField(required=False, label="They said a clear no")
    opportunity = forms.ChoiceField(required=False, label="About the opportunity")
    decision_date = forms.CharField(
        required=False,
        label="Decision date they stated",
        help_text="Ask when they will decide: one polite follow-up is due that day.",
        widget=date_input(),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, owner, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        if today is not None:
            self.fields["on"].initial = today.isoformat()
        # A callable: the query runs only when the form is rendered or validated.
        self.fields["opportunity"].choices = lambda: _opportunity_choices(owner)
        data = args[0] if args else kwargs.get("data")
        if data is not None and hasattr(data, "getlist"):
            self.people_values = [v for v in data.getlist("people")]
        else:
            self.people_values = list(self.initial.get("people", []))
        if not [v for v in self.people_values if v.strip()]:
            self.people_values = [""]

    @classmethod
    def prefilled(cls, owner, today: dt.date, params) -> LogForm:
        """A blank form, with person (``?person=ID``) and opportunity (``?opp=ID``) pre-filled."""
        initial: dict = {"next": params.get("next", "")}
        person_id = params.get("person", "")
        if as_id(person_id):
            person = Person.objects.filter(owner=owner, pk=as_id(person_id)).first()
            if person:
                initial["people"] = [person_ref(person)]
        opp_id = params.get("opp", "")
        if as_id(opp_id) and Opportunity.objects.filter(owner=owner, pk=as_id(opp_id)).exists():
            initial["opportunity"] = opp_id
        if params.get("kind") in Kind.values:
            initial["kind"] = params["kind"]
        return cls(owner=owner, today=today, initial=initial)

    def people_refs(self) -> list[str]:
        refs: list[str] = []
        for value in self.people_values:
            refs.extend(split_list(value))
        return refs

    def to_input(self) -> LogInput:
        data = self.cleaned_data
        direction = data["direction"]
        return LogInput(
            kind=data["kind"],
            people=self.people_refs(),
            on=data["on"],
            at=data["at"],
            direction=Direction.NONE.label if direction == "none" else direction or None,
            summary=data["summary"],
            rapport_note=data["rapport_note"],
            awaiting_reply=data["awaiting_reply"],
            asked=data["asked"],
            gave=data["gave"],
            clear_no=data["clear_no"],
            opportunity=data["opportunity"] or None,
            decision_date=data["decision_date"],
        )

    def checks(self):
        """The service stops at its first error: these find the others."""
        found = [(resolve_person, (self.owner, ref, "with")) for ref in self.people_refs()]
        found += [
            (parse_date, (self.raw("on"), "on")),
            (parse_date, (self.raw("decision_date"), "decision_date")),
            (clean_text, (self.raw("summary"), "summary")),
            (clean_text, (self.raw("rapport_note"), "rapport_note")),
        ]
        return found

    def people_names(self) -> list[tuple[str, str]]:
        """``(value, label)`` for the datalist, the people met most recently first."""
        recent = (
            Person.objects.filter(owner=self.owner)
            .select_related("organization")
            .order_by("-updated_at")[:400]
        )
        return name_suggestions(self.owner, recent)

    @property
    def shows_more(self) -> bool:
        """Open the "More" section when it holds something (an error, a pre-filled value)."""
        optional = set(self.fields) - {"kind", "people", "on", "next"}
        if self.errors and optional & set(self.errors):
            return True
        return bool(self.initial.get("opportunity"))

    @property
    def interview_kinds(self) -> str:
        return " ".join(sorted(INTERVIEW_KINDS))


class QuickLogForm(LogForm):
    """The log form as the header's "+ Log" dialog offers it on every page."""
