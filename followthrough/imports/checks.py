"""Every record an importer read is checked here before anything is written.

The rules are the forms' and restore's own (``tracker.services.validators``):
the importers parse their formats, this module makes sure what they parsed is
something the app could have saved from a form. A record that breaks a rule
refuses the whole import (all or nothing), with one line naming the file, the
row (or card) and the field.
"""

from __future__ import annotations

from followthrough.tracker.models import Opportunity, Organization, Person
from followthrough.tracker.services import validators
from followthrough.tracker.services.errors import InputError

from .records import Read, Record, problem

LABELS = {
    "name": "name", "emails": "email", "phones": "phone", "linkedin_url": "LinkedIn URL",
    "organization": "organization", "website": "website", "title": "title",
    "how_met": "how met", "met_on": "met on", "birthday": "birthday", "notes": "notes",
    "tags": "tags", "cadence_days": "cadence", "role": "role", "interest": "interest",
    "applied_on": "applied on", "decision_date": "decision date",
    "offer_deadline": "offer deadline", "posting_url": "posting URL",
    "opportunity_notes": "job notes", "occurred_on": "interaction date", "summary": "summary",
}  # fmt: skip
TEXTS = ("name", "organization", "title", "how_met", "notes", "role", "opportunity_notes",
         "summary")  # fmt: skip
DATES = ("met_on", "applied_on", "decision_date", "offer_deadline", "occurred_on")
URLS = (("linkedin_url", Person), ("website", Organization), ("posting_url", Opportunity))


def check_records(read: Read) -> None:
    """Raise a ``FileProblem`` for the first record that breaks a rule."""
    for record in read.records:
        try:
            check_record(record)
        except InputError as error:
            field = error.field or ""
            label = LABELS.get(field, field)
            message = str(error).removeprefix(f"{field}: ")
            raise problem(read.filename, message, record.row, label, read.unit) from None


def check_record(record: Record) -> None:
    for name in TEXTS:
        validators.check_text(getattr(record, name), name)
    for tag in record.tags:
        validators.check_text(tag, "tags")
    validators.check_emails(record.emails, "emails")
    for phone in record.phones:
        validators.check_line(phone, "phones", 100)
    for name, model in URLS:
        value = getattr(record, name)
        if value:
            validators.check_url(value, name, max_length=validators.url_length(model, name))
    for name in DATES:
        value = getattr(record, name)
        if value is not None:
            validators.check_date(value, name)
    if record.birthday is not None:
        validators.check_birthday(*record.birthday, "birthday")
    if record.interest is not None:
        validators.check_interest(record.interest, "interest")
    validators.check_cadence(record.cadence_days, "cadence_days")
