"""Issue 10: restore refuses what would lose data or break the workspace (points 1, 2, 14)."""

from __future__ import annotations

import io
import json

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


# Point 2: every restored value passes the forms' and the CLI's rules -----------------


def _changed(text: str, section: str, index: int | None, **changes) -> str:
    data = json.loads(text)
    if index is None:
        data[section].update(changes)
    else:
        data[section][index].update(changes)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("section", "index", "changes", "message"),
    [
        ("tasks", 0, {"created_at": "9999-12-31T23:00:00-05:00"},
         "tasks[0].created_at 9999-12-31T23:00:00-05:00 is out of range"),
        ("tasks", 0, {"completed_at": "0001-01-01T00:00:00+05:00"},
         "tasks[0].completed_at 0001-01-01T00:00:00+05:00 is out of range; give a time from"
         " 1900-01-01 to 2199-12-31."),
        ("interactions", 0, {"occurred_on": "9999-12-31"},
         "interactions[0].occurred_on 9999-12-31 is out of range; give a date from 1900-01-01"
         " to 2199-12-31."),
        ("people", 0, {"birthday_month": 13, "birthday_day": 45},
         "people[0].birthday_month --13-45 is not a day of the year."),
        ("people", 0, {"birthday_month": None, "birthday_day": 4},
         "people[0].birthday_month give both the month and the day, or neither."),
        ("people", 0, {"cadence_days": 2147483647},
         "people[0].cadence_days 2147483647 is out of range; write a whole number from 1 to"
         " 3650 (days between two contacts)."),
        ("opportunities", 0, {"interest": 0},
         "opportunities[0].interest 0 is out of range; write a whole number from 1 to 5"
         " (1 is a little, 5 very much)."),
        ("opportunities", 0, {"interest": 99}, "opportunities[0].interest 99 is out of range"),
        ("workspace", None, {"nudge_after_days": 0}, "workspace.nudge_after_days 0 is out of"),
        ("workspace", None, {"max_nudges": 40}, "workspace.max_nudges 40 is out of range"),
        ("culture_settings", None, {"threshold": 0},
         "culture_settings.threshold write a whole number of points from 1 to 100."),
        ("digest_settings", None, {"hour": 24}, "digest_settings.hour 24 is out of range"),
        ("digest_settings", None, {"address": "sam@example.com\r\nBcc: x@evil.example"},
         "digest_settings.address 'sam@example.com\\r\\nBcc: x@evil.example' is not an email"
         " address (it has a line break or a control character in it)."),
        ("preferred_culture", None, {"points": {"leadership": {"clan": "forty"}}},
         "preferred_culture.points leadership.clan is 'forty', not a whole number of points."),
        ("preferred_culture", None, {"points": {"leadership": {"clan": 40.0, "market": 60}}},
         "preferred_culture.points leadership.clan is 40.0, not a whole number of points."),
        ("culture_ratings", 0, {"points": {"leadership": {"clan": 10}}},
         "culture_ratings[0].points Leadership adds up to 10; make its four numbers add up"
         " to 100."),
        ("culture_ratings", 0, {"evidence": {"mood": "Warm."}},
         "culture_ratings[0].evidence 'mood' is not one of the six dimensions."),
        ("message_templates", 0, {"body": "Dear {{ name "},
         "message_templates[0].body line 1: unexpected end of template"),
        ("message_templates", 0, {"name": "love-letter"},
         "message_templates[0].name no template named 'love-letter'"),
        ("organizations", 0, {"website": "javascript:alert(1)"},
         "organizations[0].website 'javascript:alert(1)' is not a web address (javascript:"
         " links are not kept, only http:// and https:// ones)"),
        ("people", 0, {"linkedin_url": "data:text/html,<script>alert(1)</script>"},
         "people[0].linkedin_url 'data:text/html,<script>alert(1)</script>' is not a web"
         " address (data: links"),
        ("opportunities", 0, {"posting_url": "ftp://jobs.example.com/42"},
         "opportunities[0].posting_url 'ftp://jobs.example.com/42' is not a web address"),
        ("people", 1, {"emails": ["bo@example.se", "not an address"]},
         "people[1].emails 'not an address' is not an email address."),
        ("people", 1, {"emails": ["bo@example.se\r\nBcc: x@evil.example"]},
         "people[1].emails 'bo@example.se\\r\\nBcc: x@evil.example' is not an email address"),
        ("people", 1, {"phones": ["+1 555\n0100"]},
         "people[1].phones '+1 555\\n0100' has a line break or a control character in it"),
    ],
    ids=[
        "year-10000", "1-bc", "date-9999", "birthday-13-45", "birthday-half", "cadence",
        "interest-0", "interest-99", "threshold-low", "threshold-high", "culture-threshold",
        "hour", "digest-crlf", "points-text", "points-float", "points-sum", "evidence-key",
        "template-syntax", "template-unknown", "website-js", "linkedin-data", "posting-ftp",
        "email", "email-crlf", "phone-newline",
    ],
)  # fmt: skip
def test_a_restored_value_must_pass_the_apps_rules(
    owner, sam_data, fresh, section, index, changes, message
):
    text = _changed(export_text(owner), section, index, **changes)

    refused = refusal(fresh, text)

    assert refused.startswith(f"backup.json: {message}"), refused
    assert not Person.objects.filter(owner=fresh).exists()


