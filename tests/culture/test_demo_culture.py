"""The demo has culture-fit data (issue 13, point 14): the feature shows after a demo."""

from __future__ import annotations

import datetime as dt

from followthrough.culture import services
from followthrough.culture.models import PreferredProfile, Rating
from followthrough.tracker.demo import build_demo

TODAY = dt.date(2026, 3, 2)


def test_the_demo_prefers_a_culture_and_rates_three_organizations(owner, outsider):
    build_demo(owner, TODAY)
    profile = services.preferred_profile(owner)
    assert profile is not None and profile.is_complete
    rated = Rating.objects.filter(owner=owner)
    assert rated.count() == 3 and all(r.is_complete for r in rated)
    assert all(r.rated_on <= TODAY for r in rated)
    fits = [f for f in services.opportunities_by_fit(owner, active_only=False) if f.fit]
    scores = {f.opportunity.organization.name: f.fit.score for f in fits}
    assert {"Northwind Analytics", "Bluefield Health", "Cedar & Pine Software"} <= set(scores)
    assert scores["Northwind Analytics"] > scores["Bluefield Health"]
    assert not PreferredProfile.objects.filter(owner=outsider).exists()


def test_replacing_the_demo_keeps_one_set_of_culture_data(owner):
    build_demo(owner, TODAY)
    build_demo(owner, TODAY, replace=True)
    assert Rating.objects.filter(owner=owner).count() == 3
    assert PreferredProfile.objects.filter(owner=owner).count() == 1
