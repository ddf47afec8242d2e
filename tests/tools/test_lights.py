"""Tests of the lights plugin: tools on a simulated world, and its sentence grammar."""

from __future__ import annotations

from typing import Any

import hassil
import pytest
from device_grammar import make_world, match

from sottovoce.devices import World
from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin import lights


def lights_world() -> World:
    return make_world(
        [
            {
                "id": "light.kitchen_ceiling",
                "kind": "light",
                "name": "kitchen ceiling light",
                "aliases": ["kitchen light"],
                "area": "kitchen",
                "state": {"on": False, "brightness": 100},
            },
            {
                "id": "light.reading_lamp",
                "kind": "light",
                "name": "reading lamp",
                "area": "living room",
                "state": {"on": True, "brightness": 40},
            },
            {
                "id": "light.floor_lamp",
                "kind": "light",
                "name": "floor lamp",
                "area": "living room",
                "state": {"on": False, "brightness": 100},
            },
            {
                "id": "light.bedside",
                "kind": "light",
                "name": "bedside lamp",
                "area": "bedroom",
                "state": {"on": True, "brightness": 70},
            },
            {"id": "switch.kettle", "kind": "switch", "name": "kettle", "area": "kitchen"},
        ]
    )


def state(world: World, device_id: str) -> dict[str, Any]:
    return dict(world.snapshot()["devices"][device_id])


def test_every_sentence_compiles() -> None:
    for tool in lights.plugin.tools:
        for group in tool.sentences:
            for text in group.sentences:
                hassil.parse_sentence(text)


def test_turn_on_by_name_and_alias() -> None:
    world = lights_world()
    ctx = ToolContext(world=world, area="kitchen")
    assert lights.light_turn_on(ctx, name="kitchen light") == "The kitchen ceiling light is on."
    assert state(world, "light.kitchen_ceiling")["on"] is True
    assert ctx.touched == ["light.kitchen_ceiling"]


def test_turn_off_here_area_floor_and_house() -> None:
    world = lights_world()
    ctx = ToolContext(world=world, area="living room")
    assert lights.light_turn_off(ctx) == "The reading lamp and the floor lamp are off."
    assert state(world, "light.reading_lamp")["on"] is False
    assert state(world, "light.bedside")["on"] is True
    lights.light_turn_off(ctx, area="upstairs")
    assert state(world, "light.bedside")["on"] is False
    reply = lights.light_turn_on(ctx, area="house")
    assert reply == "The 4 lights are on."
    assert all(state(world, i)["on"] for i in world.devices if i.startswith("light."))
    assert state(world, "switch.kettle")["on"] is False


def test_unknown_light_and_unknown_room() -> None:
    ctx = ToolContext(world=lights_world(), area="kitchen")
    with pytest.raises(ToolError, match="no hot tub"):
        lights.light_turn_on(ctx, name="hot tub")
    with pytest.raises(ToolError, match="attic"):
        lights.light_turn_on(ctx, area="attic")
    with pytest.raises(ToolError, match="kettle"):
        lights.light_turn_on(ctx, name="kettle")


def test_toggle() -> None:
    world = lights_world()
    ctx = ToolContext(world=world, area="living room")
    reply = lights.light_toggle(ctx)
    assert reply == "The reading lamp is off; the floor lamp is on."


def test_brightness_turns_on_and_zero_turns_off() -> None:
    world = lights_world()
    ctx = ToolContext(world=world)
    assert lights.light_set_brightness(ctx, percent=50, name="floor lamp") == (
        "The floor lamp is at 50 percent."
    )
    assert state(world, "light.floor_lamp") == {"on": True, "brightness": 50}
    assert (
        lights.light_set_brightness(ctx, percent=0, name="floor lamp") == "The floor lamp is off."
    )
    assert state(world, "light.floor_lamp") == {"on": False, "brightness": 0}
    lights.light_turn_on(ctx, name="floor lamp")
    assert state(world, "light.floor_lamp") == {"on": True, "brightness": 100}


