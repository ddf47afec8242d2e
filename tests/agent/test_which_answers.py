"""A tool that asks which device ("Which fan? There is none in the kitchen.") is answered
in the next turn: by room, by name, or "the upstairs one"; and other short second turns."""

from __future__ import annotations

import pytest

from sottovoce.agent.dialogue import is_yes
from sottovoce.agent.normalize import normalize
from sottovoce.testing import AgentHarness
from sottovoce.tools import ToolError, WhichOne

WORLD = {
    "name": "House",
    "clock": "2026-04-12T16:20:00",
    "areas": [
        {"name": "kitchen", "floor": "downstairs"},
        {"name": "living room", "floor": "downstairs"},
        {"name": "master bedroom", "floor": "upstairs"},
    ],
    "listener": {"area": "kitchen"},
    "devices": [
        {"id": "light.porch", "kind": "light", "name": "porch light", "area": "living room"},
        {"id": "fan.master", "kind": "fan", "name": "master ceiling fan", "area": "master bedroom"},
        {"id": "fan.living", "kind": "fan", "name": "living ceiling fan", "area": "living room"},
        {
            "id": "thermostat.ecobee",
            "kind": "thermostat",
            "name": "Ecobee",
            "area": "living room",
            "state": {"mode": "heat", "target": 22, "current": 21},
        },
        {
            "id": "thermostat.upstairs",
            "kind": "thermostat",
            "name": "Nest",
            "area": "master bedroom",
            "state": {"mode": "heat", "target": 20, "current": 20},
        },
        {
            "id": "cover.garage",
            "kind": "cover",
            "name": "garage door",
            "area": "living room",
            "state": {"position": 100},
        },
        {"id": "cover.kitchen", "kind": "cover", "name": "kitchen blinds", "area": "kitchen"},
        {
            "id": "cover.living",
            "kind": "cover",
            "name": "living room blinds",
            "area": "living room",
        },
    ],
    "lists": {"grocery": [], "target": []},
}


def _harness() -> AgentHarness:
    return AgentHarness(include_builtins=True, world=WORLD)


def test_which_one_is_a_tool_error_plugins_can_raise() -> None:
    assert issubclass(WhichOne, ToolError)


def test_which_fan_answered_by_room() -> None:
    h = _harness()
    # "Ceiling fan" ends both fans' names: asked as one name in two rooms.
    assert "which ceiling fan" in h.say("put the ceiling fan on high").reply.lower()
    h.say("the one in the master bedroom")
    assert h.state("fan.master")["speed"] == 100
    assert h.state("fan.living")["on"] is False


def test_which_thermostat_answered_by_name() -> None:
    h = _harness()
    assert "which" in h.say("set the thermostat to 21").reply.lower()
    h.say("the Ecobee")
    assert h.state("thermostat.ecobee")["target"] == 21
    assert h.state("thermostat.upstairs")["target"] == 20


def test_a_new_command_after_a_which_question_is_read_as_itself() -> None:
    h = _harness()
    h.say("put the ceiling fan on high")
    h.say("turn on the porch light")
    assert h.state("light.porch")["on"] is True
    assert h.state("fan.master")["on"] is False and h.state("fan.living")["on"] is False


@pytest.mark.parametrize(
    ("text", "on"), [("cut the porch light on", True), ("cut off the porch light", False)]
)
def test_cut_switches_either_way(text: str, on: bool) -> None:
    h = _harness()
    if not on:
        h.say("turn on the porch light")
    h.say(text)
    assert h.state("light.porch")["on"] is on


def test_one_more_repeats_the_step() -> None:
    h = _harness()
    h.say("turn the Ecobee down a degree")
    h.say("one more")
    assert h.state("thermostat.ecobee")["target"] == 20


def test_do_the_other_room_too() -> None:
    h = _harness()
    h.say("close the kitchen blinds")
    h.say("do the living room too")
    assert h.state("cover.living")["position"] == 0


def test_i_meant_the_other_list() -> None:
    h = _harness()
    h.say("add sour cream to the target list")
    h.say("oops, I meant the grocery list")
    assert h.snapshot()["lists"]["grocery"] == ["sour cream"]


@pytest.mark.parametrize("yes", ["yes ma'am", "yep, send it", "yes sir"])
def test_polite_and_terse_yeses(yes: str) -> None:
    assert is_yes(normalize(yes))


def test_all_the_blinds_are_every_blind_but_not_the_garage_door() -> None:
    h = _harness()
    h.say("open the living room blinds")
    h.say("open the kitchen blinds")
    h.say("close all the blinds")
    assert h.state("cover.kitchen")["position"] == 0
    assert h.state("cover.living")["position"] == 0
    assert h.state("cover.garage")["position"] == 100


def test_an_aside_first_then_a_new_value() -> None:
    h = _harness()
    h.say("set the Ecobee to 24")
    h.say("nah, that's too warm, make it 22")
    assert h.state("thermostat.ecobee")["target"] == 22
