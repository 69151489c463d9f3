"""The person form (add and edit) and the filters above the people list."""

from __future__ import annotations

import calendar

from django import forms

from ..models import Organization, Person, Situation, Tag
from ..services.ids import as_id, ascii_digits
from ..services.people import PersonInput, check_person, name_suggestions
from .base import ServiceForm, date_input, person_ref

MONTHS = [("", "Month")] + [(str(i), calendar.month_name[i]) for i in range(1, 13)]


class PersonForm(ServiceForm):
    """Everything DOMAIN.md keeps about a person; the birthday may leave out the year."""

    error_fields = {
        "email": "emails",
        "cadence": "cadence_days",
        "birthday": "birthday_month",
    }
    error_labels = {"birthday_month": "Birthday", "cadence_days": "Keep in touch every"}
    # The service checks every field at once; ``checks`` is for when types fail first.
    service_reports_all = True

    name = forms.CharField(max_length=200, required=False)
    emails = forms.CharField(
        required=False,
        label="Email",
        help_text="Several? Separate them with commas.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "email"}),
    )
    phones = forms.CharField(
        required=False,
        label="Phone",
        help_text="Several? Separate them with commas.",
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    linkedin_url = forms.CharField(
        required=False, label="LinkedIn", widget=forms.TextInput(attrs={"inputmode": "url"})
    )
    organization = forms.CharField(
        required=False,
        help_text="Pick one or type a new name: it is added for you.",
        widget=forms.TextInput(attrs={"list": "organization-names", "autocomplete": "off"}),
    )
    title = forms.CharField(required=False, max_length=200)
    situation = forms.ChoiceField(choices=Situation.choices, initial=Situation.UNKNOWN)
    how_met = forms.CharField(required=False, max_length=300, label="How you met")
    met_on = forms.CharField(required=False, label="Met on", widget=date_input())
    introduced_by = forms.CharField(
        required=False,
        label="Introduced by",
        help_text="Start typing a name and pick it from your people.",
        widget=forms.TextInput(attrs={"list": "people-names", "autocomplete": "off"}),
    )
    birthday_month = forms.ChoiceField(choices=MONTHS, required=False, label="Month")
    birthday_day = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=31,
        label="Day",
        widget=forms.NumberInput(attrs={"placeholder": "Day"}),
    )
    birthday_year = forms.IntegerField(
        required=False,
        min_value=1900,
        max_value=2100,
        label="Year",
        widget=forms.NumberInput(attrs={"placeholder": "optional"}),
    )
    tags = forms.CharField(
        required=False, help_text="Separate tags with commas, e.g. mentor, alumni."
    )
    cadence_days = forms.IntegerField(
        required=False,
        min_value=1,
        label="Keep in touch every … days",
        help_text="E.g. 30 for monthly, 90 quarterly, 365 yearly. Leave blank for no reminder.",
        widget=forms.NumberInput(attrs={"list": "cadence-suggestions"}),
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, owner, person: Person | None = None, **kwargs):
        if person is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(person)
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.person = person
        self.fields["name"].widget.attrs.update(autofocus=True, required=True)

    @staticmethod
    def initial_for(person: Person) -> dict:
        return {
            "name": person.name,
            "emails": ", ".join(person.emails),
            "phones": ", ".join(person.phones),
            "linkedin_url": person.linkedin_url,
            "organization": person.organization.name if person.organization_id else "",
            "title": person.title,
            "situation": person.situation,
            "how_met": person.how_met,
            "met_on": person.met_on.isoformat() if person.met_on else "",
            "introduced_by": person_ref(person.introduced_by),
            "birthday_month": str(person.birthday_month or ""),
            "birthday_day": person.birthday_day,
            "birthday_year": person.birthday_year,
            "tags": ", ".join(tag.name for tag in person.tags.all()),
            "cadence_days": person.cadence_days,
            "notes": person.notes,
        }

    def clean(self):
        data = super().clean()
        month, day, year = (data.get(f"birthday_{p}") for p in ("month", "day", "year"))
        if bool(month) != bool(day) or (year and not month):
            self.add_error(
                "birthday_month",
                "Birthday: choose both the month and the day (the year may stay empty).",
            )
        return data

    def birthday_text(self, data: dict | None = None) -> str:
        data = self.cleaned_data if data is None else data
        month, day, year = (
            data.get("birthday_month"),
            data.get("birthday_day"),
            data.get("birthday_year"),
        )
        if not (month and day):
            return ""
        month, day = int(month), int(day)
        return f"{int(year):04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"

    def checks(self):
        """When a field has the wrong type, the service still checks what was typed elsewhere."""
        raw = {name: self.raw(name) for name in self.fields}
        birthday = {p: raw[f"birthday_{p}"].strip() for p in ("month", "day", "year")}
        if all(ascii_digits(v) for v in birthday.values() if v):
            birthday_text = self.birthday_text({f"birthday_{p}": v for p, v in birthday.items()})
        else:
            birthday_text = ""
        data = PersonInput(
            name=raw["name"],
            emails=raw["emails"],
            phones=raw["phones"],
            linkedin_url=raw["linkedin_url"],
            organization=raw["organization"],
            title=raw["title"],
            situation=raw["situation"] or None,
            how_met=raw["how_met"],
            met_on=raw["met_on"],
            introduced_by=raw["introduced_by"],
            birthday=birthday_text if not self.has_error("birthday_month") else "",
            notes=raw["notes"],
            cadence_days=raw["cadence_days"] if ascii_digits(raw["cadence_days"].strip()) else None,
        )
        return [(check_person, (self.owner, data, self.person))]

    def to_input(self) -> PersonInput:
        data = self.cleaned_data
        return PersonInput(
            name=data["name"],
            emails=data["emails"],
            phones=data["phones"],
            linkedin_url=data["linkedin_url"],
            organization=data["organization"],
            title=data["title"],
            situation=data["situation"],
            how_met=data["how_met"],
            met_on=data["met_on"],
            introduced_by=data["introduced_by"],
            birthday=self.birthday_text(),
            tags=data["tags"],
            notes=data["notes"],
            cadence_days=data["cadence_days"],
        )

    def organization_names(self):
        return Organization.objects.filter(owner=self.owner).values_list("name", flat=True)

    def people_names(self) -> list[tuple[str, str]]:
        """``(value, label)`` for the datalist: a shared name carries its id."""
        qs = Person.objects.filter(owner=self.owner).select_related("organization")
        if self.person is not None:
            qs = qs.exclude(pk=self.person.pk)
        return name_suggestions(self.owner, qs[:500])


