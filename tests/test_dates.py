"""One date format across the pages (issue 13, point 12): "Sun 6 Dec 2026" in English,
the locale's own format in another; ISO 8601 only where machines read it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from django.utils import formats

from followthrough.tracker.dates import day, day_time
from followthrough.tracker.demo import build_demo
from followthrough.tracker.models import Opportunity, Person

ROOT = Path(__file__).resolve().parents[1] / "followthrough"
TODAY = dt.date(2026, 3, 2)


def test_one_format_for_a_day_and_for_a_moment():
    assert day(dt.date(2026, 12, 6)) == "Sun 6 Dec 2026"
    moment = dt.datetime(2026, 12, 6, 17, 5, tzinfo=dt.UTC)
    assert day_time(moment) == "Sun 6 Dec 2026, 17:05"
    assert day(None) == "" and day_time(None) == ""


def test_the_format_follows_the_locale():
    """Ours for every English variant; another language keeps its own (French day-first)."""
    for lang in ("en", "en-us", "en-gb"):
        assert formats.get_format("DATE_FORMAT", lang=lang) == "D j M Y"
    assert formats.get_format("DATE_FORMAT", lang="fr") == "j F Y"
    assert formats.get_format("DATE_FORMAT", lang="de") == "j. F Y"


def test_templates_write_dates_one_way_or_in_iso_for_machines():
    """Every |date in a template is ISO (input values, URLs, datetime=) or a month label."""
    allowed = {"Y-m-d", "M Y"}
    found = {}
    for path in ROOT.rglob("templates/**/*.html"):
        for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text()):
            if fmt not in allowed:
                found.setdefault(str(path.relative_to(ROOT)), []).append(fmt)
    assert found == {}


def test_views_do_not_format_dates_by_hand():
    hand_made = re.compile(r"\{[^}]*:%-?[dbBaA][^}]*\}")
    found = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*/views*.py")
        if hand_made.search(path.read_text())
    ] + [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*/views/*.py")
        if hand_made.search(path.read_text())
    ]
    assert found == []


@pytest.mark.django_db
def test_the_pages_show_the_one_format(owner_client, owner):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False):
        build_demo(owner, TODAY)
        today = owner_client.get("/").content.decode()
        assert "Mon 2 Mar 2026" in today
        assert "Monday 2 March 2026" not in today
        someone = Person.objects.filter(owner=owner, interactions__isnull=False).first()
        page = owner_client.get(f"/people/{someone.pk}/").content.decode()
        when = re.findall(r'<div class="when">\s*([^<·]+?)\s*(?:,|·)', page)
        assert when and all(re.fullmatch(r"[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} \d{4}", w)
                            for w in when)
        offer = Opportunity.objects.filter(owner=owner, offer_deadline__isnull=False).first()
        deadline = offer.offer_deadline
        board = owner_client.get("/opportunities/").content.decode()
        iso = f"{deadline:%Y-%m-%d}"
        assert f'Answer offer by <time datetime="{iso}">{day(deadline)}</time>' in board
