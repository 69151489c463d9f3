"""What every form shares: service errors shown on the field that caused them."""

from __future__ import annotations

from django import forms

from ..models import Person
from ..services.errors import InputError


class ServiceForm(forms.Form):
    """A form whose final validation is a service call.

    The form checks only types; the service parses and validates once (the CLI
    uses the same rules). ``show`` puts the service's one-sentence error on the
    field it names, so the page can point at it, and keeps what was typed.
    """

    #: service field name -> form field name, where they differ
    error_fields: dict[str, str] = {}

    def show(self, error: InputError) -> None:
        name = self.error_fields.get(error.field or "", error.field)
        if name in self.fields:
            self.add_error(name, str(error))
        else:
            self.add_error(None, str(error))


def date_input(**attrs) -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", **attrs}, format="%Y-%m-%d")


def person_ref(person: Person | None) -> str:
    """How to name ``person`` in a text field: their name, or their id if the name is shared."""
    if person is None:
        return ""
    shared = (
        Person.objects.filter(owner_id=person.owner_id, name__iexact=person.name)
        .exclude(pk=person.pk)
        .exists()
    )
    return str(person.pk) if shared else person.name