class PeopleFilterForm(forms.Form):
    """The search box and filters of the people list (GET). Unknown values are ignored."""

    q = forms.CharField(required=False, label="Search people")
    situation = forms.ChoiceField(required=False, label="Situation")
    tag = forms.ChoiceField(required=False, label="Tag")
    organization = forms.ChoiceField(required=False, label="Organization")

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget = forms.TextInput(
            attrs={"type": "search", "placeholder": "Name, title, organization, email…"}
        )
        self.fields["situation"].choices = [("", "Any situation"), *Situation.choices]
        # Callables: the queries run only when the select is rendered.
        self.fields["tag"].choices = lambda: [
            ("", "Any tag"),
            *((t, t) for t in Tag.objects.filter(owner=owner).values_list("name", flat=True)),
        ]
        self.fields["organization"].choices = lambda: [
            ("", "Any organization"),
            *(
                (str(pk), name)
                for pk, name in Organization.objects.filter(owner=owner).values_list("pk", "name")
            ),
        ]

    def filters(self) -> dict:
        """The valid filters as keyword arguments of ``services.people.people``."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        org = data.get("organization") or ""
        return {
            "query": (data.get("q") or "").strip(),
            "situation": data.get("situation") or "",
            "tag": data.get("tag") or "",
            "organization_id": as_id(org),
        }

    @property
    def active(self) -> bool:
        return any(self.filters().values())
