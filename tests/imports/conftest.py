"""Helpers for the import tests: files written as the real exporters write them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followthrough.imports import reading
from followthrough.imports.apply import import_records

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def write(tmp_path):
    """``write(name, text_or_bytes, encoding="utf-8")`` -> the path of a new file."""

    def write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return write


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def run_import(owner, path: Path, kind: str = "auto", mapping=None, dry_run: bool = False):
    read = reading.read(kind, path, path.name, mapping)
    return import_records(owner, read, today=TODAY, dry_run=dry_run)
