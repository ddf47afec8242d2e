"""Tests of the switches plugin: tools on a simulated world, and its sentence grammar."""

from __future__ import annotations

from typing import Any

import hassil
import pytest
from device_grammar import make_world, match

from sottovoce.devices import World
from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin import switches


def state(world: World, device_id: str) -> dict[str, Any]:
    return dict(world.snapshot()["devices"][device_id])


def home() -> World:
    return make_world(
        [
            {"id": "switch.coffee", "kind": "switch", "name": "coffee maker", "area": "kitchen"},
            {
                "id": "switch.heater",
                "kind": "switch",
                "name": "space heater",
                "area": "office",
                "aliases": ["heater plug"],
                "state": {"on": True},
            },
            {
                "id": "fan.ceiling",
                "kind": "fan",
                "name": "ceiling fan",
                "area": "bedroom",
                "state": {"on": False, "speed": 0},
            },
            {
                "id": "fan.desk",
                "kind": "fan",
                "name": "desk fan",
                "area": "office",
                "state": {"on": True, "speed": 50},
            },
            {
                "id": "light.desk",
                "kind": "light",
                "name": "desk lamp",
                "area": "office",
                "state": {"on": False, "brightness": 0},
            },
        ]
    )


def test_every_sentence_compiles() -> None:
    for tool in switches.plugin.tools:
        for group in tool.sentences:
            for text in group.sentences:
                hassil.parse_sentence(text)


def test_turn_on_off_by_name_any_kind() -> None:
    world = home()
    ctx = ToolContext(world=world, area="kitchen")
    assert switches.device_turn_on(ctx, name="coffee maker") == "The coffee maker is on."
    assert state(world, "switch.coffee") == {"on": True}
    assert switches.device_turn_on(ctx, name="desk lamp") == "The desk lamp is on."
    assert state(world, "light.desk") == {"on": True, "brightness": 100}
    assert switches.device_turn_off(ctx, name="heater plug") == "The space heater is off."


def test_kind_words_and_everything() -> None:
    world = home()
    ctx = ToolContext(world=world, area="office")
    assert switches.device_turn_off(ctx, name="fans") == "The desk fan is off."
    assert state(world, "switch.heater")["on"] is True
    reply = switches.device_turn_off(ctx, name="everything")
    assert reply == "The space heater, the desk fan and the desk lamp are off."
    switches.device_turn_on(ctx, name="fan", area="upstairs")
    assert state(world, "fan.ceiling")["on"] is True


def test_it_refers_to_the_last_device() -> None:
    world = home()
    ctx = ToolContext(world=world, area="kitchen", referent=("light.desk",))
    assert switches.device_turn_on(ctx, name="it") == "The desk lamp is on."


def test_unknown_and_wrong_kind() -> None:
    world = make_world(
        [{"id": "lock.front", "kind": "lock", "name": "front door"}]
        + [{"id": "switch.a", "kind": "switch", "name": "kettle"}]
    )
    ctx = ToolContext(world=world)
    with pytest.raises(ToolError, match="no hot tub"):
        switches.device_turn_on(ctx, name="hot tub")
    with pytest.raises(ToolError, match="front door"):
        switches.device_turn_on(ctx, name="front door")


def test_toggle_and_status() -> None:
    world = home()
    ctx = ToolContext(world=world, area="office")
    assert switches.device_toggle(ctx, name="coffee maker") == "The coffee maker is on."
    assert switches.device_status(ctx, name="coffee maker") == "The coffee maker is on."
    assert switches.device_status(ctx, name="fan") == "The desk fan is on at 50 percent."
    assert switches.device_status(ctx, name="ceiling fan") == "The ceiling fan is off."


def test_fan_speed_words_and_zero() -> None:
    world = home()
    ctx = ToolContext(world=world)
    assert switches.fan_set_speed(ctx, percent=66, name="ceiling fan") == (
        "The ceiling fan is on at 66 percent, medium."
    )
    assert state(world, "fan.ceiling") == {"on": True, "speed": 66}
    assert switches.fan_set_speed(ctx, percent=0, name="ceiling fan") == "The ceiling fan is off."
    assert state(world, "fan.ceiling") == {"on": False, "speed": 0}


def test_faster_slower() -> None:
    world = home()
    ctx = ToolContext(world=world)
    # Without a number a fan steps between its speed words (33, 66, 100).
    switches.fan_faster(ctx, name="desk fan")
    assert state(world, "fan.desk") == {"on": True, "speed": 66}
    switches.fan_faster(ctx, name="desk fan", step=50)
    assert state(world, "fan.desk") == {"on": True, "speed": 100}
    switches.fan_faster(ctx, name="desk fan")
    assert state(world, "fan.desk") == {"on": True, "speed": 100}
    switches.fan_slower(ctx, name="desk fan")
    assert state(world, "fan.desk") == {"on": True, "speed": 66}
    switches.fan_slower(ctx, name="desk fan")
    switches.fan_slower(ctx, name="desk fan")
    assert state(world, "fan.desk") == {"on": False, "speed": 0}
    switches.fan_faster(ctx, name="desk fan", step=90)
    switches.fan_slower(ctx, name="desk fan", step=100)
    assert state(world, "fan.desk") == {"on": False, "speed": 0}
    switches.fan_faster(ctx, name="ceiling fan")
    assert state(world, "fan.ceiling") == {"on": True, "speed": 33}


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("turn on the coffee maker", "device_turn_on", {"name": "switch.coffee"}),
        ("switch the coffee maker off", "device_turn_off", {"name": "switch.coffee"}),
        ("turn off the desk lamp", "light_turn_off", {"name": "light.desk"}),
        ("turn on the fan", "device_turn_on", {"name": "fan"}),
        ("turn off the fans upstairs", "device_turn_off", {"name": "fan", "area": "upstairs"}),
        (
            "turn off everything in the office",
            "device_turn_off",
            {"name": "everything", "area": "office"},
        ),
        ("turn it back on", "device_turn_on", {"name": "it"}),
        ("is the coffee maker on", "device_status", {"name": "switch.coffee"}),
        ("is the fan running", "device_status", {"name": "fan"}),
        ("set the ceiling fan to high", "fan_set_speed", {"name": "fan.ceiling", "percent": 100}),
        ("set the fan to low", "fan_set_speed", {"name": "fan", "percent": 33}),
        (
            "set the desk fan speed to 40 percent",
            "fan_set_speed",
            {"name": "fan.desk", "percent": 40},
        ),
        ("ceiling fan on medium", "fan_set_speed", {"name": "fan.ceiling", "percent": 66}),
        ("make the ceiling fan faster", "fan_faster", {"name": "fan.ceiling"}),
        ("turn down the fan", "fan_slower", {"name": "fan"}),
    ],
)
def test_sentences_route_to_one_tool(text: str, tool: str, args: dict[str, Any]) -> None:
    assert match(home(), text) == (tool, args)
