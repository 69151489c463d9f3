"""vCard files (``.vcf``): one card or many, versions 3.0 and 4.0, and 2.1 where it parses.

Real files end lines with CRLF, LF or even CR CR LF, may lack a final newline,
fold long lines, and write a birthday without a year as ``--MMDD`` (Google, even
in 3.0) or with Apple's year 1604. vCard 2.1 (Outlook, Android) folds
quoted-printable values with a trailing ``=``, which is joined here before
``vobject`` reads the card; a 2.1 file that still does not parse gets a message
saying how to export 3.0 instead.
"""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path

import vobject

from . import files
from .records import (
    FileProblem,
    Read,
    Record,
    clean_linkedin_url,
    join_name,
    parse_birthday,
    problem,
)

_LINE_ENDS = re.compile(r"\r*\n|\r")
_QP = re.compile(r"^[^:]*QUOTED-PRINTABLE[^:]*:", re.I)
EXPORT_30 = (
    "export the contacts again as vCard 3.0 (in Outlook: File > Save As > vCard; on Android:"
    " Contacts > Export to .vcf from Google Contacts), then import that file."
)


def read(path: Path, filename: str, text: files.Text | None = None) -> Read:
    text = text or files.sniff(path, filename)
    result = Read("vcard", filename, notes=[text.note] if text.note else [], unit="card")
    with files.open_text(path, text) as stream:
        content, lines = normalise_lines(stream.read(), filename)
    if "BEGIN:VCARD" not in content.upper():
        raise problem(filename, "there is no vCard in it (no BEGIN:VCARD line); is it a .vcf?")
    version_21 = bool(re.search(r"^VERSION:\s*2\.1", content, re.M | re.I))
    skipped = _SkippedLines(filename, content, lines)
    try:
        with skipped:
            cards = vobject.readComponents(content, ignoreUnreadable=True)
            for number, card in enumerate(cards, 1):
                result.rows += 1
                record = _record(card, number, filename)
                if record.name:
                    result.records.append(record)
                else:
                    result.skipped.append((number, "no name and no email: nothing to import."))
    except FileProblem:
        raise
    except (vobject.base.ParseError, ValueError, AttributeError) as error:
        where = f"card {result.rows + 1}"
        if version_21:
            message = f"this vCard 2.1 file cannot be read ({where}); {EXPORT_30}"
            raise problem(filename, message) from None
        raise problem(filename, f"the vCard is malformed at {where} ({error}).") from None
    result.notes.extend(skipped.notes)
    return result


class _SkippedLines:
    """While reading: vobject's "Skipped line" log records, as notes for the user.

    vobject logs them on its own stderr handler, without ``warning:`` and with a
    line number of its own counting (wrong after folded or blank lines); here
    they become notes (the CLI prints them as ``warning:`` lines, the page shows
    them) naming the line of the file, found from the skipped text. The web
    server reads files in several threads at once: each thread's records go to
    that thread's reader (``_Dispatch``).
    """

    def __init__(self, filename: str, content: str, lines: list[int]) -> None:
        self.filename, self.lines, self.notes = filename, lines, []
        self.texts = content.split("\n")
        self.cursor = 0

    def __enter__(self):
        _Dispatch.install()
        _current.reader = self
        return self

    def __exit__(self, *exc) -> None:
        _current.reader = None

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith("Skipped"):
            return
        _, found, text = message.partition("Failed to parse line: ")
        where = self.filename
        line = self.find(text) if found else None
        if line is not None:
            where += f", line {line}"
        shown = f" ({text[:80]!r})" if text else ""
        if len(self.notes) < 50:
            self.notes.append(f"{where}: skipped a line that is not a vCard property{shown}.")

    def find(self, text: str) -> int | None:
        """The file's line of the next normalised line that starts ``text`` (unfolded)."""
        for i in range(self.cursor, len(self.texts)):
            candidate = self.texts[i]
            if candidate and text.startswith(candidate) and i < len(self.lines):
                self.cursor = i + 1
                return self.lines[i]
        return None


def normalise(content: str) -> str:
    """One ``\\n`` per line, a final newline, and 2.1's quoted-printable soft breaks joined."""
    return normalise_lines(content)[0]


