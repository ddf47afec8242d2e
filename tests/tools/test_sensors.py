"""Tests for the sensor and binary sensor tools."""

from __future__ import annotations

from typing import Any

import pytest
from hassil import parse_sentence

from sottovoce.agent.grammar import Grammar
from sottovoce.devices import World, parse_world
from sottovoce.tools import Registry, ToolContext, ToolError
from sottovoce.tools.builtin import binary_sensors, sensors


def _sensor(slug: str, name: str, area: str, value: float, unit: str) -> dict[str, Any]:
    state = {"value": value, "unit": unit}
    return {"id": f"sensor.{slug}", "kind": "sensor", "name": name, "area": area, "state": state}


def _binary(slug: str, name: str, area: str, on: bool, cls: str) -> dict[str, Any]:
    state = {"on": on, "device_class": cls}
    return {"id": f"binary_sensor.{slug}", "kind": "binary_sensor", "name": name, "area": area,
            "state": state}  # fmt: skip


def make_world(**extra: Any) -> World:
    data: dict[str, Any] = {
        "name": "test",
        "clock": "2026-06-01T08:30:00",
        "areas": [
            {"name": "bedroom", "floor": "upstairs"},
            {"name": "bathroom", "floor": "upstairs"},
            "kitchen", "hallway", "garden", "living room", "office",
        ],
        "devices": [
            _sensor("bed_t", "bedroom temperature", "bedroom", 21.5, "°C"),
            _sensor("bath_h", "bathroom humidity", "bathroom", 55, "%"),
            _sensor("bath_t", "bathroom thermometer", "bathroom", 23, "°C"),
            _sensor("office_air", "office air", "office", 640, "ppm"),
            _sensor("outdoor", "outdoor temperature", "garden", -2, "°C"),
            {"id": "thermostat.main", "kind": "thermostat", "name": "thermostat",
             "area": "living room", "state": {"target": 21, "current": 19.5}},
            {"id": "lock.front", "kind": "lock", "name": "front door", "area": "hallway"},
            _binary("front", "front door sensor", "hallway", False, "door"),
            _binary("bath_win", "bathroom window", "bathroom", True, "window"),
            _binary("bed_win", "bedroom window", "bedroom", False, "window"),
            _binary("hall_motion", "hallway motion", "hallway", False, "motion"),
            _binary("garden_pir", "garden presence", "garden", True, "occupancy"),
        ],
        **extra,
    }  # fmt: skip
    return parse_world(data, "test.yaml", virtual=True)


def ctx_for(world: World, area: str | None = "kitchen") -> ToolContext:
    return ToolContext(world=world, area=area)


def test_sentences_compile() -> None:
    for tool in sensors.plugin.tools:
        for group in tool.sentences:
            for text in group.sentences:
                parse_sentence(text)


def test_read_by_name() -> None:
    world = make_world()
    reply = sensors.sensor_read(ctx_for(world), name="sensor.bed_t")
    assert reply == "The bedroom temperature is 21.5 degrees."
    assert "640 parts per million" in sensors.sensor_read(ctx_for(world), name="office air")
    with pytest.raises(ToolError):
        sensors.sensor_read(ctx_for(world), name="hot tub")


def test_quantity_in_an_area() -> None:
    world = make_world()
    ctx = ctx_for(world)
    assert (
        sensors.sensor_quantity(ctx, "temperature", "bedroom")
        == "It is 21.5 degrees in the bedroom."
    )
    assert (
        sensors.sensor_quantity(ctx, "humidity", "bathroom")
        == "The bathroom humidity is 55 percent."
    )
    # The name says thermometer, the unit says degrees: both count.
    assert "23 degrees" in sensors.sensor_quantity(ctx, "temperature", "bathroom")
    assert "640 parts per million" in sensors.sensor_quantity(ctx, "co2", "office")
    assert (
        sensors.sensor_quantity(ctx, "temperature", "garden")
        == "It is minus 2 degrees in the garden."
    )


