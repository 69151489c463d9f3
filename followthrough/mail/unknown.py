"""One-click add: the person behind an address from the "not here yet" list."""

from __future__ import annotations

from django.db import transaction

from followthrough.tracker.models import Person
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.people import PersonInput
from followthrough.tracker.services.people import add_person as add

from .addresses import known_people, normalize
from .models import UnknownAddress


def add_person(owner, address: str) -> Person:
    """A new person from the listed ``address`` (their name as their mail gave it)."""
    address = normalize(address)
    row = UnknownAddress.objects.filter(owner=owner, address=address).first()
    if row is None:
        raise InputError(
            f"address: {address!r} is not on the list of people you wrote with; "
            "see `followthrough mail people`.",
            "address",
        )
    if address in known_people(owner):
        row.delete()
        raise InputError(f"address: {address!r} already belongs to someone here.", "address")
    name = row.name.strip() or address.split("@")[0].replace(".", " ").title()
    with transaction.atomic():
        person = add(owner, PersonInput(name=name, emails=[address], how_met="Email"))
        row.delete()
    return person
