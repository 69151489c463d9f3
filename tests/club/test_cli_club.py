"""``followthrough club``: a leader's groups and class summary from the command line, as
one account (``--user EMAIL``) in hosted mode; the same numbers as the Summary page."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from followthrough.club.services import classroom
from followthrough.tracker.services.owners import today_for
from tests.cli_helpers import failure, ok

from .scenario import ClassOfTwenty

pytestmark = pytest.mark.django_db


@pytest.fixture
def cls(db):
    return ClassOfTwenty(today_for(get_user_model()(username="probe")), size=6)


def test_a_leader_lists_their_groups(cls):
    out = json.loads(ok("--user", "lena@example.com", "club", "list", "--json"))

    assert out == [{"id": cls.group.pk, "name": "Tuesday job club, spring class",
                    "leader": True, "members": 7, "your_name": "Lena", "buddy": None,
                    "starts_on": cls.group.starts_on.isoformat(), "weeks": 8}]
    assert "(you lead it, 7 members)" in ok("--user", "lena@example.com", "club", "list")


def test_a_member_sees_their_buddy_and_no_lead(cls):
    out = json.loads(ok("--user", "ada@example.com", "club", "list", "--json"))

    assert out[0]["leader"] is False and out[0]["buddy"] == "Ben"


def test_the_summary_is_the_pages_in_totals_without_names(cls):
    out = json.loads(ok("--user", "lena@example.com", "club", "summary", str(cls.group.pk),
                        "--json"))
    lena = cls.lena
    page = classroom.summary(lena, cls.group, today_for(lena))

    assert out["totals_shown"] is True and out["sharing"] == page.sharing == 4
    assert out["outreach"] == page.outreach
    assert out["text"] == classroom.summary_text(page)
    for m in cls.members:
        assert m.display_name not in out["text"]
    by_name = ok("--user", "lena@example.com", "club", "summary", "tuesday job club, spring class")
    assert by_name.rstrip("\n") == classroom.summary_text(page)


def test_fewer_than_three_sharing_gives_no_totals(cls):
    from followthrough.club.models import Consent

    Consent.objects.filter(topic="week", audience="leader").exclude(
        membership__in=cls.members[:2]
    ).delete()

    out = json.loads(ok("--user", "lena@example.com", "club", "summary", str(cls.group.pk),
                        "--json"))

    assert out["totals_shown"] is False
    assert [out[k] for k in ("outreach", "applications", "interviews", "new_contacts")] == [
        None] * 4


def test_only_the_leader_gets_a_summary(cls):
    message = failure("--user", "ada@example.com", "club", "summary", str(cls.group.pk))

    assert "you lead no group" in message


def test_hosted_mode_needs_an_account(cls):
    assert "--user EMAIL" in failure("club", "list")


def test_a_local_workspace_has_no_club(db):
    with override_settings(FOLLOWTHROUGH_HOSTED=False):
        assert "hosted mode" in failure("club", "list")
