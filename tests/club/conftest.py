"""The job club's personas: Lena leads the class, Sam and Bea are buddies in it, Olive is a
stranger on the same instance, and Max a member without a buddy. Hosted mode throughout."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from followthrough.club.models import Consent
from followthrough.club.services import buddies, groups
from followthrough.tracker.services.owners import workspace_for


@pytest.fixture(autouse=True)
def hosted():
    with override_settings(FOLLOWTHROUGH_HOSTED=True):
        yield


def make_user(email: str, first: str = ""):
    user = get_user_model().objects.create_user(username=email, email=email, first_name=first)
    workspace_for(user)
    return user


class Club:
    """Lena's Tuesday class: Sam and Bea are buddies (Lena paired them), Max is alone."""

    def __init__(self):
        self.lena = make_user("lena@example.com", "Lena")
        self.sam = make_user("sam@example.com", "Sam")
        self.bea = make_user("bea@example.com", "Bea")
        self.max = make_user("max@example.com", "Max")
        self.olive = make_user("olive@example.com", "Olive")
        self.group = groups.create_group(self.lena, name="Tuesday job club, spring class")
        self.m_sam = groups.join(self.sam, self.group.token)
        self.m_bea = groups.join(self.bea, self.group.token)
        self.m_max = groups.join(self.max, self.group.token)
        buddies.pair(self.m_sam, self.m_bea, by_leader=True)
        for m in (self.m_sam, self.m_bea):
            m.refresh_from_db()

    def share(self, membership, audience: str, topic: str):
        return Consent.objects.create(membership=membership, audience=audience, topic=topic)


@pytest.fixture
def club(db):
    return Club()
