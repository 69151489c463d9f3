"""Rule 9: two asks with nothing given since suggests a give before the next ask."""

from __future__ import annotations

from followthrough.engine import asks_and_gives
from followthrough.tracker.models import Rule

from .conftest import d


def test_two_asks_with_nothing_given_suggest_a_give(search):
    max_ = search.person("Max Berg")
    search.log("email", max_, "Mar 2", asked=True)
    assert search.items("Mar 3", Rule.GIVE_FIRST) == []
    second = search.log("call", max_, "Mar 9", asked=True).interaction

    (item,) = search.items("Mar 9", Rule.GIVE_FIRST)
    assert (item.key, item.due, item.person_id) == (
        f"give-first:{max_.pk}:{second.pk}", d("Mar 9"), max_.pk
    )
    assert item.title == "Give something to Max Berg"
    assert item.reason == (
        "You have asked Max Berg for something twice since you last gave; offer something "
        "first: congratulations, an introduction, an article."
    )


def test_a_give_handles_it_and_only_asks_after_the_last_give_count(search):
    max_ = search.person("Max Berg")
    search.log("email", max_, "Mar 2", asked=True)
    search.log("email", max_, "Mar 3", gave=True)
    search.log("email", max_, "Mar 4", asked=True)
    assert search.items("Mar 5", Rule.GIVE_FIRST) == []

    search.log("email", max_, "Mar 6", asked=True)
    assert len(search.items("Mar 6", Rule.GIVE_FIRST)) == 1
    search.log("message", max_, "Mar 7", gave=True, summary="Congratulations on the promotion")
    assert search.items("Mar 7", Rule.GIVE_FIRST) == []


def test_a_third_ask_keeps_the_same_item(search):
    max_ = search.person("Max Berg")
    search.log("email", max_, "Mar 2", asked=True)
    search.log("email", max_, "Mar 3", asked=True)
    (before,) = search.items("Mar 3", Rule.GIVE_FIRST)
    search.log("email", max_, "Mar 4", asked=True)

    (after,) = search.items("Mar 4", Rule.GIVE_FIRST)
    assert after.key == before.key
    assert "3 times" in after.reason


def test_a_person_page_can_show_asks_and_gives(search):
    max_ = search.person("Max Berg")
    search.log("email", max_, "Mar 2", asked=True)
    search.log("email", max_, "Mar 3", gave=True)
    search.log("email", max_, "Mar 4", asked=True, gave=True)
    search.log("email", max_, "Mar 5", asked=True)

    balance = asks_and_gives(search.owner, max_)
    assert (balance.asks, balance.gives, len(balance.asks_since_give)) == (3, 2, 2)