def test_brighter_and_dimmer_by_twenty() -> None:
    world = lights_world()
    ctx = ToolContext(world=world)
    assert lights.light_brighter(ctx, name="reading lamp") == "The reading lamp is at 60 percent."
    assert lights.light_dimmer(ctx, name="reading lamp", step=50) == (
        "The reading lamp is at 10 percent."
    )
    assert lights.light_dimmer(ctx, name="reading lamp") == "The reading lamp is off."
    assert state(world, "light.reading_lamp") == {"on": False, "brightness": 0}
    lights.light_brighter(ctx, name="kitchen light")
    assert state(world, "light.kitchen_ceiling") == {"on": True, "brightness": 100}


def test_color_turns_on() -> None:
    world = lights_world()
    ctx = ToolContext(world=world)
    assert lights.light_set_color(ctx, color="Red", name="floor lamp") == "The floor lamp is red."
    assert state(world, "light.floor_lamp") == {"on": True, "brightness": 100, "color": "red"}


def test_status() -> None:
    world = lights_world()
    ctx = ToolContext(world=world, area="kitchen")
    assert lights.light_status(ctx, name="reading lamp") == "The reading lamp is on at 40 percent."
    assert lights.light_status(ctx) == "The kitchen ceiling light is off."
    assert lights.light_status(ctx, area="living room") == (
        "The reading lamp is on; the floor lamp is off."
    )
    lights.light_turn_off(ctx, area="house")
    assert lights.light_status(ctx, area="house") == "The 4 lights are all off."


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("turn on the kitchen light", "light_turn_on", {"name": "light.kitchen_ceiling"}),
        ("switch the reading lamp off", "light_turn_off", {"name": "light.reading_lamp"}),
        ("turn off the lights", "light_turn_off", {}),
        ("turn off all the lights", "light_turn_off", {"area": "house"}),
        ("turn on the lights upstairs", "light_turn_on", {"area": "upstairs"}),
        ("turn on the living room lights", "light_turn_on", {"area": "living room"}),
        ("lights off in the bedroom", "light_turn_off", {"area": "bedroom"}),
        ("kill the lights", "light_turn_off", {}),
        ("toggle the floor lamp", "light_toggle", {"name": "light.floor_lamp"}),
        (
            "set the reading lamp to 30 percent",
            "light_set_brightness",
            {"name": "light.reading_lamp", "percent": 30},
        ),
        (
            "dim the lights in the living room to 20 percent",
            "light_set_brightness",
            {"area": "living room", "percent": 20},
        ),
        (
            "set the floor lamp to half brightness",
            "light_set_brightness",
            {"name": "light.floor_lamp", "percent": 50},
        ),
        ("put the lights on full", "light_set_brightness", {"percent": 100}),
        ("dim the reading lamp", "light_dimmer", {"name": "light.reading_lamp"}),
        ("make the lights brighter", "light_brighter", {}),
        ("brighten it", "light_brighter", {"name": "it"}),
        (
            "make the reading lamp red",
            "light_set_color",
            {"name": "light.reading_lamp", "color": "red"},
        ),
        (
            "turn the lights blue in the bedroom",
            "light_set_color",
            {"color": "blue", "area": "bedroom"},
        ),
        ("is the reading lamp on", "light_status", {"name": "light.reading_lamp"}),
        ("are the lights on upstairs", "light_status", {"area": "upstairs"}),
        (
            "make the bedroom lights 40 percent bright",
            "light_set_brightness",
            {"area": "bedroom", "percent": 40},
        ),
        (
            "set all the lamps in the living room halfway",
            "light_set_brightness",
            {"area": "living room", "percent": 50},
        ),
        (
            "adjust all the lights to green in here",
            "light_set_color",
            {"color": "green"},
        ),
        ("did i leave the lights on", "light_status", {"area": "house"}),
        ("turn it off", "device_turn_off", {"name": "it"}),
    ],
)
def test_sentences_route_to_one_tool(text: str, tool: str, args: dict[str, Any]) -> None:
    assert match(lights_world(), text) == (tool, args)
