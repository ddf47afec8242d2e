"""Home Assistant's sentence library over our world: readings, the mapping, and whole turns."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from sottovoce.agent.agent import Agent
from sottovoce.agent.calls import Call
from sottovoce.agent.grammar import Grammar
from sottovoce.agent.ha_library import HaLibrary, _says_something
from sottovoce.agent.ha_mapping import HANDLERS, HERE, to_call
from sottovoce.devices import World, default_world_path, load_world
from sottovoce.tools import Registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.builtin()


@pytest.fixture(scope="module")
def grammar(registry: Registry) -> Grammar:
    return Grammar(registry, _world())


def _world() -> World:
    return load_world(default_world_path(), virtual=True)


def _turns(registry: Registry, grammar: Grammar, *lines: str) -> tuple[World, list[str]]:
    world = _world()
    agent = Agent(registry, world, grammar=grammar)

    async def run() -> list[str]:
        return [(await agent.handle(line)).reply for line in lines]

    return world, asyncio.run(run())


def _state(world: World, device: str) -> dict[str, Any]:
    return dict(world.devices[device].state())


@pytest.mark.parametrize(
    ("said", "device", "expected"),
    [
        ("turn on my living room lights", "light.reading_lamp", {"on": True}),
        ("activate living room lights", "light.living_room_ceiling", {"on": True}),
        ("light up the living room", "light.light_strip", {"on": True}),
        ("can you turn off the lights here?", "light.counter_lights", {"on": False}),
        ("bedside lamp 50%", "light.bedside_lamp", {"brightness": 50}),
        ("start the coffee pot", "switch.coffee_maker", {"on": True}),
        ("start the roomba", "vacuum.robot", {"status": "cleaning"}),
    ],
)
def test_phrasings_from_home_assistants_library_act(
    registry: Registry, grammar: Grammar, said: str, device: str, expected: dict[str, Any]
) -> None:
    world, _ = _turns(registry, grammar, said)
    assert {k: _state(world, device)[k] for k in expected} == expected


def test_all_our_lights_means_every_light(registry: Registry, grammar: Grammar) -> None:
    world, _ = _turns(registry, grammar, "turn off all our lights")
    lights = [d for d in world.devices.values() if d.kind == "light"]
    assert lights and not any(d.state()["on"] for d in lights)


def test_half_an_hour_as_a_fraction(registry: Registry, grammar: Grammar) -> None:
    world, replies = _turns(registry, grammar, "set a timer for 1/2 an hour")
    assert [t["duration_s"] for t in world.snapshot()["timers"]] == [1800], replies


def test_room_lights_is_not_repaired_into_the_bedroom_light(
    registry: Registry, grammar: Grammar
) -> None:
    world, _ = _turns(registry, grammar, "turn off room lights")
    assert _state(world, "light.bedroom_ceiling") == _state(_world(), "light.bedroom_ceiling")


def test_a_bare_name_is_not_a_command(registry: Registry, grammar: Grammar) -> None:
    world, _ = _turns(registry, grammar, "I love the coffee maker")
    assert _state(world, "switch.coffee_maker")["on"] is False


def test_readings_name_our_tools_with_world_ids() -> None:
    library = HaLibrary(_world())
    best = library.best("turn on the kitchen light")
    assert best is not None and best.call == Call(
        "light_turn_on", {"name": "light.kitchen_ceiling"}
    )
    here = library.best("turn off the lights in here")
    assert here is not None and here.call == Call("light_turn_off", {})
    assert library.best("what is the exchange rate between us and mexico") is None


def test_bare_name_templates_are_dropped() -> None:
    assert not _says_something("[<the>] {name}")
    assert not _says_something("[activate] [<the>] {area} {name} [scene]")
    assert _says_something("<turn> on [<the>] {name}")
    assert _says_something("[<the>] {area} {name} on")


@pytest.mark.parametrize(
    ("intent", "slots", "call"),
    [
        ("HassTurnOn", {"name": "lock.front_door"}, Call("lock_lock", {"name": "lock.front_door"})),
        (
            "HassTurnOff",
            {"name": "lock.back_door"},
            Call("lock_unlock", {"name": "lock.back_door"}),
        ),
        (
            "HassTurnOn",
            {"name": "scene:movie night"},
            Call("scene_activate", {"scene": "movie night"}),
        ),
        (
            "HassTurnOn",
            {"domain": "fan", "area": "office"},
            Call("device_turn_on", {"area": "office", "name": "fans"}),
        ),
        ("HassTurnOff", {"domain": "light"}, Call("light_turn_off", {"area": "house"})),
        (
            "HassTurnOn",
            {"domain": "cover", "device_class": "blind", "area": HERE},
            Call("cover_open", {"name": "blinds"}),
        ),
        (
            "HassStartTimer",
            {"hours": 1, "minutes": 20, "name": "roast"},
            Call("timer_start", {"seconds": 4800, "label": "roast"}),
        ),
        ("HassStartTimer", {"minutes": 5, "conversation_command": "turn off the lights"}, None),
        ("HassIncreaseTimer", {"minutes": 2}, Call("timer_add_time", {"seconds": 120})),
        (
            "HassSetVolumeRelative",
            {"volume_step": -10, "area": HERE},
            Call("media_volume_step", {"direction": "down", "step": 10}),
        ),
        (
            "HassShoppingListAddItem",
            {"item": "milk"},
            Call("list_add", {"items": "milk", "list_name": "shopping"}),
        ),
        (
            "HassClimateGetTemperature",
            {"area": "bedroom"},
            Call("sensor_quantity", {"quantity": "temperature", "area": "bedroom"}),
        ),
        ("HassBroadcast", {"message": "dinner"}, None),
        (
            "HassGetState",
            {"domain": "light", "state": "on", "response": "how_many", "area": "kitchen"},
            Call(
                "devices_ask",
                {"noun": "light", "state": "on", "ask": "how_many", "area": "kitchen"},
            ),
        ),  # fmt: skip
        (
            "HassGetState",
            {"domain": "cover", "device_class": "curtain", "state": "closed", "response": "all"},
            Call("devices_ask", {"noun": "curtains", "state": "closed", "ask": "all"}),
        ),
        (
            "HassGetState",
            {"domain": "lock", "state": "unlocked", "response": "which", "area": HERE},
            Call(
                "devices_ask", {"noun": "lock", "state": "unlocked", "ask": "which", "area": "here"}
            ),
        ),  # fmt: skip
        (
            "HassGetState",
            {"name": "binary_sensor.garage", "state": "on", "response": "one_yesno"},
            Call("binary_sensor_check", {"state": "on", "name": "binary_sensor.garage"}),
        ),
    ],
)
def test_mapping_table(intent: str, slots: dict[str, Any], call: Call | None) -> None:
    assert to_call(intent, slots) == call


def test_every_mapped_tool_exists(registry: Registry) -> None:
    names = {spec.name for spec in registry}
    samples: dict[str, Any] = {
        "name": "light.x",
        "area": "kitchen",
        "brightness": 50,
        "temperature": 21,
        "percentage": 50,
        "position": 50,
        "volume_level": 50,
        "search_query": "jazz",
        "minutes": 5,
        "item": "milk",
    }
    for intent in HANDLERS:
        call = to_call(intent, samples)
        assert call is not None and call.tool in names, intent
