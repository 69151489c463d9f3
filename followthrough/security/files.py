"""The data folder is private: the folder and every folder in it 0700, every file 0600.

The data folder holds the database (a whole job search: names, notes, addresses),
the secret key and uploads waiting to be imported. Files are created private
(``private_file``, ``open_private``, ``write_private``: use them for any new file
kept there) and, on every start, what the app keeps there is made private again (an
older install, a file copied in).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


# What the app keeps in the data folder; only these are tightened on start, so a
# FOLLOWTHROUGH_HOME pointed at a folder with other things in it leaves those alone.
OWN_ENTRIES = (
    "followthrough.sqlite3",
    "secret_key",
    "imports",
    "static",
    "documents",
    "imap-password",
)


def private_folder(path: Path) -> Path:
    """Make ``path`` (and its parents, if missing) 0700, and tighten what the app keeps in it.

    A data folder set to the user's home folder (or a filesystem root) keeps its mode.
    """
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if path != Path.home() and len(path.parts) > 2:
        _tighten_one(path, FOLDER_MODE)
    for entry in path.iterdir():
        if entry.name.startswith(OWN_ENTRIES):  # the database's -wal, -shm and -journal too
            tighten(entry)
    return path


def tighten(root: Path) -> None:
    """Remove every group and other permission under ``root`` (itself included).

    Symbolic links are left alone (never followed); files of another user, which
    cannot be changed, are skipped.
    """
    if root.is_symlink():
        return
    if not root.is_dir():
        _tighten_one(root, FILE_MODE)
        return
    _tighten_one(root, FOLDER_MODE)
    for folder, folders, files in os.walk(root):
        for name in folders:
            _tighten_one(Path(folder, name), FOLDER_MODE)
        for name in files:
            _tighten_one(Path(folder, name), FILE_MODE)


def _tighten_one(path: Path, wanted: int) -> None:
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            return
        current = stat.S_IMODE(info.st_mode)
        if current & 0o077:
            path.chmod(current & wanted)
    except OSError:
        pass


def private_file(path: Path) -> Path:
    """Create ``path`` empty with mode 0600 if it is missing (an empty file is a new SQLite
    database); tighten it if it exists."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        _tighten_one(path, FILE_MODE)
    return path


def open_private(path: Path, mode: str = "wb"):
    """``open(path, mode)`` for writing, the file created (or truncated) with mode 0600."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    handle = os.open(path, flags, FILE_MODE)
    _tighten_one(path, FILE_MODE)  # an existing file keeps its mode through O_CREAT
    return os.fdopen(handle, mode)


def write_private(path: Path, text: str) -> None:
    with open_private(path, "w") as out:
        out.write(text)
