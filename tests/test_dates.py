"""One date format across the app (issue 13, point 12): "Sun 6 Dec 2026" in English,
the locale's own format in another, on the pages and in every sentence the app
writes; a drafted message spells the day out; ISO 8601 only where machines read it.
(Sentences in a scenario: tests/advice/test_one_date_format.py.)"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from django.utils import formats

from followthrough import engine_fingerprint
from followthrough.tracker.dates import day, day_time, letter_day
from followthrough.tracker.demo import build_demo
from followthrough.tracker.models import Opportunity, Person

ROOT = Path(__file__).resolve().parents[1] / "followthrough"
TODAY = dt.date(2026, 3, 2)


def test_one_format_for_a_day_and_for_a_moment():
    assert day(dt.date(2026, 12, 6)) == "Sun 6 Dec 2026"
    moment = dt.datetime(2026, 12, 6, 17, 5, tzinfo=dt.UTC)
    assert day_time(moment) == "Sun 6 Dec 2026, 17:05"
    assert day(None) == "" and day_time(None) == ""


def test_a_letter_spells_the_day_out_with_the_year_only_when_it_is_another():
    today = dt.date(2026, 1, 1)
    assert letter_day(dt.date(2026, 3, 12), today) == "Thursday 12 March"
    assert letter_day(dt.date(2025, 12, 30), today) == "Tuesday 30 December 2025"
    assert letter_day(None, today) == ""


def test_the_format_follows_the_locale():
    """Ours for every English variant; another language keeps its own (French day-first)."""
    for lang in ("en", "en-us", "en-gb"):
        assert formats.get_format("DATE_FORMAT", lang=lang) == "D j M Y"
    assert formats.get_format("DATE_FORMAT", lang="fr") == "j F Y"
    assert formats.get_format("DATE_FORMAT", lang="de") == "j. F Y"


def test_templates_write_dates_one_way_or_in_iso_for_machines():
    """Every |date in a template (a page, an e-mail's text or subject) is ISO (input
    values, URLs, datetime=) or a month label."""
    allowed = {"Y-m-d", "M Y"}
    found = {}
    for path in [*ROOT.rglob("templates/**/*.html"), *ROOT.rglob("templates/**/*.txt")]:
        for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text()):
            if fmt not in allowed:
                found.setdefault(str(path.relative_to(ROOT)), []).append(fmt)
    assert found == {}


def test_no_code_formats_a_day_by_hand():
    """Views, the engine's rules and warnings, the commands, the drafts and the mail:
    a day goes through ``tracker.dates`` (``{day:%b} {day.day}`` or ``{day}`` in an
    f-string would write "Mar 12" or "2026-03-12"). Month labels ("%b %Y") are fine."""
    hand_made = re.compile(r"\{[^}]*:%-?[dbBaAe](?! %Y)[^}]*\}|strftime\(\"%[dbBaA]")
    places = ["*/views*.py", "*/views/*.py", "engine/rules/*.py", "engine/warnings.py",
              "cli/*.py", "drafts/*.py", "mail/*.py", "digest/*.py", "calendar_feed/*.py",
              "club/*.py", "club/services/*.py", "accounts/*.py"]
    found = sorted(
        str(path.relative_to(ROOT))
        for place in places
        for path in ROOT.glob(place)
        if hand_made.search(path.read_text())
    )
    assert found == []


def test_the_stored_reasons_are_rewritten_when_the_date_format_changes():
    """Task reasons are stored; the engine's fingerprint (a new one makes the next
    agenda sync) covers the format they are written in, not only the rules."""
    names = {str(path.relative_to(ROOT)) for path in engine_fingerprint.sources()}
    assert {"tracker/dates.py", "formats/en/formats.py", "engine/rules/nudge.py"} <= names


@pytest.mark.django_db
def test_a_sync_rewrites_a_reason_written_the_old_way(owner):
    """A reason stored by an older version ("on Mar 2") is rewritten by the next sync."""
    from followthrough.tracker.models import Rule, Task
    from followthrough.tracker.services.interactions import LogInput, log_interaction
    from followthrough.tracker.services.people import PersonInput, add_person
    from followthrough.tracker.services.tasks import agenda
    from followthrough.tracker.sync_state import refresh

    with time_machine.travel(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC), tick=False):
        add_person(owner, PersonInput(name="Ana Ruiz"))
        log_interaction(owner, LogInput(kind="interview", people=["Ana Ruiz"]), TODAY)
        agenda(owner, TODAY)
        task = Task.objects.get(owner=owner, rule=Rule.THANK_YOU)
        old = "You interviewed with Ana Ruiz on Mar 2; thank-you notes are due within a day."
        Task.objects.filter(pk=task.pk).update(reason=old)
        engine_fingerprint._fingerprint = "the engine before issue 13"
        try:
            assert refresh(owner, TODAY) is True
        finally:
            engine_fingerprint._fingerprint = None
    task.refresh_from_db()
    assert task.reason == (
        "You interviewed with Ana Ruiz on Mon 2 Mar 2026; thank-you notes are due within a day."
    )


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