def test_a_refused_value_changes_nothing_on_replace(owner, sam_data, fresh):
    build_workspace(fresh)
    before = export_text(fresh)
    text = _changed(export_text(owner), "opportunities", 0, interest=99)

    refusal(fresh, text, replace=True)

    assert export_text(fresh) == before


# Point 14: text a database cannot hold -----------------------------------------------


@pytest.mark.parametrize(
    ("escaped", "what"),
    [("\\ud800", "a lone surrogate (half of a character)"), ("\\u0000", "a NUL character")],
    ids=["surrogate", "nul"],
)
def test_a_lone_surrogate_or_nul_in_a_backup_is_one_clear_line(owner, sam_data, fresh, escaped,
                                                                 what):
    text = export_text(owner).replace('"Likes puzzles.', f'"Likes {escaped}puzzles.', 1)
    assert escaped in text

    message = refusal(fresh, text)

    assert message.startswith(f"backup.json is not a readable backup: it has {what} in the value")
    assert message.endswith("; export a new one with `followthrough export json`.")
    assert not Person.objects.filter(owner=fresh).exists()


def test_a_surrogate_pair_is_a_character_and_restores(owner, sam_data, fresh):
    text = export_text(owner).replace('"Likes puzzles.', '"Likes \\ud83e\\udde9 puzzles.', 1)

    restore(fresh, io.StringIO(text))

    assert Person.objects.get(owner=fresh, name="Ada Lovelace").notes.startswith("Likes 🧩")


# Point 16: restore's wording ---------------------------------------------------------


def test_a_fraction_for_a_whole_number_says_so(owner, sam_data, fresh):
    text = _changed(export_text(owner), "opportunities", 0, interest=2.5)

    assert refusal(fresh, text) == (
        "backup.json: opportunities[0].interest must be a whole number, not 2.5."
    )


def test_an_unterminated_string_says_where_once(fresh):
    message = refusal(fresh, '{"format": "followthrough-backup", "schema_version": 1, "a": "x')

    assert "starting at at" not in message
    assert message == (
        "backup.json is not a readable backup: unterminated string starting at line 1,"
        " column 62; export a new one with `followthrough export json`."
    )


# Point 8: small backups that would cost huge work -----------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "followthrough-backup", "schema_version": 1, "people": '
         + "[" * 3000 + "]" * 3000 + "}",
         "backup.json is not a readable backup: it nests lists or objects too deeply"
         " at line 1, column 68; export a new one with `followthrough export json`."),
        ('{"format": "followthrough-backup", "schema_version": 1, "tags": [{"id": '
         + "1" * 5000 + ', "name": "x"}]}',
         "backup.json is not a readable backup: it has a number of 5000 digits at line 1,"
         " column 66; export a new one with `followthrough export json`."),
    ],
    ids=["nested", "digits"],
)  # fmt: skip
def test_deep_nesting_or_a_huge_number_is_one_clear_line(fresh, text, message):
    assert refusal(fresh, text) == message


def test_the_web_refuses_a_restore_upload_over_the_limit_from_its_header(client, owner):
    from django.urls import reverse

    from followthrough.backup import views

    client.force_login(owner)
    response = client.post(
        reverse("your-data"),
        {"file": io.BytesIO(b"{}")},
        CONTENT_LENGTH=str(views.MAX_BACKUP_BYTES + 10 * 1024 * 1024),
    )

    assert response.status_code == 400
    assert "The backup is 522 MB, more than the 512 MB a restore accepts" in response.text


@pytest.mark.parametrize(
    ("section", "field"),
    [("people", "name"), ("organizations", "name"), ("opportunities", "role"),
     ("tasks", "title"), ("tags", "name")],
)  # fmt: skip
def test_a_blank_name_the_forms_would_refuse_is_refused(owner, sam_data, fresh, section, field):
    text = _changed(export_text(owner), section, 0, **{field: "   "})

    assert refusal(fresh, text) == f"backup.json: {section}[0].{field} is required: it is blank."


def test_what_the_forms_save_restores(owner, fresh):
    """The restore checks refuse nothing the app's own services can save."""
    import datetime as dt

    from followthrough.culture import services as culture
    from followthrough.digest.services import update_settings as digest_settings
    from followthrough.drafts.services import save_template
    from followthrough.tracker.models import Organization

    build_workspace(owner)
    full = {"clan": "40", "adhocracy": "10", "market": "30", "hierarchy": "20"}
    culture.save_preferred(owner, {"leadership": full, "glue": {"clan": 100}})
    acme = Organization.objects.get(owner=owner, name="Analytical Engines")
    culture.add_rating(owner, acme, culture.RatingInput(
        points={"strategy": {"market": "70", "hierarchy": "30"}},
        evidence={"strategy": "  Growth first.  "}, source="The recruiter",
    ), dt.date(2026, 3, 2))  # fmt: skip
    culture.set_threshold(owner, "25")
    digest_settings(owner, enabled=True, hour="23", address="sam+digest@example.com")
    save_template(
        owner, "nudge", "Any news, {{ first_name }}?", "Hello {{ name }},\n{% if x %}x{% endif %}\n"
    )
    text = export_text(owner)

    restore(fresh, io.StringIO(text), name="backup.json")

    assert export_text(fresh).count('"Growth first."') == 1

