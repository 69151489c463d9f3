"""Mailbox files as raw messages: mbox (mboxo and mboxrd) and single .eml files.

An mbox is read as a stream, one message at a time, so its size does not
matter. Gmail Takeout and Thunderbird both start each message with a
``From `` line; a body line that starts with ``From `` is written ``>From ``
(mboxo) or with one more ``>`` (mboxrd): either way one ``>`` is removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from followthrough.tracker.services.errors import InputError

_QUOTED_FROM = re.compile(rb"^>(>*From )")


def mbox_messages(stream: BinaryIO, name: str) -> Iterator[bytes]:
    """Each message of an mbox stream, as bytes; ``InputError`` when it is not an mbox."""
    first = stream.readline()
    while first in (b"\n", b"\r\n"):
        first = stream.readline()
    if first.startswith(b"\xef\xbb\xbf"):
        first = first[3:]
    if not first:
        raise InputError(f"{name}: the file is empty; export the mailbox again.", "file")
    if not first.startswith(b"From "):
        raise InputError(
            f"{name}: this is not an mbox file (it does not start with a 'From ' line); "
            "export the mailbox as mbox, or import single messages with `import eml`.",
            "file",
        )
    lines: list[bytes] = []
    for line in stream:
        if line.startswith(b"From "):
            if lines:
                yield b"".join(lines)
            lines = []
            continue
        if line.startswith(b">") and _QUOTED_FROM.match(line):
            line = line[1:]
        lines.append(line)
    if lines:
        yield b"".join(lines)


def read_mbox(path: Path) -> Iterator[bytes]:
    with path.open("rb") as stream:
        yield from mbox_messages(stream, path.name)


def check_eml(data: bytes, name: str) -> bytes:
    """The bytes of one message file, or ``InputError`` when they are not a message."""
    from .parsing import parse

    if b"\x00" in data[:4096] or parse(data) is None:
        raise InputError(
            f"{name}: this is not an email message (no From, Date or Message-ID header); "
            "save the message as .eml from your mail program.",
            "file",
        )
    return data


def read_emls(paths: list[Path]) -> list[bytes]:
    """Every file's bytes, all checked before any is imported (all or nothing)."""
    result = []
    for path in paths:
        if not path.is_file():
            raise InputError(f"FILE: there is no file {str(path)!r}; check the path.", "file")
        result.append(check_eml(path.read_bytes(), path.name))
    return result


def check_file(path: Path) -> None:
    if not path.is_file():
        raise InputError(f"FILE: there is no file {str(path)!r}; check the path.", "file")
