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
    index: dict[str, int] = {}
    rows = Person.objects.filter(owner=owner).order_by("id").values_list("id", "emails")
    for person_id, emails in rows.iterator(chunk_size=5000):
        for email in emails or ():
            if isinstance(email, str):
                index.setdefault(normalize(email), person_id)
    return index
