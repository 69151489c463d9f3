"""The import page's forms: the upload, and the column mapping of a spreadsheet."""

from __future__ import annotations

from django import forms

from .records import KINDS
from .spreadsheet import FIELDS

KIND_CHOICES = [("auto", "Find out from the file"), *KINDS.items()]


class UploadForm(forms.Form):
    file = forms.FileField(
        label="File",
        help_text="CSV, .xlsx or .vcf, up to 20 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,.vcf,.vcard"}),
    )
    kind = forms.ChoiceField(label="What is it?", choices=KIND_CHOICES, initial="auto")


class MappingForm(forms.Form):
    """One select per field, offering the file's columns; blank means "not imported"."""

    def __init__(self, *args, headers: list[str], mapping: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *((h, h) for h in headers if h)]
        for field in FIELDS:
            self.fields[f"map_{field.key}"] = forms.ChoiceField(
                label=field.label, choices=choices, required=False,
                initial=mapping.get(field.key, ""),
            )  # fmt: skip

    def groups(self) -> list[tuple[str, list]]:
        grouped: dict[str, list] = {}
        for field in FIELDS:
            grouped.setdefault(field.group, []).append(self[f"map_{field.key}"])
        return list(grouped.items())

    def mapping(self) -> dict[str, str]:
        return {
            field.key: self.cleaned_data[f"map_{field.key}"]
            for field in FIELDS
            if self.cleaned_data.get(f"map_{field.key}")
        }
