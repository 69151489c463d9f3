"""The JSON backup: lossless round trip, the refusals, all or nothing."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.apps import apps
from django.conf import settings

from followthrough.backup.reader import Reader
from followthrough.backup.registry import NOT_BACKED_UP, SCHEMA_VERSION, SECTIONS, sections
from followthrough.backup.restore import WorkspaceNotEmpty, restore
from followthrough.culture.models import Rating
from followthrough.drafts.models import MessageTemplate
from followthrough.tracker.models import Interaction, Organization, Person, Task
from followthrough.tracker.services.errors import InputError

from .conftest import build_workspace, export_text, normalised


def restore_text(owner, text: str, **kwargs) -> dict:
    return restore(owner, io.StringIO(text), name="backup.json", **kwargs)


def refusal(owner, text: str, **kwargs) -> str:
    with pytest.raises(InputError) as caught:
        restore_text(owner, text, **kwargs)
    message = str(caught.value)
    assert "\n" not in message
    return message


# The round trip -------------------------------------------------------------------


def test_a_restored_backup_exports_exactly_the_same(owner, sam_data, fresh):
    original = export_text(owner)

    counts = restore_text(fresh, original)

    assert counts["people"] == 3 and counts["interactions"] == 2 and counts["tasks"] == 4
    again = export_text(fresh)
    assert normalised(again) == normalised(original)
    assert json.loads(again)["people"][0]["id"] != json.loads(original)["people"][0]["id"]


def test_the_restored_rows_keep_every_detail(owner, sam_data, fresh):
    restore_text(fresh, export_text(owner))

    ada = Person.objects.get(owner=fresh, name="Ada Lovelace")
    assert (ada.birthday_year, ada.birthday_month, ada.birthday_day) == (None, 12, 10)
    assert ada.emails == ["ada@example.com", "ada@work.example"]
    assert sorted(t.name for t in ada.tags.all()) == ["alumni", "mentor"]
    assert all(t.owner_id == fresh.pk for t in ada.tags.all())
    assert ada.introduced_by.name == "Cy" and ada.introduced_by.owner_id == fresh.pk
    assert ada.organization.owner_id == fresh.pk
    assert ada.created_at == sam_data["ada"].created_at

    interview = Interaction.objects.get(owner=fresh, kind="interview")
    assert sorted(p.name for p in interview.people.all()) == ["Ada Lovelace", "Bo Brännström"]
    assert interview.occurred_time == dt.time(14, 30)
    opp = interview.opportunity
    assert opp.owner_id == fresh.pk and opp.referred_by.name == "Bo Brännström"
    assert [(c.stage, c.on.isoformat()) for c in opp.stage_changes.all()] == [
        ("lead", "2026-02-10"), ("applied", "2026-02-15"), ("interviewing", "2026-02-25"),
    ]  # fmt: skip
    assert {(i.person.name, i.role) for i in opp.involved.all()} == {
        ("Ada Lovelace", "hiring_manager"), ("Bo Brännström", "referrer"),
    }  # fmt: skip

    states = {
        t.title: (t.status, t.snoozed_until, t.rule, t.key)
        for t in Task.objects.filter(owner=fresh)
    }
    assert states["Call Bo back"] == ("open", dt.date(2026, 3, 5), "manual", "")
    assert states["Update the CV"][0] == "done"
    thank = states["Thank Ada"]
    assert thank[:3] == ("dismissed", None, "thank-you")
    assert thank[3] == f"thank-you:{sam_data['interview'].pk}:{sam_data['ada'].pk}"

    rating = Rating.objects.get(owner=fresh)
    assert rating.interaction.owner_id == fresh.pk and rating.organization.owner_id == fresh.pk
    assert rating.evidence == {"leadership": "Warm."}
    assert fresh.digest_settings.address == "sam@example.com"
    assert MessageTemplate.objects.get(owner=fresh).subject == "Thanks, {{ first_name }}"

    workspace = fresh.workspace
    workspace.refresh_from_db()
    assert (workspace.time_zone, workspace.mode, workspace.nudge_after_days) == (
        "Europe/Paris", "landed", 5,
    )  # fmt: skip


def test_the_backup_names_its_format_version_and_time(owner, sam_data):
    data = json.loads(export_text(owner))

    assert list(data)[:4] == ["format", "schema_version", "exported_at", "app_version"]
    assert data["format"] == "followthrough-backup"
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["exported_at"] == "2026-03-02T10:00:00+00:00"
    assert [k for k in data if k not in list(data)[:4]] == [s.name for s in sections()]


def test_an_export_holds_only_the_owners_rows(owner, sam_data, outsider):
    build_workspace(outsider)
    Person.objects.create(owner=outsider, name="Olive's secret contact")

    text = export_text(owner)

    assert "Olive's secret contact" not in text
    assert len(json.loads(text)["people"]) == 3


def test_every_owned_table_is_in_the_backup_or_left_out_with_a_reason():
    listed = {s.model_label for s in SECTIONS} | set(NOT_BACKED_UP)
    backed_up = {s.model for s in sections()}
    missing = []
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.app_label in {"auth", "contenttypes", "sessions", "admin"}:
            continue
        refers = {f.related_model for f in model._meta.concrete_fields if f.is_relation}
        owned = any(
            m is not None and (m._meta.label == settings.AUTH_USER_MODEL or m in backed_up)
            for m in refers
        )
        if owned and label not in listed:
            missing.append(label)
    assert missing == []


def test_a_restore_into_an_empty_workspace_of_an_empty_backup_is_fine(owner, fresh):
    assert restore_text(fresh, export_text(owner))["people"] == 0


# Refusals -------------------------------------------------------------------------


def test_it_refuses_a_workspace_that_has_data(owner, sam_data, fresh):
    text = export_text(owner)
    Organization.objects.create(owner=fresh, name="Mine")

    with pytest.raises(WorkspaceNotEmpty) as caught:
        restore_text(fresh, text)

    assert str(caught.value) == (
        "Your workspace already has data (1 organization); restore fills an empty workspace"
        " only: add --replace to delete what is there first."
    )
    assert list(Organization.objects.filter(owner=fresh).values_list("name", flat=True)) == ["Mine"]


def test_replace_deletes_the_owners_data_first_and_nobody_elses(owner, sam_data, fresh, outsider):
    text = export_text(owner)
    build_workspace(fresh)
    Person.objects.create(owner=fresh, name="Only in Fay's workspace")
    build_workspace(outsider)

    restore_text(fresh, text, replace=True)

    assert normalised(export_text(fresh)) == normalised(text)
    assert Person.objects.filter(owner=outsider).count() == 3


def test_it_refuses_a_newer_schema_version(owner, fresh):
    text = export_text(owner).replace(
        f'"schema_version": {SCHEMA_VERSION}', f'"schema_version": {SCHEMA_VERSION + 1}'
    )

    assert refusal(fresh, text) == (
        f"backup.json has schema version {SCHEMA_VERSION + 1}, newer than this Followthrough"
        f" reads (schema version {SCHEMA_VERSION}); upgrade Followthrough, then restore."
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Name,Email\nAda,ada@example.com\n",
            "backup.json is not a readable backup: it is not a JSON object (a backup starts"
            " with '{') at line 1, column 1; export a new one with `followthrough export json`.",
        ),
        (
            "",
            "backup.json is not a readable backup: it is not a JSON object (a backup starts"
            " with '{') at line 1, column 1; export a new one with `followthrough export json`.",
        ),
        (
            '{"format": "followthrough-backup", "schema_version": 1, "people": [{"id": 1,}]}',
            "backup.json is not a readable backup: expecting property name enclosed in double"
            " quotes at line 1, column 77; export a new one with `followthrough export json`.",
        ),
        (
            '{"format": "followthrough-backup", "schema_version": 1}\n{"again": 1}',
            "backup.json is not a readable backup: there is more text after the backup's"
            " closing '}' at line 2, column 1; export a new one with `followthrough export json`.",
        ),
        (
            '{"format": "vcard", "schema_version": 1}',
            "backup.json is not a Followthrough backup (it has the format 'vcard', not"
            " 'followthrough-backup'); export one with `followthrough export json`.",
        ),
        (
            '{"schema_version": 1}',
            'backup.json is not a Followthrough backup (it has no "format", not'
            " 'followthrough-backup'); export one with `followthrough export json`.",
        ),
        (
            '{"format": "followthrough-backup", "schema_version": "1"}',
            "backup.json: schema_version '1' is not a schema version (1 or more).",
        ),
    ],
    ids=["csv", "empty", "syntax", "trailing", "format", "no-format", "version-text"],
)
def test_it_refuses_what_is_not_a_backup_in_one_line(fresh, text, message):
    assert refusal(fresh, text) == message


def _with(text: str, section: str, index: int, **changes) -> str:
    data = json.loads(text)
    data[section][index].update(changes)
    return json.dumps(data, indent=1)


@pytest.mark.parametrize(
    ("section", "index", "changes", "message"),
    [
        ("people", 1, {"met_on": "2026-13-01"},
         "backup.json: people[1].met_on '2026-13-01' is not a date (write it like 2026-03-02)."),
        ("people", 0, {"situation": "astronaut"},
         "backup.json: people[0].situation 'astronaut' is not one of employed, hiring_manager,"
         " recruiter, retired, seeking, self_employed, student, unknown."),
        ("people", 0, {"emails": "ada@example.com"},
         "backup.json: people[0].emails must be a list of text."),
        ("people", 2, {"organization_id": 999},
         "backup.json: people[2].organization_id refers to organizations id 999, which the"
         " file does not have."),
        ("interactions", 1, {"people": [999999]},
         "backup.json: interactions[1].people[0] refers to people id 999999, which the file"
         " does not have."),
        ("tasks", 3, {"status": None}, "backup.json: tasks[3].status must not be null."),
        ("tasks", 0, {"colour": "red"},
         "backup.json: tasks[0].colour is not a field of this section."),
        ("opportunities", 0, {"interest": True},
         "backup.json: opportunities[0].interest must be a whole number, not true/false."),
        ("tags", 0, {"name": "x" * 61},
         "backup.json: tags[0].name is 61 characters long; the most is 60."),
    ],
    ids=["date", "choice", "list", "reference", "many", "null", "unknown", "bool", "length"],
)  # fmt: skip
def test_a_bad_field_is_named_by_its_path(owner, sam_data, fresh, section, index, changes, message):
    text = _with(export_text(owner), section, index, **changes)

    assert refusal(fresh, text) == message


def test_a_missing_field_with_no_default_is_named(owner, sam_data, fresh):
    data = json.loads(export_text(owner))
    del data["interactions"][0]["kind"]

    assert refusal(fresh, json.dumps(data)) == "backup.json: interactions[0].kind is missing."


def test_a_bad_time_zone_is_refused(owner, fresh):
    data = json.loads(export_text(owner))
    data["workspace"]["time_zone"] = "Mars/Olympus"

    assert refusal(fresh, json.dumps(data)) == (
        "backup.json: workspace.time_zone 'Mars/Olympus' is not a time zone; use a name such"
        " as Europe/Paris or America/New_York."
    )


# All or nothing -------------------------------------------------------------------


def test_a_failure_on_the_last_row_leaves_an_empty_workspace_empty(owner, sam_data, fresh):
    text = _with(export_text(owner), "tasks", 3, due="soon")

    refusal(fresh, text)

    assert not Person.objects.filter(owner=fresh).exists()
    assert not Interaction.objects.filter(owner=fresh).exists()
    fresh.workspace.refresh_from_db()
    assert fresh.workspace.time_zone != "Europe/Paris"


def test_a_failed_replace_leaves_the_workspace_as_it_was(owner, sam_data, fresh):
    build_workspace(fresh)
    before = export_text(fresh)
    text = _with(export_text(owner), "interactions", 1, occurred_on="yesterday")

    refusal(fresh, text, replace=True)

    assert export_text(fresh) == before


def test_a_row_the_database_refuses_is_one_line_and_nothing_is_kept(owner, sam_data, fresh):
    data = json.loads(export_text(owner))
    data["tags"].append({"id": 99, "name": "MENTOR"})  # tag names are unique, in any case

    message = refusal(fresh, json.dumps(data))

    assert message.startswith("backup.json: tags has a row the database refuses (")
    assert message.endswith("); nothing was restored.")
    assert not Person.objects.filter(owner=fresh).exists()


# The reader ------------------------------------------------------------------------


def test_the_reader_streams_list_items_across_its_buffer(monkeypatch):
    monkeypatch.setattr("followthrough.backup.reader._BUFFER", 7)
    text = '{ "a" : 12345678, "rows": [ {"x": "long text é"} , {"y": [1, 2]} ], "z": true }'

    entries = []
    for key, value in Reader(io.StringIO(text)).entries(frozenset({"rows"})):
        entries.append((key, list(value) if key == "rows" else value))

    assert entries == [
        ("a", 12345678),
        ("rows", [{"x": "long text é"}, {"y": [1, 2]}]),
        ("z", True),
    ]


def test_a_reindented_backup_still_restores(owner, sam_data, fresh):
    text = json.dumps(json.loads(export_text(owner)), indent=4)

    restore_text(fresh, text)

    assert Person.objects.filter(owner=fresh).count() == 3
