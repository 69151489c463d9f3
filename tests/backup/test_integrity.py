"""Issue 10: restore refuses what would lose data or break the workspace (points 1, 2, 14)."""

from __future__ import annotations

import io

import pytest

from followthrough.backup.restore import restore
from followthrough.tracker.models import Person
from followthrough.tracker.services.errors import InputError

from .conftest import build_workspace, export_text


def refusal(owner, text: str, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        restore(owner, io.StringIO(text), name="backup.json", **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    return message


# Point 1: a backup with nothing in it never replaces a workspace ---------------------


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "followthrough-backup", "schema_version": 1}',
        '{"format": "followthrough-backup", "schema_version": 1, "people": []}',
    ],
    ids=["no-sections", "empty-sections"],
)
def test_replace_with_a_backup_of_nothing_is_refused(fresh, text):
    build_workspace(fresh)
    before = export_text(fresh)

    message = refusal(fresh, text, replace=True)

    assert message.startswith("backup.json holds no data")
    assert "nothing was changed" in message
    assert export_text(fresh) == before


def test_replace_with_a_real_backup_of_an_empty_workspace_is_refused_too(owner, fresh):
    empty = export_text(owner)
    build_workspace(fresh)
    before = export_text(fresh)

    refusal(fresh, empty, replace=True)

    assert export_text(fresh) == before


def test_an_empty_backup_still_restores_into_an_empty_workspace(owner, fresh):
    text = '{"format": "followthrough-backup", "schema_version": 1}'
    restore(fresh, io.StringIO(text), replace=True)
    assert not Person.objects.filter(owner=fresh).exists()
