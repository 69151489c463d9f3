"""The settings page's form: the rules' thresholds and the time zone.

Fields are text here; ``services.workspace.update_settings`` validates them all
(the CLI uses the same checks) and saves nothing when one is wrong.
"""

from __future__ import annotations

from django import forms

from ..models import Workspace
from ..services.workspace import THRESHOLDS, time_zones
from .base import ServiceForm


class SettingsForm(ServiceForm):
    time_zone = forms.CharField(
        label="Time zone",
        required=False,
        help_text="“Today” starts at midnight here; due days follow it.",
    )

    year_end_greeting = forms.BooleanField(
        label="Year-end greeting",
        required=False,
        help_text="In mid-December, a greeting item for everyone you keep in touch with.",
    )
    buddy_name = forms.CharField(
        label="Search buddy",
        required=False,
        help_text="Someone also in transition who agrees to help: each Friday, a weekly"
        " summary to share with them. Their name (or tag a person “buddy”).",
    )

    def __init__(self, *args, workspace: Workspace, **kwargs):
        initial = {t.field: getattr(workspace, t.field) for t in THRESHOLDS}
        initial["time_zone"] = workspace.time_zone
        initial["year_end_greeting"] = workspace.year_end_greeting
        initial["buddy_name"] = workspace.buddy_name
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        zones = time_zones()
        if workspace.time_zone not in zones:
            zones = (workspace.time_zone, *zones)
        self.fields["time_zone"].widget = forms.Select(choices=[(z, z) for z in zones])
        for threshold in THRESHOLDS:
            self.fields[threshold.field] = forms.CharField(
                label=threshold.label,
                required=False,
                help_text=f"{threshold.help} Default: {threshold.default}.",
                widget=forms.NumberInput(
                    attrs={"min": threshold.low, "max": threshold.high, "inputmode": "numeric"}
                ),
            )
        self.order_fields(
            [*(t.field for t in THRESHOLDS), "year_end_greeting", "buddy_name", "time_zone"]
        )

    def threshold_fields(self):
        """(bound field, unit) for each threshold, in the page's order."""
        return [(self[t.field], t.unit) for t in THRESHOLDS]

    def changes(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in self.fields}

    def labels(self) -> dict[str, str]:
        """How errors name each field: by its label, as the page shows it."""
        return {name: str(field.label) for name, field in self.fields.items()}

    def show(self, error) -> None:
        by_label = {label: name for name, label in self.labels().items()}
        self.error_fields = by_label
        super().show(error)
