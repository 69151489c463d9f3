"""Mail tests: Sam's own addresses, the people Sam knows, the sample files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followthrough.mail import settings as mail_settings
from followthrough.tracker.models import Opportunity, OpportunityPerson, Organization, Person

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> Path:
    return SAMPLES / name


@pytest.fixture
def seeker(owner):
    """Sam in Paris, with two addresses, three known people and two opportunities."""
    # Sam started in January: the rules look at what happened since then.
    owner.date_joined = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    owner.save(update_fields=["date_joined"])
    workspace = owner.workspace
    workspace.time_zone = "Europe/Paris"
    workspace.save()
    mail_settings.update(owner, my_emails=["sam@example.com", "sam.seeker@work.example"])
    acme = Organization.objects.create(owner=owner, name="Acme")
    globex = Organization.objects.create(
        owner=owner, name="Globex", website="https://www.globex.example/"
    )
    initech = Organization.objects.create(owner=owner, name="Initech")
    renee = Person.objects.create(
        owner=owner, name="Renée Dupré", emails=["renee@acme.example"], organization=acme
    )
    omar = Person.objects.create(
        owner=owner, name="Omar Haddad", emails=["Omar@Globex.example"], organization=globex
    )
    joerg = Person.objects.create(
        owner=owner, name="Jörg Müller", emails=["joerg@initech.example"], organization=initech
    )
    analyst = Opportunity.objects.create(
        owner=owner, organization=globex, role="Analyst", stage="applied"
    )
    OpportunityPerson.objects.create(opportunity=analyst, person=omar, role="hiring_manager")
    engineer = Opportunity.objects.create(
        owner=owner, organization=initech, role="Engineer", stage="applied"
    )
    return {
        "renee": renee,
        "omar": omar,
        "joerg": joerg,
        "analyst": analyst,
        "engineer": engineer,
        "today": dt.date(2026, 3, 2),
    }


@pytest.fixture(scope="session")
def imap_server():
    from .imap_server import server

    yield from server()
