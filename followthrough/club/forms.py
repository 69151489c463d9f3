"""The club's forms: plain Django forms, validated once in the services."""

from __future__ import annotations

from django import forms

from .models import Audience, Topic
from .services.groups import INVITATION_DAYS


class GroupForm(forms.Form):
    name = forms.CharField(
        max_length=120, label="Name",
        widget=forms.TextInput(attrs={"placeholder": "Tuesday job club, spring class"}),
    )
    starts_on = forms.DateField(label="First session", required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    weeks = forms.IntegerField(label="Weeks", min_value=1, max_value=52, initial=8)
    display_name = forms.CharField(
        max_length=100, label="Your name in the group", required=False,
        help_text="How the members see you. Your email address is never shown to them.",
    )


class JoinForm(forms.Form):
    display_name = forms.CharField(
        max_length=100, label="Your name in the group", required=False,
        help_text="How the leader and your buddy will see you. Your email address stays private.",
    )


CHOICES = [
    (f"{audience.value}:{topic.value}", f"{topic.label}, to {audience.label}")
    for audience in Audience for topic in Topic
]


class ConsentForm(forms.Form):
    shared = forms.MultipleChoiceField(
        choices=CHOICES, required=False, widget=forms.CheckboxSelectMultiple, label="Share"
    )

    def pairs(self) -> set[tuple[str, str]]:
        return {tuple(v.split(":", 1)) for v in self.cleaned_data["shared"]}


class NoteForm(forms.Form):
    text = forms.CharField(
        max_length=2000, label="A note for your buddy",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class InviteForm(forms.Form):
    emails = forms.CharField(
        label="Email addresses", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One a line, or separated by commas. Each gets a link of their own, good for "
        f"one person for {INVITATION_DAYS} days; someone new here makes their account through it.",
    )
