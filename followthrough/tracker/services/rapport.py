"""Rapport notes, one per person met (DOMAIN: "a rapport note per person").

A panel interview with Lena and Max records what built rapport with each one;
each thank-you draft uses its own person's note only. Notes are given as
``Name=note`` (the command line's ``--rapport "Lena=We both ran Berlin"``, a
line of the log form; ``Name: note`` works in the form too). A bare note is
fine when the interaction is with one person; with several, it must say whose
it is, so that no interviewer's draft carries another's note.
"""

from __future__ import annotations

from django.db.models import Prefetch

from ..models import Interaction, Person, RapportNote
from . import parsing
from .errors import InputError


def _matches(person: Person, ref: str) -> bool:
    text = ref.strip().casefold()
    if not text:
        return False
    if text.isdigit():
        return person.pk == int(text)
    name = person.name.casefold()
    return name == text or name.split()[0] == text


def _whose(people: list[Person], ref: str) -> Person | None:
    found = [p for p in people if _matches(p, ref)]
    if not found:
        found = [p for p in people if ref.strip().casefold() in p.name.casefold()]
    return found[0] if len(found) == 1 else None


def split_notes(
    texts: list[str], people: list[Person], field: str = "rapport_note"
) -> dict[int, str]:
    """Each person's note (by id) from ``texts``: ``Name=note`` items or one bare note.

    ``Name: note`` is read as a person's note only when ``Name`` is one of
    ``people`` (a bare note may well hold a colon). An ``InputError`` names the
    first problem: a name that is not among ``people``, two notes for one person,
    or a bare note when several people were met.
    """
    notes: dict[int, str] = {}
    bare: list[str] = []
    names = ", ".join(p.name for p in people)
    for raw in texts:
        for line in (raw or "").replace("\r\n", "\n").split("\n"):
            line = line.strip()
            if not line:
                continue
            person = None
            if "=" in line:
                ref, note = line.split("=", 1)
                person = _whose(people, ref)
                if person is None:
                    raise InputError(
                        f"{field}: {ref.strip()!r} is not one of the people logged ({names}); "
                        "write the note as Name=note with one of their names.",
                        field,
                    )
            elif ":" in line:
                ref, note = line.split(":", 1)
                person = _whose(people, ref) if len(ref.split()) <= 4 else None
            if person is None:
                bare.append(line)
                continue
            note = parsing.clean_text(note, field).strip()
            if not note:
                continue
            if person.pk in notes:
                raise InputError(
                    f"{field}: two notes for {person.name}; give each person one note.", field
                )
            notes[person.pk] = note
    if bare:
        if len(people) != 1:
            raise InputError(
                f"{field}: with {len(people)} people, say whose note it is: one line per "
                'person as Name=note (e.g. "Lena=We both ran Berlin").',
                field,
            )
        if people[0].pk in notes:
            raise InputError(
                f"{field}: two notes for {people[0].name}; give each person one note.", field
            )
        notes[people[0].pk] = parsing.clean_text(" ".join(bare), field)
    return notes


def summary_text(notes: dict[int, str], people: list[Person]) -> str:
    """The notes as one text (the interaction's ``rapport_note``: search, exports, feed)."""
    if len(notes) == 1 and len(people) == 1:
        return next(iter(notes.values()))
    by_id = {p.pk: p for p in people}
    return "; ".join(f"{by_id[pk].name}: {note}" for pk, note in notes.items() if pk in by_id)


def save_notes(interaction: Interaction, notes: dict[int, str]) -> None:
    RapportNote.objects.bulk_create(
        [RapportNote(interaction=interaction, person_id=pk, note=n) for pk, n in notes.items()]
    )


def note_for(interaction: Interaction | None, person: Person | None) -> str:
    """What built rapport with ``person`` in ``interaction``: their own note only.

    An interaction logged before notes were per person (or restored from an old
    backup) has one shared note: it is used only when that person was the only
    one there.
    """
    if interaction is None or person is None:
        return ""
    own = (
        RapportNote.objects.filter(interaction=interaction, person=person)
        .values_list("note", flat=True)
        .first()
    )
    if own is not None:
        return own
    if RapportNote.objects.filter(interaction=interaction).exists():
        return ""
    if interaction.people.count() == 1:
        return interaction.rapport_note
    return ""


def notes_json(interaction: Interaction) -> list[dict]:
    return [
        {"person_id": n.person_id, "person": n.person.name, "note": n.note}
        for n in interaction.rapport_notes.select_related("person").order_by("id")
    ]


def prefetch_notes() -> Prefetch:
    """For a timeline: each interaction's notes as ``notes_by_person``, with the names.

    A panel's notes show one line per person ("Connected with Lena on: ..."); the
    joined ``rapport_note`` ("Lena: We both ran Berlin.; Max: ...") read badly there.
    """
    notes = RapportNote.objects.select_related("person").only(
        "interaction_id", "note", "person__name"
    )
    return Prefetch("rapport_notes", notes.order_by("id"), to_attr="notes_by_person")
