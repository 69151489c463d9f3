"""Forms of the Today page: a task by hand, and a snooze date."""

from __future__ import annotations

import datetime as dt

from django import forms

from ..models import Person
from ..services.parsing import parse_date
from ..services.people import name_suggestions, resolve_person
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

    def checks(self):
        """The service stops at its first error: these find the others."""
        found: list = [(parse_date, (self.raw("due"), "due"))]
        if self.raw("person").strip():
            found.append((resolve_person, (self.owner, self.raw("person"))))
        return found

    def people_names(self) -> list[str]:
        """Values for the datalist: a name, with the id when several people share it."""
        people = Person.objects.filter(owner=self.owner).select_related("organization")[:500]
        return [value for value, _ in name_suggestions(self.owner, people)]


class SnoozeForm(ServiceForm):
    until = forms.CharField(required=False, label="Snooze until", widget=date_input())
