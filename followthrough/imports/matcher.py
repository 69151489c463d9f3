"""Who is already there: an import's people matched by email, then LinkedIn URL, then name.

Everything the owner has is read once into dictionaries (a few columns per
person, not whole objects), so matching 30,000 rows is 30,000 dictionary
look-ups rather than 30,000 queries.
"""

from __future__ import annotations

from followthrough.tracker.models import Person

from .records import Record, name_key, url_key

Target = int | Person  # an existing person's id, or a person this import makes


class Matcher:
    def __init__(self, owner) -> None:
        self.by_email: dict[str, Target] = {}
        self.by_url: dict[str, Target] = {}
        self.by_name: dict[tuple[str, str], Target] = {}
        self.url_of: dict[int, str] = {}  # id(target) or pk -> its profile's key
        people = Person.objects.filter(owner=owner).values_list(
            "pk", "name", "emails", "linkedin_url", "organization__name"
        )
        for pk, name, emails, url, org in people.iterator(chunk_size=5000):
            self.add(pk, name, emails, url, org)

    def add(self, target: Target, name: str, emails: list[str], url: str, org: str | None) -> None:
        """Remember ``target`` under its keys; the first person seen keeps a shared key."""
        for email in emails or []:
            self.by_email.setdefault(email.casefold(), target)
        if url:
            self.by_url.setdefault(url_key(url), target)
            self.url_of[_id(target)] = url_key(url)
        self.by_name.setdefault((name_key(name), name_key(org or "")), target)

    def find(self, record: Record) -> Target | None:
        """The person ``record`` describes: same email, else same LinkedIn URL, else same
        name at the same organization (both without one counts as the same)."""
        for email in record.emails:
            if found := self.by_email.get(email.casefold()):
                return found
        if record.linkedin_url and (found := self.by_url.get(url_key(record.linkedin_url))):
            return found
        found = self.by_name.get((name_key(record.name), name_key(record.organization)))
        if found is not None and record.linkedin_url:
            # Two different LinkedIn profiles are two people, whatever their names.
            theirs = self.url_of.get(_id(found))
            if theirs and theirs != url_key(record.linkedin_url):
                return None
        return found


def _id(target: Target) -> int:
    return target if isinstance(target, int) else -id(target)
