"""The digest settings form: types only; ``services.update_settings`` validates."""

from __future__ import annotations

from django import forms

from followthrough.tracker.forms.base import ServiceForm

HOURS = [(str(h), f"{h:02d}:00") for h in range(24)]


class DigestForm(ServiceForm):
    enabled = forms.BooleanField(label="Send me the daily digest", required=False)
    hour = forms.ChoiceField(label="At", choices=HOURS)
    address = forms.CharField(
        label="To",
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "placeholder": "you@example.com"}),
    )

    def changes(self) -> dict:
        data = self.cleaned_data
        return {"enabled": data["enabled"], "hour": data["hour"], "address": data["address"]}
