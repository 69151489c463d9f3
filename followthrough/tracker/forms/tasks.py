"""Forms of the Today page: a task by hand, and a snooze date."""

from __future__ import annotations

import datetime as dt

from django import forms

from ..models import Person
from .base import ServiceForm, date_input


class TaskForm(ServiceForm):
    error_fields = {"person": "person"}

    title = forms.CharField(max_length=300, required=False, label="What to do")
    due = forms.CharField(required=False, widget=date_input())
    person = forms.CharField(
        required=False,
        label="With (optional)",
        widget=forms.TextInput(attrs={"list": "task-people-names", "autocomplete": "off"}),
    )

    def __init__(self, *args, owner, today: dt.date, **kwargs):
        kwargs.setdefault("initial", {"due": today.isoformat()})
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["title"].widget.attrs["required"] = True

    def people_names(self):
        return Person.objects.filter(owner=self.owner).values_list("name", flat=True)[:500]


class SnoozeForm(ServiceForm):
    until = forms.CharField(required=False, label="Snooze until", widget=date_input())
