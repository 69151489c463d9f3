"""Issue 10, point 12: Unicode digits as ids (``person show ²``, a form posting
``person=²``) are a clean "no such ..." error or a 404, never a traceback or a 500,
and never another script's digits read as an id (``٣`` is not person 3)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from followthrough.tracker.models import Person
from followthrough.tracker.services.opportunities import OpportunityInput, add_opportunity
from followthrough.tracker.services.owners import local_owner, today_for
from followthrough.tracker.services.people import PersonInput, add_person
from followthrough.tracker.services.tasks import add_task
from tests.cli_helpers import run

pytestmark = pytest.mark.django_db

# Superscript two, Arabic-Indic three, full-width three, circled one, 1², double-struck one.
ODD_DIGITS = ["\u00b2", "\u0663", "\uff13", "\u2460", "1\u00b2", "\U0001d7d9"]


@pytest.fixture
def local(db):
    owner = local_owner()
    for name in ("Ava Stone", "Bo Lind", "Cy Park"):
        add_person(owner, PersonInput(name, organization="Acme"))
    add_opportunity(owner, OpportunityInput("Analyst", "Acme"), today_for(owner))
    return owner


COMMANDS = [
    ("person", "show", "{}"),
    ("person", "edit", "{}", "--title", "x"),
    ("person", "delete", "{}", "--yes"),
    ("org", "show", "{}"),
    ("opp", "show", "{}"),
    ("opp", "move", "{}", "applied"),
    ("task", "done", "{}"),
    ("task", "dismiss", "{}"),
    ("draft", "{}"),
    ("withdraw", "{}"),
    ("culture", "show", "{}"),
    ("log", "call", "--with", "{}"),
    ("task", "add", "Call back", "--person", "{}"),
]


@pytest.mark.parametrize("digit", ODD_DIGITS)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_cli_id_in_other_digits_is_one_clear_line(local, command, digit):
    args = [part.format(digit) for part in command]
    result = run(*args)
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (1, 2), (args, result.output)
    assert result.stderr.count("\n") <= 2 and result.stderr.strip()
    assert Person.objects.filter(owner=local).count() == 3  # nothing deleted or added


@pytest.mark.parametrize("digit", ODD_DIGITS)
def test_web_parameters_in_other_digits_are_ignored_or_404(client, local, digit):
    ava = Person.objects.get(name="Ava Stone")
    org = ava.organization
    today = today_for(local)
    task = add_task(local, "Call Ava back", today, today=today, person=ava)
    pages = [
        (reverse("log") + f"?person={digit}&opp={digit}", {200}),
        (reverse("task-draft", args=[task.pk]) + f"?person={digit}", {404}),
        (reverse("people") + f"?organization={digit}", {200, 400}),
        (reverse("culture-rate", args=[org.pk]) + f"?interaction={digit}", {200}),
    ]
    for url, expected in pages:
        response = client.get(url)
        assert response.status_code in expected, (url, response.status_code)


@pytest.mark.parametrize("digit", ODD_DIGITS)
def test_forms_posting_other_digits_answer_with_the_form_not_a_500(client, local, digit):
    ava = Person.objects.get(name="Ava Stone")
    org = ava.organization
    posts = [
        (reverse("log"),
         {"kind": "call", "people": digit, "on": "2026-03-02", "opportunity": digit}),
        (reverse("person-edit", args=[ava.pk]), {
            "name": "Ava Stone", "situation": "unknown", "birthday_month": digit,
            "birthday_day": "2", "cadence_days": digit, "organization": digit,
        }),
        (reverse("digest-settings"), {"enabled": "on", "hour": digit, "address": "a@example.com"}),
        (reverse("culture-rate", args=[org.pk]), {
            "rated_on": "2026-03-02", "interaction": digit, "dominant_clan": digit,
        }),
    ]  # fmt: skip
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in (200, 302, 400), (url, response.status_code)
