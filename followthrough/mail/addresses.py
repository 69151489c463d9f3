"""Email addresses: the seeker's own, and the index of the people who are here."""

from __future__ import annotations

import re

from followthrough.tracker.models import Person
from followthrough.tracker.services.errors import InputError

# Deliberately loose: one @, something on each side, no spaces or angle brackets.
_ADDRESS = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")


def normalize(address: str) -> str:
    return address.strip().strip("<>").strip().lower()


def clean_my_emails(values, field: str = "my_emails") -> list[str]:
    """The seeker's addresses, lower-cased, each once, in the order given.

    Raises ``InputError`` naming the first one that is not an address.
    """
    cleaned: list[str] = []
    for value in values:
        for part in re.split(r"[\s,;]+", str(value)):
            if not part:
                continue
            address = normalize(part)
            if not _ADDRESS.match(address):
                raise InputError(
                    f"{field}: {part!r} is not an email address; write it as name@example.com.",
                    field,
                )
            if address not in cleaned:
                cleaned.append(address)
    return cleaned


def known_people(owner) -> dict[str, int]:
    """Every address of the owner's people, lower-cased, to the person's id.

    An address two people share goes to the one added first.
    """
    import json

    from django.db import connection

    index: dict[str, int] = {}
    table = connection.ops.quote_name(Person._meta.db_table)
    # Raw rows: Django's JSON converters cost more than the query for 30,000 people.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, emails FROM {table} WHERE owner_id = %s ORDER BY id", [owner.pk]
        )
        for person_id, emails in cursor.fetchall():
            if isinstance(emails, str | bytes):
                try:
                    emails = json.loads(emails)
                except ValueError:
                    continue
            for email in emails or ():
                if isinstance(email, str):
                    index.setdefault(normalize(email), person_id)
    return index
