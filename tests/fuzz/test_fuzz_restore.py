"""Restore, fed arbitrary bytes and near-valid backups: the app's own error or a clean
restore, and a refused backup never changes the workspace (issue 10)."""

from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth import get_user_model
from hypothesis import given
from hypothesis import strategies as st

from followthrough.backup.registry import sections
from followthrough.backup.restore import clear, restore
from followthrough.tracker.services.errors import InputError
from followthrough.tracker.services.owners import workspace_for

from ..backup.conftest import build_workspace, export_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(owner):
    """A real backup with something of every section, made once per test."""
    build_workspace(owner)
    return json.loads(export_text(owner))


@pytest.fixture
def fay(db):
    user = get_user_model().objects.create_user("fay")
    workspace_for(user)
    return user


def attempt(owner, content: bytes, *, replace: bool = False) -> bool:
    """Restore ``content`` as the CLI reads a file; ``True`` when it was restored."""
    before = export_text(owner)
    stream = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig")
    try:
        restore(owner, stream, replace=replace, name="backup.json")
    except InputError as error:
        message = str(error)
        assert message.strip() and "\n" not in message
        assert export_text(owner) == before, "a refused restore changed the workspace"
        return False
    return True


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=12,
)  # fmt: skip


@given(body=st.binary(max_size=2000), prefix=st.sampled_from([b"", b"{", b'{"format": ']))
def test_arbitrary_bytes_are_refused_cleanly(fay, body, prefix):
    attempt(fay, prefix + body)


@given(data=st.data())
def test_a_backup_with_one_value_changed_is_refused_cleanly_or_restored(fay, sample, data):
    names = [s.name for s in sections()]
    section = data.draw(st.sampled_from(names))
    backup = json.loads(json.dumps(sample))
    target = backup[section]
    if isinstance(target, list):
        if not target:
            return
        target = target[data.draw(st.integers(0, len(target) - 1))]
    if not isinstance(target, dict):
        return
    key = data.draw(st.sampled_from([*sorted(target), "not_a_field"]))
    interesting = st.sampled_from([
        None, 0, -1, 2**31, 2**63, 1.5, "", "x" * 5000, "9999-12-31", "0001-01-01",
        "9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00", "\ud800", "\x00",
        "javascript:alert(1)", [], {}, [1, 2], {"leadership": {"clan": 100}}, True,
    ])  # fmt: skip
    target[key] = data.draw(st.one_of(interesting, JSON))
    text = json.dumps(backup, ensure_ascii=data.draw(st.booleans()))
    replace = data.draw(st.booleans())
    if replace:  # over a workspace with data: a refusal must leave all of it
        restore(fay, io.StringIO(json.dumps(sample)), replace=True)
    restored = attempt(fay, text.encode("utf-8", errors="surrogatepass"), replace=replace)
    if restored:
        # What restored must export again, and restore again into an empty workspace.
        again = export_text(fay)
        clear(fay)
        assert attempt(fay, again.encode()), "a restored workspace exported an unreadable backup"
    clear(fay)


@given(cut=st.integers(0, 10**6), noise=st.binary(max_size=20))
def test_a_cut_or_damaged_backup_is_refused_cleanly(fay, sample, cut, noise):
    text = json.dumps(sample).encode()
    cut %= len(text) + 1
    attempt(fay, text[:cut] + noise)
    clear(fay)
