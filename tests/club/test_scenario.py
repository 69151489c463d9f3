"""A leader runs a class of twenty with buddies; consents vary; a landing is seen."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings

from followthrough.club.models import Message, MessageKind
from followthrough.club.services import classroom
from followthrough.tracker.services.owners import today_for

from .scenario import ClassOfTwenty

pytestmark = pytest.mark.django_db


@pytest.fixture
def cls(db, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    probe = get_user_model()(username="probe")
    today = today_for(probe)
    built = ClassOfTwenty(today)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), \
            django_capture_on_commit_callbacks(execute=True):
        built.land("Eli", today)   # member 4: shares landed with leader and buddy
        built.land("Fay", today)   # member 5: shares nothing about landing
    return built


def test_the_leader_sees_each_member_as_shared_and_nothing_more(client, cls):
    client.force_login(cls.lena)
    html = client.get(f"/club/{cls.group.pk}/dashboard/").content.decode()

    rows = {r.membership.display_name: r for r in classroom.rows(cls.lena, cls.group, cls.today)}
    assert len(rows) == 20
    for i, m in enumerate(cls.members):
        view = rows[m.display_name].view
        assert (view.week is not None) == (i % 3 != 0), m.display_name
        assert (view.landed_since is not None) == (i % 4 == 0), m.display_name
    assert "SECRET" not in html and "Contact of" not in html
    assert "Week 3 of 8" in html


def test_the_dashboard_lists_members_by_name_never_ranked(client, cls):
    client.force_login(cls.lena)
    html = client.get(f"/club/{cls.group.pk}/dashboard/").content.decode()

    order = [html.index(f'">{m.display_name}') for m in sorted(cls.members,
                                                                key=lambda m: m.display_name)]
    assert order == sorted(order)
    for word in ("rank", "top ", "leaderboard", "best", "worst"):
        assert word not in html.lower()


def test_quiet_members_are_suggested_only_when_they_share_their_week(cls):
    quiet = {m.display_name for _, m in classroom.quiet_members(cls.lena, cls.today)}

    expected = {m.display_name for i, m in enumerate(cls.members)
                if i % 5 == 0 and i % 3 != 0 and m.display_name != "Eli"}
    assert quiet == expected == {"Fay", "Kai"}  # Fay landed, but tells nobody


def test_the_landing_is_seen_by_leader_and_buddy_only_where_shared(cls):
    told = Message.objects.filter(kind=MessageKind.LANDED)
    eli, fay = cls.member("Eli"), cls.member("Fay")

    assert {m.recipient for m in told} == {cls.lena, eli.buddy.member}
    assert all("Eli landed: Analyst at Acme" in m.text for m in told)
    assert not told.filter(sender=fay.member).exists()
    assert sorted(x.to[0] for x in mail.outbox) == sorted(
        [cls.lena.email, eli.buddy.member.email]
    )


def test_each_buddy_sees_the_partners_week_only_if_the_partner_shares_it(client, cls):
    for i, m in enumerate(cls.members):
        client.force_login(m.buddy.member)
        html = client.get(f"/club/{cls.group.pk}/buddy/").content.decode()
        shares = i % 2 == 0
        assert ("their weekly numbers since" in html) == shares, m.display_name
        assert "SECRET" not in html


def test_the_class_summary_gives_totals_without_names(client, cls):
    client.force_login(cls.lena)
    html = client.get(f"/club/{cls.group.pk}/summary/").content.decode()
    summary = classroom.summary(cls.lena, cls.group, cls.today)

    assert summary.sharing == 13 and summary.totals_shown
    assert "Together, the 13 of us who share our numbers" in html
    assert "one of us landed this week" in html
    for m in cls.members:
        assert f"{m.display_name} " not in html.split("<textarea")[1].split("</textarea>")[0]


def test_the_dashboard_takes_a_bounded_number_of_queries_per_member(
    client, cls, django_assert_max_num_queries
):
    client.force_login(cls.lena)
    with django_assert_max_num_queries(40 * 20):
        client.get(f"/club/{cls.group.pk}/dashboard/")
