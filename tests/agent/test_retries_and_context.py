"""Second turns read in the light of the first: a name said after "there is no X here"
retries the command, "clear it" right after a list empties it, a weather question keeps
the day just asked about, "wait, put it back on" after taking an item off; and a
contact said with a title is not repaired into another contact."""

from __future__ import annotations

from sottovoce.testing import AgentHarness

WORLD = {
    "name": "House",
    "clock": "2026-12-08T18:00:00",
    "areas": [{"name": "kitchen"}, {"name": "patio"}, {"name": "study"}, {"name": "lounge"}],
    "listener": {"area": "kitchen"},
    "lists": {"grocery": ["milk", "bread"], "jobs": ["fix the gate"]},
    "contacts": [{"name": "Tomasz", "phone": "+1 555 0100"}],
    "weather": {
        "current": {"condition": "sunny", "temperature": 27},
        "forecast": [
            {"day": "today", "condition": "sunny", "high": 28, "low": 17},
            {"day": "tomorrow", "condition": "rain", "high": 22, "low": 14},
        ],
    },
    "devices": [
        {"id": "light.patio", "kind": "light", "name": "patio string lights", "area": "patio"},
        {"id": "light.kitchen", "kind": "light", "name": "kitchen light", "area": "kitchen"},
        {"id": "media_player.kitchen", "kind": "media_player", "name": "kitchen speaker",
         "area": "kitchen"},
        {"id": "media_player.lounge", "kind": "media_player", "name": "lounge speaker",
         "area": "lounge", "state": {"status": "playing", "volume": 30}},
    ],
}  # fmt: skip


def _harness() -> AgentHarness:
    return AgentHarness(include_builtins=True, world=WORLD)


def test_a_name_after_an_unknown_one_retries_the_command() -> None:
    h = _harness()
    assert "no christmas lights" in h.say("turn on the Christmas lights").reply
    h.say("ok, the patio lights then")
    assert h.state("light.patio")["on"] is True


def test_a_name_alone_with_nothing_unknown_before_retries_nothing() -> None:
    h = _harness()
    h.say("turn on the kitchen light")
    before = h.snapshot()
    h.say("the patio lights then")
    assert h.snapshot() == before


def test_clear_it_after_reading_a_list_empties_that_list() -> None:
    h = _harness()
    h.say("what's on the jobs list?")
    h.say("right, clear it")
    lists = h.snapshot()["lists"]
    assert lists["jobs"] == [] and lists["grocery"] == ["milk", "bread"]


def test_clear_it_after_a_timer_cancels_the_timer() -> None:
    h = _harness()
    h.say("set a timer for 5 minutes")
    h.say("clear it")
    assert h.snapshot()["timers"] == []
    assert h.snapshot()["lists"]["grocery"] == ["milk", "bread"]


def test_wait_put_it_back_on_after_taking_an_item_off() -> None:
    h = _harness()
    h.say("take bread off the grocery list")
    h.say("wait, put it back on")
    assert "bread" in h.snapshot()["lists"]["grocery"]


def test_one_kg_is_written_in_digits() -> None:
    h = _harness()
    h.say("add one kg onions to the grocery list")
    assert h.snapshot()["lists"]["grocery"][-1] == "1 kg onions"


def test_a_weather_question_keeps_the_day_asked_about() -> None:
    h = _harness()
    h.say("do we need umbrellas tomorrow?")
    assert "22" in h.say("and what's the high gonna be?").reply


def test_a_day_something_was_put_on_is_not_asked_about_next() -> None:
    h = _harness()
    h.say("add golf to my calendar on wednesday at 8 am")
    h.say("add book club to my calendar on friday at 7 pm")
    reply = h.say("what do i have coming up").reply
    assert "golf" in reply and "book club" in reply


def test_the_same_weather_question_again_is_about_today() -> None:
    h = _harness()
    h.say("what's the weather tomorrow")
    assert "27" in h.say("what's the weather").reply


def test_a_contact_with_a_title_is_not_another_contact() -> None:
    h = _harness()
    reply = h.say("ring Father Tom").reply
    assert "Tomasz" not in reply and "not in your contacts" in reply
    assert h.agent.state.pending == []  # nothing waits for a yes


def test_the_speaker_with_none_here_asks_which() -> None:
    h = _harness()
    before = h.snapshot()
    reply = h.say("turn up the speaker", area="study").reply
    assert "kitchen speaker" in reply and "lounge speaker" in reply
    assert h.snapshot() == before
    h.say("the kitchen one", area="study")
    assert h.state("media_player.kitchen")["volume"] > 30
