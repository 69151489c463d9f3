"""What every form shares: service errors shown on the field that caused them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django import forms
from django.forms.utils import pretty_name

from ..models import Person
from ..services.errors import InputError
from ..services.people import reference

#: A check run when the service refused the form: a parser and its arguments.
Check = tuple[Callable, tuple]


class ServiceForm(forms.Form):
    """A form whose final validation is a service call.

    The form checks only types; the service parses and validates (the CLI uses
    the same rules). ``show`` puts the service's errors on the fields they name,
    worded with the field's label ("Met on: …", not "met_on: …"), and keeps what
    was typed. The service stops at its first error in some forms: ``checks``
    then lists the parsers the service uses for the other fields, so that
    ``show`` reports every wrong field at once.
    """

    #: service field name -> form field name, where they differ
    error_fields: dict[str, str] = {}
    #: form field name -> how an error names it, where the label does not fit
    error_labels: dict[str, str] = {}

    def checks(self) -> Iterable[Check]:
        return ()

    #: True when the service reports every wrong field itself (no ``checks`` needed then)
    service_reports_all = False

    def show(self, error: InputError) -> None:
        marked = set(self._errors or {})
        for one in error.errors:
            self._show_one(one)
        if not self.service_reports_all:
            self._run_checks(marked)

    def _run_checks(self, marked: set[str]) -> None:
        """Add what ``checks`` find, except on ``marked`` fields (their type was wrong)."""
        for parse, args in self.checks():
            try:
                parse(*args)
            except InputError as found:
                for one in found.errors:
                    if self._field_for(one) not in marked:
                        self._show_one(one)

    def _field_for(self, error: InputError) -> str | None:
        name = self.error_fields.get(error.field or "", error.field)
        return name if name in self.fields else None

    def _show_one(self, error: InputError) -> None:
        name = self._field_for(error)
        label = self.error_label(name) if name else self._label_of(error.field)
        message = error.worded(label) if label else str(error)
        if message not in self.errors.get(name or forms.forms.NON_FIELD_ERRORS, []):
            self.add_error(name, message)

    def error_label(self, name: str) -> str:
        """How an error names the field ``name``: its label, without "(optional)"."""
        if name in self.error_labels:
            return self.error_labels[name]
        label = self.fields[name].label or pretty_name(name)
        return re.sub(r"\s*\(.*?\)", "", str(label)).strip()

    def _label_of(self, field: str | None) -> str:
        return (field or "").replace("_", " ").capitalize()

    def full_clean(self) -> None:
        super().full_clean()
        if self._errors and self.is_bound:
            # Wrong types stop the form before the service: check the rest now.
            self._run_checks(set(self._errors))
        self._keep_typed_dates()

    def raw(self, name: str) -> str:
        """What was typed in the field ``name``."""
        value = self.data.get(self.add_prefix(name), "")
        return value if isinstance(value, str) else ""

    def add_error(self, field, error) -> None:
        super().add_error(field, error)
        self._keep_typed_dates()

    def _keep_typed_dates(self) -> None:
        # A browser empties <input type="date"> whose value is not a real date
        # (2026-02-30): show a wrong date as text, as it was typed.
        for name in getattr(self, "_errors", None) or {}:
            field = self.fields.get(name)
            widget = field.widget if field is not None else None
            if getattr(widget, "input_type", "") == "date":
                widget.input_type = "text"
                widget.attrs.setdefault("placeholder", "YYYY-MM-DD")


def date_input(**attrs) -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


def person_ref(person: Person | None) -> str:
    """How to name ``person`` in a text field: their name, with their id if the name is shared."""
    if person is None:
        return ""
    shared = (
        Person.objects.filter(owner_id=person.owner_id, name__iexact=person.name)
        .exclude(pk=person.pk)
        .exists()
    )
    return reference(person) if shared else person.name
