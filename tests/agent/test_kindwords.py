"""A kind's word that the home calls other devices by ("the heater" when the heaters are
plugs, "the socket" when one device is called so) names those devices."""

from __future__ import annotations

import pytest

from sottovoce.agent.kindwords import TakenKindWords
from sottovoce.testing import AgentHarness

WORLD = {
    "name": "House",
    "clock": "2026-01-14T07:30:00",
    "areas": [{"name": "kitchen"}, {"name": "garage"}, {"name": "den"}, {"name": "hall"}],
    "listener": {"area": "kitchen"},
    "devices": [
        {"id": "switch.block", "kind": "switch", "name": "block heater", "area": "garage"},
        {"id": "switch.space", "kind": "switch", "name": "space heater", "area": "den"},
        {"id": "switch.kettle", "kind": "switch", "name": "kettle", "area": "kitchen"},
        {"id": "switch.socket", "kind": "switch", "name": "workshop socket", "area": "garage"},
        {
            "id": "thermostat.main",
            "kind": "thermostat",
            "name": "thermostat",
            "area": "hall",
            "state": {"mode": "heat", "target": 20, "current": 19},
        },
        {"id": "light.kitchen", "kind": "light", "name": "kitchen light", "area": "kitchen"},
    ],
}


def _harness(world: dict[str, object] = WORLD) -> AgentHarness:
    return AgentHarness(include_builtins=True, world=world)


def test_the_heater_asks_which_when_plugs_are_heaters() -> None:
    h = _harness()
    reply = h.say("turn on the heater").reply
    assert "block heater" in reply and "space heater" in reply
    h.say("the space heater")
    assert h.state("switch.space")["on"] is True
    assert h.state("thermostat.main")["mode"] == "heat"


def test_the_heater_is_the_one_plug_so_called() -> None:
    world = dict(WORLD, devices=[d for d in WORLD["devices"] if d["id"] != "switch.block"])  # type: ignore[union-attr]
    h = _harness(world)
    h.say("turn off the heater")
    assert h.state("switch.space")["on"] is False
    assert h.state("thermostat.main")["mode"] == "heat"


def test_the_socket_is_the_one_device_so_called_not_the_rooms_switches() -> None:
    h = _harness()
    h.say("switch on the socket")
    assert h.state("switch.socket")["on"] is True
    assert h.state("switch.kettle")["on"] is False


@pytest.mark.parametrize("text", ["turn off the heating", "set the heating to 22"])
def test_the_heating_is_still_the_thermostat(text: str) -> None:
    h = _harness()
    h.say(text)
    assert h.state("switch.block")["on"] is False
    assert h.state("thermostat.main") != {"mode": "heat", "target": 20, "current": 19}


def test_words_taken_by_kind() -> None:
    world = _harness().world
    taken = TakenKindWords(world)
    assert taken.in_text("turn on the heater", ["thermostat"]) == ["heater"]
    assert taken.in_text("turn on the lights", ["light"]) == []  # the kind's own name
    assert taken.in_text("switch off the socket", ["switch"]) == ["socket"]
    assert sorted(taken.named("turn on the heater", "heater")) == [
        "turn on the block heater",
        "turn on the space heater",
    ]
