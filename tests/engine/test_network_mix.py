"""Rule 8: how much of the network is fellow seekers, and whom to reach beyond them."""

from __future__ import annotations

from followthrough.engine import network_for

from .conftest import d


def test_the_mix_shows_the_network_by_situation_and_flags_mostly_seekers(search):
    seekers = [search.person(n, situation="seeking") for n in ("Sid Vora", "Sue Ames", "Sal Ito")]
    eve = search.person("Eve Marsh", situation="employed")
    search.person("Ed Lowe", situation="employed")
    search.person("Hana Sato", situation="hiring_manager")
    search.person("Rita Chen", situation="recruiter")
    search.person("Unknown Uma")
    for person in seekers:
        search.log("coffee", person, "Mar 1")
    search.log("email", eve, "Feb 20")
    search.log("note", eve, "Mar 2", summary="A note is not a contact")

    mix = network_for(search.owner, d("Mar 4"))

    assert mix.network_total == 8
    assert [(s.group, s.count) for s in mix.network] == [
        ("seeking", 3), ("employed", 2), ("hiring_manager", 1), ("recruiter", 1), ("other", 1)
    ]
    assert (mix.recent_total, mix.mostly_seekers) == (4, True)
    assert mix.recent[0].percent == 75
    assert [p.name for p in mix.suggestions] == ["Hana Sato", "Ed Lowe", "Rita Chen"]
    assert mix.advice == (
        "3 of the 4 people you talked with lately are fellow seekers; they are good company, "
        "and people who are employed or hire such as Hana Sato, Ed Lowe, Rita Chen can open "
        "more doors."
    )


def test_a_varied_recent_mix_gets_no_advice(search):
    for name, situation in (("Sid Vora", "seeking"), ("Eve Marsh", "employed"),
                            ("Hana Sato", "hiring_manager")):
        search.log("call", search.person(name, situation=situation), "Mar 2")

    mix = network_for(search.owner, d("Mar 4"))

    assert (mix.mostly_seekers, mix.advice) == (False, "")
    assert mix.as_json()["recent_total"] == 3
