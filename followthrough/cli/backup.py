"""``followthrough export json|csv|vcard`` and ``followthrough restore``: your data out and back.

Files named by ``--out`` are written to a temporary file beside them and moved
into place at the end, so a failed export never leaves half a backup behind.
"""

from __future__ import annotations

import fcntl
import glob
import io
import os
import sys
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer

from . import django_setup
from .output import emit_json, fail, say

OutFile = Annotated[
    Path | None,
    typer.Option(
        "--out",
        "-o",
        metavar="FILE",
        help="Write to FILE instead of stdout (replaced if it exists).",
        dir_okay=False,
    ),
]


@contextmanager
def _written(path: Path, option: str = "--out"):
    """A text file that appears at ``path`` only once everything was written.

    The temporary file beside it is locked while it is written, flushed to disk
    (``fsync``) before it is renamed over ``path``, and the folder is synced
    after, so a power cut leaves the old file or the new one, never half of one.
    A temporary file left by an export that was killed (``kill -9``, a crash)
    is not locked any more: the next export to the same path removes it.
    """
    folder = path.parent if str(path.parent) else Path(".")
    _sweep_leftovers(folder, path.name)
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        fail(f"{option}: cannot write in {folder} ({error.strerror}); choose another place.")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
            os.replace(temporary, path)
        _sync_folder(folder)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _sweep_leftovers(folder: Path, name: str) -> None:
    """Remove ``.<name>.*.tmp`` files that no running export holds (see ``_written``)."""
    try:
        leftovers = list(folder.glob(f".{glob.escape(name)}.*.tmp"))
    except OSError:
        return
    for leftover in leftovers:
        try:
            fd = os.open(leftover, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # another export is writing it right now
        else:
            leftover.unlink(missing_ok=True)
        finally:
            os.close(fd)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _to_stdout(write: Callable[[TextIO], object]) -> None:
    # Bytes straight to stdout: no newline translation, UTF-8 whatever the locale.
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=True)
    try:
        write(out)
        out.flush()
    finally:
        out.detach()


def _describe(counts: dict[str, int]) -> str:
    """``"40 people, 11 organizations, ..."``: the rows, settings left out."""
    from followthrough.backup.registry import sections
    from followthrough.backup.restore import describe

    rows = {s.name for s in sections() if not s.single}
    return describe({name: n for name, n in counts.items() if name in rows})


def export_json_command(out: OutFile = None) -> None:
    """Export your whole workspace as one JSON file: the lossless backup.

    Every person, organization, opportunity (with its people and stage history),
    interaction, task (done, snoozed and dismissed ones too), tag, template and
    setting, with a schema version. `followthrough restore FILE` brings it back.

    Example: followthrough export json --out followthrough-backup.json
    """
    owner = django_setup.owner()

    from followthrough.backup.export_json import write_json

    if out is None:
        _to_stdout(lambda stream: write_json(owner, stream))
        return
    with _written(out) as stream:
        counts = write_json(owner, stream)
    say(f"Wrote a backup of {_describe(counts)} to {out}.")


def export_csv_command(
    entity: Annotated[
        str | None,
        typer.Argument(
            metavar="ENTITY",
            help="people, organizations, opportunities, interactions or tasks.",
            show_default=False,
        ),
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Every entity, one file each (needs --out DIR).")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Write ENTITY.csv into this folder (made if missing) instead of stdout.",
            file_okay=False,
        ),
    ] = None,
) -> None:
    """Export people, organizations, opportunities, interactions or tasks as CSV.

    One header row, UTF-8 with a byte-order mark, CRLF line ends and proper
    quoting, so it opens cleanly in Excel and LibreOffice. Lists (emails, tags,
    people) are joined with "; "; dates are YYYY-MM-DD.

    Example: followthrough export csv people > people.csv

    Example: followthrough export csv --all --out exports/
    """
    django_setup.setup()
    from followthrough.backup.csv_export import ENTITIES

    if all_ == (entity is not None):
        fail("give one ENTITY (" + ", ".join(ENTITIES) + ") or --all, not both or neither.")
    if all_ and out is None:
        fail("--all writes one file per entity: give the folder with --out DIR.")
    owner = django_setup.owner()

    from followthrough.backup.csv_export import entity as find_entity
    from followthrough.backup.csv_export import write_csv

    names = list(ENTITIES) if all_ else [find_entity(entity, "ENTITY").name]
    if out is None:
        _to_stdout(lambda stream: write_csv(owner, names[0], stream))
        return
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        fail(f"--out: cannot make the folder {out} ({error.strerror}); choose another.")
    for name in names:
        path = out / f"{name}.csv"
        with _written(path) as stream:
            rows = write_csv(owner, name, stream)
        say(f"Wrote {path} ({_rows(rows)}).")


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def export_vcard_command(out: OutFile = None) -> None:
    """Export your people as vCard 3.0 cards, for any address book.

    Names, emails, phones, organization, title, LinkedIn profile, birthday
    (--MMDD when the year is unknown), notes and tags (as categories).

    Example: followthrough export vcard --out people.vcf
    """
    owner = django_setup.owner()

    from followthrough.backup.vcard_export import write_vcards

    if out is None:
        _to_stdout(lambda stream: write_vcards(owner, stream))
        return
    with _written(out) as stream:
        count = write_vcards(owner, stream)
    say(f"Wrote {count} {'card' if count == 1 else 'cards'} to {out}.")


def restore_command(
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE", help="A backup made by `followthrough export json` (- for stdin)."
        ),
    ],
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Delete everything in your workspace first, then restore."),
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask before --replace deletes your data.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the number of rows restored per section.")
    ] = False,
) -> None:
    """Restore a backup made by `followthrough export json`: all or nothing.

    Restores into an empty workspace; with --replace, everything in the
    workspace is deleted first (it asks; --yes answers for scripts). A file of
    a newer schema version, or with any bad row, is refused and nothing changes.

    Example: followthrough restore followthrough-backup.json

    Example: followthrough restore backup.json --replace --yes
    """
    owner = django_setup.owner()

    from followthrough.backup.restore import describe, existing_data, restore

    if replace and not yes:
        existing = existing_data(owner)
        if any(existing.values()):
            _confirm(f"--replace deletes {describe(existing)} from your workspace first")
    with _opened(file) as stream:
        counts = restore(owner, stream, replace=replace, name=file)
    if as_json:
        emit_json(counts)
        return
    say(f"Restored {_describe(counts)} from {file}.")


def _confirm(what: str) -> None:
    if not sys.stdin.isatty():
        fail(f"{what}; add --yes to confirm.")
    if not typer.confirm(f"{what}. Go on?", default=False):
        fail("nothing was changed.")


@contextmanager
def _opened(file: str):
    if file == "-":
        yield io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig")
        return
    path = Path(file)
    if path.is_dir():
        fail(f"FILE: {file} is a folder; give the backup file (.json) in it.")
    try:
        stream = path.open(encoding="utf-8-sig")
    except FileNotFoundError:
        fail(f"FILE: {file} does not exist; give the path of a backup made by `export json`.")
    except OSError as error:
        fail(f"FILE: cannot read {file} ({error.strerror}).")
    with stream:
        yield stream
