"""The fields a seeker expects on an opportunity (issue 13, point 3): location and remote,
salary range, description, date applied (from the stage history), tags and the
"ghosted" stage, in the forms, the CLI, the board, the table, CSV/JSON and backups."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from followthrough.backup.csv_export import write_csv
from followthrough.backup.export_json import write_json
from followthrough.backup.restore import restore
from followthrough.tracker.models import Opportunity, Rule, Stage, Task, TaskStatus
from followthrough.tracker.serializers import opportunity_json
from followthrough.tracker.services import interactions as log_service
from followthrough.tracker.services import opportunities as opp_service
from followthrough.tracker.services import people as people_service
from followthrough.tracker.services.jobfields import JobFields, applied_on
from followthrough.tracker.services.owners import workspace_for
from tests.cli_helpers import failure, ok

TODAY = dt.date(2026, 12, 6)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


FORM = {
    "role": "Platform Engineer",
    "organization": "Northwind",
    "stage": "lead",
    "interest": "4",
    "location": "Berlin",
    "remote": "on",
    "salary_min": "78,000",
    "salary_max": "95k",
    "salary_currency": "eur",
    "salary_unit": "year",
    "posted_on": "2026-11-28",
    "apply_by": "2026-12-20",
    "tags": "platform, remote-first",
    "description": "Run the build platform.\n\nKubernetes.",
}


def test_the_form_adds_and_edits_every_job_field(owner_client, owner):
    response = owner_client.post(reverse("opportunity-add"), FORM)
    opp = Opportunity.objects.get(owner=owner)
    assert response.status_code == 302
    assert (opp.location, opp.remote, opp.salary_min, opp.salary_max) == (
        "Berlin", True, 78000, 95000,
    )  # fmt: skip
    assert (opp.salary_currency, opp.salary_unit) == ("EUR", "year")
    assert (opp.posted_on, opp.apply_by) == (dt.date(2026, 11, 28), dt.date(2026, 12, 20))
    assert sorted(t.name for t in opp.tags.all()) == ["platform", "remote-first"]

    page = owner_client.get(reverse("opportunity-detail", args=[opp.pk])).content.decode()
    for text in (
        "Berlin · remote", "78,000 to 95,000 EUR per year", "Run the build platform.",
        "remote-first", "Apply by", "Not yet — moving it to Applied dates it.",
    ):  # fmt: skip
        assert text in page, text

    edit = owner_client.get(reverse("opportunity-edit", args=[opp.pk])).content.decode()
    assert 'value="platform, remote-first"' in edit and 'value="95000"' in edit
    changed = {**FORM, "remote": "", "salary_max": "", "tags": "platform"}
    owner_client.post(reverse("opportunity-edit", args=[opp.pk]), changed)
    opp.refresh_from_db()
    assert (opp.remote, opp.salary_max) == (False, None)
    assert [t.name for t in opp.tags.all()] == ["platform"]


def test_the_form_reports_every_wrong_job_field_at_once(owner_client, owner):
    bad = {**FORM, "salary_min": "lots", "salary_currency": "euros", "apply_by": "2026-02-30"}
    response = owner_client.post(reverse("opportunity-add"), bad)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Salary from: &#x27;lots&#x27; is not an amount" in html
    assert "Currency: &#x27;euros&#x27; is not a currency code" in html
    assert "Apply by: &#x27;2026-02-30&#x27; is not a date" in html
    assert not Opportunity.objects.exists()


def test_a_salary_range_upside_down_is_refused(owner_client):
    response = owner_client.post(
        reverse("opportunity-add"), {**FORM, "salary_min": "90000", "salary_max": "80000"}
    )
    assert "Salary to: 80,000 is below the minimum 90,000; swap them." in response.content.decode()


def test_the_cli_sets_and_clears_job_fields():
    out = ok(
        "opp", "add", "Analyst", "--org", "Contoso", "--location", "Montréal", "--remote",
        "--salary-min", "65000", "--salary-max", "72000", "--currency", "CAD",
        "--salary-per", "year", "--apply-by", "2027-01-15", "--posted-on", "2026-11-30",
        "--description", "Sales data.", "--tag", "data", "--tag", "sql", "--json",
    )  # fmt: skip
    data = json.loads(out)
    assert data["location"] == "Montréal" and data["remote"] is True
    assert (data["salary_min"], data["salary_max"], data["salary_currency"]) == (
        65000, 72000, "CAD",
    )  # fmt: skip
    assert data["tags"] == ["data", "sql"] and data["applied_on"] is None
    pk = str(data["id"])
    data = json.loads(ok("opp", "edit", pk, "--on-site", "--salary-max", "", "--tag", "",
                         "--location", "Laval", "--json"))  # fmt: skip
    assert (data["remote"], data["salary_max"], data["tags"]) == (False, None, [])
    assert data["location"] == "Laval" and data["salary_min"] == 65000  # the rest kept
    show = ok("opp", "show", pk)
    assert "Salary: from 65,000 CAD per year" in show and "Apply by: Fri 15 Jan 2027" in show
    assert failure("opp", "edit", pk, "--salary-per", "fortnight").startswith(
        "error: --salary-per: 'fortnight' is not one of year, month, week, day, hour"
    )
    assert "--currency: 'dollars' is not a currency code" in failure(
        "opp", "edit", pk, "--currency", "dollars"
    )


def test_the_date_applied_comes_from_the_stage_history(owner):
    opp = opp_service.add_opportunity(
        owner, opp_service.OpportunityInput("Analyst", "Contoso"), dt.date(2026, 11, 1)
    )
    assert applied_on(opp) is None
    opp_service.move(owner, opp, "screening", on=dt.date(2026, 11, 10))  # applied implied
    opp_service.move(owner, opp, "applied", on=dt.date(2026, 11, 5))  # back-dated
    fresh = opp_service.opportunities(owner).get(pk=opp.pk)
    assert fresh.applied_on == dt.date(2026, 11, 5) == applied_on(Opportunity.objects.get())
    assert opportunity_json(fresh)["applied_on"] == "2026-11-05"


def test_the_board_card_shows_the_job(owner_client, owner):
    owner_client.post(reverse("opportunity-add"), FORM)
    html = owner_client.get(reverse("board")).content.decode()
    assert '<p class="card-job card-place">Berlin · remote</p>' in html
    assert 'title="78,000 to 95,000 EUR per year">78k\u201395k EUR/yr</p>' in html
    assert "Apply by <time" in html and '<li class="tag-chip">platform</li>' in html


def test_the_table_shows_the_job(owner_client, owner):
    owner_client.post(reverse("opportunity-add"), {**FORM, "stage": "applied"})
    html = owner_client.get(reverse("opportunity-list")).content.decode()
    for text in (
        'data-label="Where">Berlin · remote',
        "78,000 to 95,000 EUR per year",
        'data-label="Applied"><time datetime="2026-12-06"',
        "Sun 20 Dec 2026",
    ):
        assert text in html, text


# Ghosted -----------------------------------------------------------------------------------


def test_ghosted_is_a_closed_stage_the_let_go_item_offers(owner_client, owner):
    opp = opp_service.add_opportunity(
        owner, opp_service.OpportunityInput("Analyst", "Contoso", stage="applied"), TODAY
    )
    ann = people_service.add_person(owner, people_service.PersonInput("Ann Lee"))
    log_service.log_interaction(owner, log_service.LogInput(
        kind="email", people=[ann], on=TODAY, direction="in", clear_no=True, opportunity=opp.pk,
    ), TODAY)  # fmt: skip
    html = owner_client.get(reverse("today")).content.decode()
    task = Task.objects.get(owner=owner, rule=Rule.LET_GO)
    assert "Mark the lead let go" in html and "Mark it ghosted" in html
    response = owner_client.post(
        reverse("task-let-go", args=[task.pk]), {"stage": "ghosted"}, follow=True
    )
    assert "Ghosted: Analyst at Contoso." in response.content.decode()
    opp.refresh_from_db()
    task.refresh_from_db()
    assert (opp.stage, task.status) == (Stage.GHOSTED, TaskStatus.DONE)
    assert not opp.is_active
    board = owner_client.get(reverse("board")).content.decode()
    assert '<span class="badge stage-ghosted">Ghosted</span>' in board


def test_the_cli_moves_to_ghosted():
    pk = json.loads(ok("opp", "add", "Analyst", "--org", "Contoso", "--json"))["id"]
    assert "to ghosted on Sun 6 Dec 2026" in ok("opp", "move", str(pk), "ghosted")
    assert "let-go or ghosted" in ok("opp", "move", "--help")


# Export and backup -----------------------------------------------------------------------------


def make_full(owner) -> Opportunity:
    opp = opp_service.add_opportunity(
        owner,
        opp_service.OpportunityInput(
            "Analyst", "Contoso", job=JobFields(
                location="Montréal", remote=True, salary_min=65000, salary_max=72000,
                salary_currency="CAD", salary_unit="year", description="Line one.\nLine two.",
                posted_on="2026-11-30", apply_by="2027-01-15", tags=["data", "sql"],
            ),
        ),
        dt.date(2026, 11, 30),
    )  # fmt: skip
    opp_service.move(owner, opp, "applied", on=dt.date(2026, 12, 2))
    return opp


def test_csv_export_has_the_job_columns(owner):
    make_full(owner)
    out = io.StringIO()
    write_csv(owner, "opportunities", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    row = rows[0]
    assert (row["Location"], row["Remote"], row["Salary min"], row["Salary max"]) == (
        "Montréal", "yes", "65000", "72000",
    )  # fmt: skip
    assert (row["Currency"], row["Salary per"], row["Apply by"], row["Applied on"]) == (
        "CAD", "year", "2027-01-15", "2026-12-02",
    )  # fmt: skip
    assert row["Tags"] == "data; sql" and row["Description"] == "Line one.\nLine two."


def test_a_json_backup_carries_the_job_fields_and_tags(owner):
    make_full(owner)
    text = io.StringIO()
    write_json(owner, text)
    backup = json.loads(text.getvalue())
    row = backup["opportunities"][0]
    assert row["salary_unit"] == "year" and row["apply_by"] == "2027-01-15"
    assert len(row["tags"]) == 2

    other = get_user_model().objects.create_user("restored")
    workspace_for(other)
    restore(other, io.StringIO(text.getvalue()))
    again = Opportunity.objects.get(owner=other)
    assert (again.location, again.remote, again.salary_max, again.description) == (
        "Montréal", True, 72000, "Line one.\nLine two.",
    )  # fmt: skip
    assert sorted(t.name for t in again.tags.all()) == ["data", "sql"]
    assert all(t.owner_id == other.pk for t in again.tags.all())
    assert applied_on(again) == dt.date(2026, 12, 2)