def test_floor_lists_every_room() -> None:
    world = make_world()
    reply = sensors.sensor_quantity(ctx_for(world), "temperature", "upstairs")
    assert "21.5 degrees in the bedroom" in reply and "23 degrees in the bathroom" in reply


def test_thermostat_fallback_and_users_area() -> None:
    world = make_world()
    reply = sensors.sensor_quantity(ctx_for(world, "living room"), "temperature", None)
    assert reply == "It is 19.5 degrees in the living room."
    assert "21.5" in sensors.sensor_quantity(ctx_for(world, "bedroom"), "temperature")


def test_missing_quantity_is_an_error() -> None:
    world = make_world()
    with pytest.raises(ToolError, match="no humidity sensor in the kitchen"):
        sensors.sensor_quantity(ctx_for(world), "humidity", "kitchen")
    with pytest.raises(ToolError):
        sensors.sensor_quantity(ctx_for(world), "humidity", "attic")


def test_outside_temperature_prefers_an_outdoor_sensor() -> None:
    world = make_world(weather={"current": {"condition": "sunny", "temperature": 24}})
    assert sensors.outside_temperature(ctx_for(world)) == "It is minus 2 degrees outside."
    assert sensors.sensor_quantity(ctx_for(world), "temperature", "outside").endswith("outside.")


def test_door_by_lock_name_or_sensor_name() -> None:
    world = make_world()
    ctx = ctx_for(world)
    assert binary_sensors.binary_sensor_check(ctx, name="lock.front") == "The front door is closed."
    assert binary_sensors.binary_sensor_check(ctx, name="front door") == "The front door is closed."
    assert binary_sensors.binary_sensor_check(ctx, name="binary_sensor.bath_win") == (
        "The bathroom window is open."
    )
    with pytest.raises(ToolError):
        binary_sensors.binary_sensor_check(ctx, name="hot tub")


def test_any_window_open() -> None:
    world = make_world()
    reply = binary_sensors.binary_sensor_check(ctx_for(world), device_class="window")
    assert "bathroom window is open" in reply and "bedroom window is closed" in reply
    reply = binary_sensors.binary_sensor_check(
        ctx_for(world), area="bedroom", device_class="window"
    )
    assert reply == "The bedroom window is closed."


def test_motion_and_presence() -> None:
    world = make_world()
    ctx = ctx_for(world)
    reply = binary_sensors.binary_sensor_check(ctx, area="hallway", device_class="motion")
    assert reply == "No, there is no motion in the hallway."
    reply = binary_sensors.binary_sensor_check(ctx, area="garden", device_class="motion")
    assert reply == "Yes, there is motion in the garden."
    with pytest.raises(ToolError, match="no motion sensor in the kitchen"):
        binary_sensors.binary_sensor_check(ctx, area="kitchen", device_class="motion")


def test_reads_change_nothing() -> None:
    world = make_world()
    before = world.snapshot()
    binary_sensors.binary_sensor_check(ctx_for(world), device_class="door")
    sensors.sensor_quantity(ctx_for(world), "temperature", "upstairs")
    assert world.snapshot() == before


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        (
            "what is the temperature in the bedroom",
            "sensor_quantity",
            {"quantity": "temperature", "area": "bedroom"},
        ),
        (
            "how humid is the bathroom",
            "sensor_quantity",
            {"quantity": "humidity", "area": "bathroom"},
        ),
        ("what does the bedroom temperature say", "sensor_read", {"name": "sensor.bed_t"}),
        ("is the front door open", "binary_sensor_check", {"name": "lock.front"}),
        (
            "is there a window open in the bathroom",
            "binary_sensor_check",
            {"device_class": "window", "area": "bathroom"},
        ),
        (
            "is someone in the garden",
            "binary_sensor_check",
            {"area": "garden", "device_class": "motion"},
        ),
    ],
)
def test_grammar_routes(text: str, tool: str, args: dict[str, Any]) -> None:
    grammar = Grammar(Registry([sensors.plugin, binary_sensors.plugin]), make_world())
    call = grammar.match(text)
    assert call is not None and (call.tool, call.args) == (tool, args)
