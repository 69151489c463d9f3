"""The organization form."""

from __future__ import annotations

from django import forms

from ..models import Organization
from ..services.people import OrganizationInput
from .base import ServiceForm


class OrganizationForm(ServiceForm):
    name = forms.CharField(max_length=200, required=False)
    website = forms.CharField(
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "url"}),
        help_text="E.g. example.com",
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    culture_notes = forms.CharField(
        required=False,
        label="Culture observations",
        help_text="What you noticed of how people work there.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organization: Organization | None = None, **kwargs):
        if organization is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": organization.name,
                "website": organization.website,
                "notes": organization.notes,
                "culture_notes": organization.culture_notes,
            }
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update(autofocus=True, required=True)

    def to_input(self) -> OrganizationInput:
        return OrganizationInput(**{name: self.cleaned_data[name] for name in self.fields})
