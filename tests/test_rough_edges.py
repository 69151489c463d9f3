"""The small rough edges of issue 13, point 14: what "Sent" keeps, what an interview says
it did, "Add a person" from an organization, the digest without a mail server, and a
calendar feed that sets no cookie."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from followthrough.calendar_feed import services as calendar_service
from followthrough.digest.models import DigestSettings
from followthrough.tracker.models import Interaction, Stage
from followthrough.tracker.services import opportunities as opp_service
from followthrough.tracker.services import people as people_service
from followthrough.tracker.services import tasks as task_service
from followthrough.tracker.services.owners import local_owner
from tests.cli_helpers import ok

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), tick=False):
        yield


def test_sent_keeps_the_body_that_was_sent_on_the_interaction(owner_client, owner):
    ann = people_service.add_person(owner, people_service.PersonInput(name="Ann Lee",
                                                                       emails="ann@acme.example"))
    task = task_service.add_task(owner, "Send Ann the references", TODAY, today=TODAY,
                                 person=ann)
    body = "Hi Ann,\n\nHere are my three references, as promised.\n\nSam"
    response = owner_client.post(
        reverse("task-draft-sent", args=[task.pk]),
        {"subject": "My references", "body": body, "next": "/"},
    )
    assert response.status_code == 302
    sent = Interaction.objects.get(owner=owner)
    assert (sent.summary, sent.body) == ("My references", body)
    page = owner_client.get(reverse("person-detail", args=[ann.pk])).content.decode()
    assert "The message as sent" in page and "Here are my three references" in page


def test_logging_an_interview_says_it_moved_the_opportunity(owner_client, owner):
    people_service.add_person(owner, people_service.PersonInput(name="Ann Lee"))
    opp = opp_service.add_opportunity(
        owner, opp_service.OpportunityInput(role="Backend Engineer", organization="Acme",
                                            stage="applied"), TODAY)
    response = owner_client.post(
        reverse("log"),
        {"kind": "interview", "people": "Ann Lee", "on": "2026-03-02", "opportunity": opp.pk},
        follow=True,
    )
    html = response.content.decode()
    assert "Moved Backend Engineer at Acme from Applied to Interviewing." in html
    opp.refresh_from_db()
    assert opp.stage == Stage.INTERVIEWING
    # A second interview moves nothing, and says nothing about it.
    html = owner_client.post(
        reverse("log"),
        {"kind": "interview", "people": "Ann Lee", "on": "2026-03-02", "opportunity": opp.pk},
        follow=True,
    ).content.decode()
    assert "Moved " not in html


def test_the_cli_says_so_too():
    owner = local_owner()
    people_service.add_person(owner, people_service.PersonInput(name="Ann Lee"))
    opp = opp_service.add_opportunity(
        owner, opp_service.OpportunityInput(role="Backend Engineer", organization="Acme",
                                            stage="screening"), TODAY)
    out = ok("log", "interview", "--with", "Ann Lee", "--opp", str(opp.pk))
    assert out.splitlines()[-1] == "Moved Backend Engineer at Acme from Screening to Interviewing."


def test_add_a_person_from_an_organization_fills_it_in(owner_client, owner, outsider):
    acme = people_service.add_organization(owner, people_service.OrganizationInput(name="Acme"))
    page = owner_client.get(reverse("organization-detail", args=[acme.pk])).content.decode()
    link = f'{reverse("person-add")}?organization={acme.pk}'
    assert f'href="{link}"' in page
    form = owner_client.get(link).content.decode()
    assert 'name="organization" value="Acme"' in form
    theirs = people_service.add_organization(outsider,
                                             people_service.OrganizationInput(name="Secret"))
    assert owner_client.get(f"{reverse('person-add')}?organization={theirs.pk}").status_code == 404


def test_the_digest_says_a_mail_server_is_missing_and_stays_off(owner_client, owner, settings):
    settings.EMAIL_HOST = ""
    page = owner_client.get(reverse("digest-settings")).content.decode()
    assert "No mail server yet" in page
    response = owner_client.post(reverse("digest-settings"),
                                 {"enabled": "on", "hour": "7", "address": "sam@example.com"})
    assert response.status_code == 400
    assert "there is no mail server to send it from. Set EMAIL_HOST" in response.content.decode()
    assert not DigestSettings.objects.filter(owner=owner, enabled=True).exists()
    # Switching it off, or saving while off, still works.
    response = owner_client.post(reverse("digest-settings"),
                                 {"hour": "7", "address": "sam@example.com"})
    assert response.status_code == 302


def test_the_calendar_feed_sets_no_cookie(client):
    owner = local_owner()
    token = calendar_service.token_for(owner).token
    for _ in range(2):
        response = client.get(reverse("calendar-feed", args=[token]))
        assert response.status_code == 200
        assert response.cookies == {} and "Set-Cookie" not in response.headers
    assert client.get("/").cookies  # the app's own pages still sign the local owner in
