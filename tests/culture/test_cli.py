"""`followthrough culture show ORG` and `followthrough culture fit`."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from followthrough.cli.app import app
from followthrough.culture import services
from followthrough.tracker.services.owners import local_owner

from .conftest import NUMBERS_FIRST, PEOPLE_FIRST, opportunity, organization, profile, rate

pytestmark = pytest.mark.django_db


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stderr == ""
    return result.stdout


@pytest.fixture
def sam():
    return local_owner()


@pytest.fixture
def acme(sam):
    services.save_preferred(sam, profile(PEOPLE_FIRST))
    org = organization(sam, "Acme")
    rate(sam, org, NUMBERS_FIRST, evidence={"leadership": "Targets everywhere."})
    return org


def test_show_prints_the_fit_the_gaps_and_questions(acme):
    out = ok("culture", "show", "Acme")
    assert out.startswith(f"Acme (id {acme.pk})\nFit: 60% (from 1 complete rating)\n")
    assert "Acme has more market (results and winning, +40)" in out
    assert "Market    │ 10         │ 50            │ +40 *" in out
    assert "* a gap of 10 points or more" in out
    assert "Questions to ask (where you know least):\n  Dominant characteristics" in out


def test_show_json_has_the_fit_ratings_and_questions(acme):
    data = json.loads(ok("culture", "show", str(acme.pk), "--json"))
    assert data["organization_id"] == acme.pk and data["preferred_complete"] is True
    assert data["fit"]["score"] == 60
    assert data["fit"]["perceived"] == {"clan": 20, "adhocracy": 10, "market": 50, "hierarchy": 20}
    assert data["fit"]["type_gaps"]["market"] == 40
    assert data["fit"]["dimension_gaps"]["glue"]["clan"] == -20
    assert {"dimension": None, "type": "market", "gap": 40} in data["fit"]["highlights"]
    assert data["ratings"][0]["evidence"] == {"leadership": "Targets everywhere."}
    assert data["ratings"][0]["draft"] is False
    assert [q["dimension"] for q in data["questions"]] == [
        "characteristics",
        "management",
        "glue",
    ]
    assert data["sentence"].startswith("Acme has more market")


def test_show_says_what_is_missing_when_there_is_no_fit(sam):
    organization(sam, "Globex")
    out = ok("culture", "show", "Globex")
    assert "No fit yet: say which culture you prefer" in out
    assert json.loads(ok("culture", "show", "Globex", "--json"))["fit"] is None


def test_show_an_unknown_organization_is_one_line(sam):
    result = run("culture", "show", "Nowhere")
    assert result.exit_code == 1
    assert result.stderr == "error: org: no organization called 'Nowhere'.\n"


def test_fit_lists_opportunities_best_first(sam, acme):
    close = organization(sam, "Close")
    rate(sam, close, [(35, 30, 15, 20)] * 6)
    opportunity(sam, "Unrated", organization(sam, "Elsewhere"), interest=5)
    opportunity(sam, "Far", acme)
    opportunity(sam, "Near", close)
    rows = json.loads(ok("culture", "fit", "--json"))
    assert [(r["role"], r["fit"]) for r in rows] == [("Near", 95), ("Far", 60), ("Unrated", None)]
    assert rows[0]["organization"] == "Close" and rows[0]["stage"] == "applied"
    out = ok("culture", "fit")
    assert out.index("Near") < out.index("Far") < out.index("Unrated")


def test_fit_all_includes_closed_opportunities(sam, acme):
    opportunity(sam, "Gone", acme, stage="rejected")
    assert json.loads(ok("culture", "fit", "--json")) == []
    assert [r["role"] for r in json.loads(ok("culture", "fit", "--all", "--json"))] == ["Gone"]
