"""Nigerian and Singapore English to the assistant, and what their blind sets (20, 22)
found: "abeg"/"biko" as please, "oya", "ehen" and "shey" questions, "the parlour own"
for "the parlour one", "small" for a little, "put Cool FM" for play, "reduce it to 22"
as a value, "no wahala" and "can can" as yes, "open the fan", remarks without "is"."""

from __future__ import annotations

import pytest

from sottovoce.agent.dialogue import is_yes
from sottovoce.agent.normalize import normalize
from sottovoce.testing import AgentHarness

WORLD = {
    "name": "Duplex",
    "clock": "2026-06-03T19:40:00",
    "areas": [{"name": "parlour", "floor": "downstairs"}, {"name": "dining", "floor": "downstairs"},
              {"name": "master bedroom", "floor": "upstairs"}, {"name": "compound"}],
    "listener": {"area": "parlour"},
    "lists": {"shopping": ["garri", "palm oil"]},
    "media_library": [{"title": "Cool FM", "kind": "station"}],
    "devices": [
        {"id": "light.parlour", "kind": "light", "name": "parlour chandelier", "area": "parlour",
         "state": {"on": True, "brightness": 80}},
        {"id": "light.dining", "kind": "light", "name": "dining light", "area": "dining",
         "state": {"on": True}},
        {"id": "thermostat.parlour", "kind": "thermostat", "name": "parlour AC", "area": "parlour",
         "state": {"target": 24, "current": 29, "mode": "cool"}},
        {"id": "fan.standing", "kind": "fan", "name": "standing fan", "area": "parlour"},
        {"id": "switch.pump", "kind": "switch", "name": "borehole pump", "area": "compound",
         "aliases": ["pumping machine"], "state": {"on": True}},
        {"id": "cover.gate", "kind": "cover", "name": "gate", "area": "compound"},
        {"id": "lock.gate", "kind": "lock", "name": "gate lock", "area": "compound",
         "state": {"locked": True}},
        {"id": "media_player.radio", "kind": "media_player", "name": "parlour radio",
         "area": "parlour"},
    ],
}  # fmt: skip


def _harness() -> AgentHarness:
    return AgentHarness(include_builtins=True, world=WORLD)


@pytest.mark.parametrize(
    ("said", "canonical"),
    [
        ("abeg off the light", "off the light"),
        ("shey the gate is locked?", "is the gate locked"),
        ("and the dining own too", "and the dining one too"),
        ("I have my own", "i have my own"),
    ],
)
def test_words_folded_by_normalization(said: str, canonical: str) -> None:
    assert normalize(said) == canonical


@pytest.mark.parametrize("yes", ["no wahala", "oya do it", "ehen"])
def test_yes_words(yes: str) -> None:
    assert is_yes(normalize(yes))


def test_the_dining_own_after_the_parlour() -> None:
    h = _harness()
    h.say("oya off the light in the parlour")
    h.say("ehen, and the dining own too")
    assert h.state("light.dining")["on"] is False


def test_small_is_a_little() -> None:
    h = _harness()
    h.say("dim the parlour chandelier small")
    assert h.state("light.parlour")["brightness"] < 80


def test_make_the_ac_cold_small() -> None:
    h = _harness()
    h.say("make the AC cold small")
    assert h.state("thermostat.parlour")["target"] == 23


def test_reduce_it_to_a_value() -> None:
    h = _harness()
    h.say("what is the AC set to?")
    h.say("reduce it to 22")
    assert h.state("thermostat.parlour")["target"] == 22


def test_put_a_station_is_play() -> None:
    h = _harness()
    h.say("put Cool FM")
    assert h.state("media_player.radio")["media"] == "Cool FM"


def test_a_reason_after_a_command_naming_a_device() -> None:
    h = _harness()
    h.say("off the pumping machine, the tank is full")
    assert h.state("switch.pump")["on"] is False


def test_remove_that_after_adding_takes_it_off() -> None:
    h = _harness()
    h.say("add stockfish to the shopping list")
    h.say("sorry, remove that")
    assert h.snapshot()["lists"]["shopping"] == ["garri", "palm oil"]


# Singapore English, from blind set 22: particles, "open/close the fan", remarks said
# without "is" after a command, topic-first questions.
@pytest.mark.parametrize("yes", ["can can", "ok lah"])
def test_singapore_yes_words(yes: str) -> None:
    assert is_yes(normalize(yes))


def test_open_and_close_the_fan() -> None:
    h = _harness()
    h.say("open the fan lah")
    assert h.state("fan.standing")["on"] is True
    h.say("ok close the fan")
    assert h.state("fan.standing")["on"] is False


def test_a_remark_without_is_after_a_command() -> None:
    h = _harness()
    h.say("off the pumping machine lah, nobody using already")
    assert h.state("switch.pump")["on"] is False


def test_brighter_can() -> None:
    h = _harness()
    h.say("dim the parlour chandelier to 40 percent")
    h.say("brighter can?")
    assert h.state("light.parlour")["brightness"] > 40


@pytest.mark.parametrize("said", ["what time now ah?", "today what day ah?"])
def test_topic_first_questions(said: str) -> None:
    h = _harness()
    assert "Sorry" not in h.say(said).reply


def test_unlock_the_gate_is_its_lock_and_the_question_is_the_gates() -> None:
    h = _harness()
    assert "gate lock" in h.say("unlock the gate").reply
    h.say("no wahala")
    assert h.state("lock.gate")["locked"] is False
    assert h.state("cover.gate")["position"] == 0
    assert "closed" in h.say("is the gate open?").reply
