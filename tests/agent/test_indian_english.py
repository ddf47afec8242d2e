"""Indian English to the assistant: "on"/"off" as verbs ("off it", "on the geyser"),
"haan do it", "what all is there", "reduce it little more", a statement about someone
before a command ("Lakshmi is mopping now, send it back"), corrections by room that keep
the kind ("no no, the bedroom one" after a fan), and "make it half" after a blind."""

from __future__ import annotations

import pytest

from sottovoce.agent.dialogue import is_yes
from sottovoce.agent.normalize import normalize
from sottovoce.testing import AgentHarness

WORLD = {
    "name": "Flat",
    "clock": "2026-07-14T07:15:00",
    "areas": [{"name": "hall"}, {"name": "bedroom"}, {"name": "kids room"}],
    "listener": {"area": "hall"},
    "contacts": [{"name": "Lakshmi"}],
    "lists": {"shopping": ["milk", "tomatoes"]},
    "devices": [
        {"id": "switch.geyser", "kind": "switch", "name": "geyser", "area": "bedroom"},
        {"id": "switch.motor", "kind": "switch", "name": "water motor", "area": "hall"},
        {"id": "fan.hall", "kind": "fan", "name": "hall fan", "area": "hall"},
        {"id": "fan.bedroom", "kind": "fan", "name": "bedroom fan", "area": "bedroom"},
        {"id": "fan.kids", "kind": "fan", "name": "kids room fan", "area": "kids room"},
        {"id": "light.bedroom", "kind": "light", "name": "Bedroom Light 1", "area": "bedroom"},
        {"id": "cover.blinds", "kind": "cover", "name": "bedroom blinds", "area": "bedroom"},
        {
            "id": "media_player.tv",
            "kind": "media_player",
            "name": "hall TV",
            "area": "hall",
            "state": {"status": "playing", "volume": 30},
        },
        {"id": "vacuum.robot", "kind": "vacuum", "name": "mopping robot", "area": "hall"},
        {"id": "lock.main", "kind": "lock", "name": "main door", "area": "hall"},
    ],
}


def _harness() -> AgentHarness:
    return AgentHarness(include_builtins=True, world=WORLD)


@pytest.mark.parametrize(
    ("turns", "device", "on"),
    [
        (["is the geyser on?", "then on it"], "switch.geyser", True),
        (["the geyser", "on it"], "switch.geyser", True),
        (["on the water motor"], "switch.motor", True),
        (["on the geyser and on the motor"], "switch.motor", True),
    ],
)
def test_on_and_off_said_as_verbs(turns: list[str], device: str, on: bool) -> None:
    h = _harness()
    for turn in turns:
        h.say(turn)
    assert h.state(device)["on"] is on


def test_a_cut_piece_is_never_read_as_on_said_as_a_verb() -> None:
    # "Turn the fan off everywhere": not "off everywhere" (every light off).
    h = _harness()
    h.say("switch on Bedroom Light 1")
    h.say("turn the fan off everywhere")
    assert h.state("light.bedroom")["on"] is True


def test_fan_in_low_speed_then_full_speed() -> None:
    h = _harness()
    h.say("on the fan in low speed")
    assert h.state("fan.hall")["speed"] == 33
    h.say("make it full speed")
    assert h.state("fan.hall")["speed"] == 100


@pytest.mark.parametrize("yes", ["haan do it", "haan ji", "ok fine", "yes yes", "theek hai"])
def test_hindi_and_indian_english_yes(yes: str) -> None:
    assert is_yes(normalize(yes))


def test_reduce_it_little_more_steps_the_volume_again() -> None:
    h = _harness()
    h.say("reduce the TV volume")
    h.say("reduce it little more")
    assert h.state("media_player.tv")["volume"] == 10


def test_what_all_is_on_the_list() -> None:
    reply = _harness().say("what all is there in the shopping list?").reply.lower()
    assert "milk and tomatoes" in reply


def test_a_statement_about_someone_before_a_command() -> None:
    h = _harness()
    h.say("start the mopping robot")
    h.say("Lakshmi is mopping now, send it back to the dock")
    assert h.state("vacuum.robot")["status"] == "returning"


def test_what_someone_forgot_or_said_is_no_order() -> None:
    h = _harness()
    before = h.snapshot()
    h.say("Lakshmi forgot to lock the main door")
    h.say("Lakshmi said to clear the shopping list")
    assert h.snapshot() == before


@pytest.mark.parametrize("then", ["no no, the bedroom one", "same for the bedroom"])
def test_another_room_keeps_the_kind_of_the_device(then: str) -> None:
    h = _harness()
    h.say("switch on Bedroom Light 1")
    h.say("switch on the hall fan")
    h.say("switch off the hall fan")
    h.say(then)
    assert h.state("fan.bedroom")["on"] is False
    assert h.state("light.bedroom")["on"] is True


def test_make_it_half_after_a_blind_is_the_blind() -> None:
    h = _harness()
    h.say("raise the bedroom blinds")
    h.say("no, make it half")
    assert h.state("cover.blinds")["position"] == 50


def test_i_wonder_if_we_should_is_a_musing() -> None:
    h = _harness()
    before = h.snapshot()
    h.say("I wonder if we should get a bigger fridge")
    assert h.snapshot() == before