def normalise_lines(content: str, filename: str = "the file") -> tuple[str, list[int]]:
    """``normalise``, and for each line of its result the file's line it starts on.

    Bounded before vobject sees the text: a line longer than ``MAX_LINE`` or
    cards nested more than ``MAX_DEPTH`` deep are refused (vobject would take
    gigabytes, or recurse until Python stops it), and pictures and sounds
    (``PHOTO``, ``LOGO``, ``SOUND``, ``KEY``), which an import does not keep,
    are dropped with their folded lines rather than decoded.
    """
    lines = _LINE_ENDS.split(content.lstrip("\ufeff"))
    joined: list[tuple[int, str]] = []
    depth = 0
    dropping = False
    i = 0
    while i < len(lines):
        start, line = i + 1, lines[i]
        if len(line) > MAX_LINE:
            megabytes = len(line) / 1024 / 1024
            raise problem(
                filename,
                f"the line is {megabytes:.1f} MB long, more than the {MAX_LINE // 1024 // 1024}"
                " MB a vCard line may be; this is not a contacts file an import can read.",
                start,
                unit="line",
            )
        if dropping and line[:1] in (" ", "\t"):
            i += 1
            continue
        dropping = bool(_DROPPED.match(line))
        if dropping:
            i += 1
            continue
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            depth += 1
            if depth > MAX_DEPTH:
                raise problem(
                    filename,
                    f"the cards are nested more than {MAX_DEPTH} deep (BEGIN:VCARD inside a"
                    " card); this is not a contacts file an import can read.",
                    start,
                    unit="line",
                )
        elif upper == "END:VCARD":
            depth = max(depth - 1, 0)
        if _QP.match(line):
            while line.endswith("=") and i + 1 < len(lines):
                i += 1
                line = line[:-1] + lines[i]
        joined.append((start, line))
        i += 1
    kept = [(start, line) for start, line in joined if line.strip()]
    return "\n".join(line for _, line in kept) + "\n", [start for start, _ in kept]


_current = threading.local()


class _Dispatch(logging.Handler):
    """vobject's one log handler: each record to the reading thread's ``_SkippedLines``."""

    _installed = False
    _lock = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        reader = getattr(_current, "reader", None)
        if reader is not None:
            reader.emit(record)

    @classmethod
    def install(cls) -> None:
        with cls._lock:
            if cls._installed:
                return
            logger = logging.getLogger("vobject.base")
            logger.handlers[:] = [cls(logging.ERROR)]  # not vobject's own stderr handler
            logger.propagate = False
            cls._installed = True


MAX_LINE = 1024 * 1024
"""The longest line of a vCard file (a folded photo's lines are 75 characters)."""
MAX_DEPTH = 3
"""How deep cards may nest (vCard 3.0's AGENT holds a card inside a card)."""
_DROPPED = re.compile(r"^(?:[\w-]+\.)?(?:PHOTO|LOGO|SOUND|KEY)[;:]", re.I)


def _values(card, name: str) -> list:
    return [line for line in card.contents.get(name, [])]


def _first(card, name: str) -> str:
    for line in _values(card, name):
        value = line.value
        if isinstance(value, list):
            value = value[0] if value else ""
        if str(value).strip():
            return str(value).strip()
    return ""


def _record(card, number: int, filename: str) -> Record:
    emails = [str(e.value).strip() for e in _values(card, "email") if str(e.value).strip()]
    record = Record(
        row=number,
        name=_name(card) or (emails[0] if emails else ""),
        emails=emails,
        phones=[_phone(t.value) for t in _values(card, "tel") if not _is_fax(t)],
        organization=_first(card, "org"),
        title=_first(card, "title"),
        notes=_first(card, "note").replace("\r\n", "\n"),
        birthday=parse_birthday(_first(card, "bday"), filename, number, "BDAY", "card"),
    )
    record.phones = [p for p in record.phones if p]
    for url in _values(card, "url") + _values(card, "x-socialprofile"):
        value = str(url.value).replace("\\:", ":").strip()
        if "linkedin.com" in value.lower():
            record.linkedin_url = clean_linkedin_url(value)
            break
    return record


def _name(card) -> str:
    name = _first(card, "fn")
    if name:
        return " ".join(name.split())
    for line in _values(card, "n"):
        n = line.value
        if hasattr(n, "given"):
            return join_name(
                _s(n.prefix), _s(n.given), _s(n.additional), _s(n.family), _s(n.suffix)
            )
    return ""


def _s(part) -> str:
    return " ".join(part) if isinstance(part, list) else str(part or "")


def _phone(value) -> str:
    return str(value).strip().removeprefix("tel:").split(";")[0].strip()


def _is_fax(line) -> bool:
    types = ",".join(line.params.get("TYPE", []) + list(line.singletonparams)).lower()
    return "fax" in types
