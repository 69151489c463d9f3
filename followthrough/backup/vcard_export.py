"""People as vCard 3.0 cards (``vobject``), for address books.

Each card has FN and N, an EMAIL per address, a TEL per phone, ORG, TITLE,
the LinkedIn profile as URL, BDAY (``YYYY-MM-DD``, or ``--MMDD`` without the
year, as vCard 4.0 and Apple and Google write it), NOTE and the tags as
CATEGORIES. ``vobject`` escapes and folds the lines and writes CRLF.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

import vobject

from followthrough.tracker.models import Person

CHUNK = 2_000


def card(person: Person) -> vobject.base.Component:
    """The vCard of one person (tags and organization are read from ``person``)."""
    vcard = vobject.vCard()
    vcard.add("fn").value = person.name
    given, _, family = person.name.rpartition(" ")
    if not given:  # one word: the given name
        given, family = family, ""
    vcard.add("n").value = vobject.vcard.Name(family=family, given=given)
    for address in person.emails:
        email = vcard.add("email")
        email.value = address
        email.type_param = "INTERNET"
    for number in person.phones:
        vcard.add("tel").value = number
    if person.organization_id:
        vcard.add("org").value = [person.organization.name]
    if person.title:
        vcard.add("title").value = person.title
    if person.linkedin_url:
        vcard.add("url").value = person.linkedin_url
    birthday = _birthday(person)
    if birthday:
        vcard.add("bday").value = birthday
    if person.notes:
        vcard.add("note").value = person.notes
    tags = [tag.name for tag in person.tags.all()]
    if tags:
        vcard.add("categories").value = tags
    return vcard


def _birthday(person: Person) -> str:
    if not (person.birthday_month and person.birthday_day):
        return ""
    if person.birthday_year:
        return f"{person.birthday_year:04d}-{person.birthday_month:02d}-{person.birthday_day:02d}"
    return f"--{person.birthday_month:02d}{person.birthday_day:02d}"


def vcard_chunks(owner) -> Iterator[str]:
    """Every person of ``owner`` as one vCard each, in name order."""
    people = (
        Person.objects.filter(owner=owner).select_related("organization").prefetch_related("tags")
    )
    for person in people.iterator(chunk_size=CHUNK):
        yield card(person).serialize()


def write_vcards(owner, out: TextIO) -> int:
    """Write every card to ``out`` (opened with ``newline=""``); return how many."""
    count = 0
    for text in vcard_chunks(owner):
        out.write(text)
        count += 1
    return count
