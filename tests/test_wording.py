"""Plain words where the app used its own jargon (issue 13, point 9)."""

from __future__ import annotations

import datetime as dt

from followthrough.backup.restore import describe
from followthrough.tracker.services import people as people_service
from followthrough.tracker.services.interactions import LogInput, log_interaction


def test_restore_counts_name_people_on_opportunities_not_involvements():
    assert describe({"people": 3, "involvements": 22}) == "3 people, 22 people on opportunities"
    assert describe({"involvements": 1}) == "1 person on an opportunity"
    assert describe({"stage_changes": 2, "tags": 1}) == "2 stage changes, 1 tag"


def test_the_log_form_asks_for_a_name_not_an_id(owner_client):
    page = owner_client.get("/log/").content.decode()
    assert "A name or an id" not in page
    assert "Start typing a name" in page
    assert "A name or an id" not in owner_client.get("/people/add/").content.decode()


def test_an_interview_in_the_timeline_is_not_called_outbound(owner_client, owner):
    ann = people_service.add_person(owner, people_service.PersonInput(name="Ann Lee"))
    day = dt.date(2026, 3, 2)
    log_interaction(owner, LogInput(kind="interview", people=["Ann Lee"], on=day), today=day)
    log_interaction(owner, LogInput(kind="email", people=["Ann Lee"], on=day, direction="out"),
                    today=day)
    page = owner_client.get(f"/people/{ann.pk}/").content.decode()
    assert "outbound" not in page and "inbound" not in page
    assert page.count("you reached out") == 1
