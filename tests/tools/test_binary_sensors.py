"""Tests for binary sensors asked about in their own class's words."""

from __future__ import annotations

from typing import Any

import pytest

from sottovoce.devices import World, parse_world
from sottovoce.testing import AgentHarness
from sottovoce.tools import ToolContext
from sottovoce.tools.builtin import binary_sensors
from sottovoce.tools.builtin.binary_classes import CLASSES, meaning


def _sensor(slug: str, name: str, on: bool, cls: str, area: str = "hall") -> dict[str, Any]:
    return {"id": f"binary_sensor.{slug}", "kind": "binary_sensor", "name": name, "area": area,
            "state": {"on": on, "device_class": cls}}  # fmt: skip


def world_data() -> dict[str, Any]:
    return {
        "name": "test",
        "clock": "2026-06-01T08:30:00",
        "areas": ["hall", "cellar", "kitchen"],
        "listener": {"area": "hall"},
        "devices": [
            # One watch, three sensors: the question's word chooses among them.
            _sensor("watch_battery", "watch", True, "battery"),
            _sensor("watch_charging", "watch", False, "battery_charging"),
            _sensor("watch_online", "watch", True, "connectivity"),
            _sensor("cellar_leak", "cellar floor", False, "moisture", "cellar"),
            _sensor("boiler_co", "boiler alarm", False, "carbon_monoxide", "kitchen"),
            _sensor("hob_gas", "hob sensor", True, "gas", "kitchen"),
            _sensor("freezer_cold", "freezer", True, "cold", "kitchen"),
            _sensor("dryer_running", "tumble dryers", False, "running", "cellar"),
        ],
    }


def make_world() -> World:
    return parse_world(world_data(), "test.yaml", virtual=True)


def test_every_class_has_distinct_on_and_off_words() -> None:
    for cls, words in CLASSES.items():
        assert not set(words.on) & set(words.off), cls
        assert meaning(cls, words.on[0]) is True and meaning(cls, words.off[0]) is False


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("is the watch battery low", "Yes, the watch battery is low."),
        ("is my watch battery ok", "No, the watch battery is low."),
        ("is the watch charging", "No, the watch is not charging."),
        ("is the watch online right now", "Yes, the watch is connected."),
        ("is the freezer too cold", "Yes, the freezer is cold."),
        ("are the tumble dryers running", "No, the tumble dryers are not running."),
    ],
)
def test_a_yes_or_no_in_the_class_words(text: str, reply: str) -> None:
    harness = AgentHarness(world=world_data(), include_builtins=True)
    assert harness.say(text).reply == reply


def test_a_name_shared_by_sensors_is_chosen_by_the_word() -> None:
    ctx = ToolContext(world=make_world())
    ask = binary_sensors.binary_sensor_check
    assert ask(ctx, name="binary_sensor.watch_battery", state="charging").startswith(
        "No, the watch"
    )
    assert ctx.touched == ["binary_sensor.watch_charging"]
    assert ask(ctx, name="binary_sensor.watch_battery", state="low") == (
        "Yes, the watch battery is low."
    )


def test_gas_and_carbon_monoxide_are_told_apart() -> None:
    harness = AgentHarness(world=world_data(), include_builtins=True)
    assert harness.say("is there any carbon monoxide in the kitchen").reply == (
        "No, the boiler alarm is clear."
    )
    assert harness.say("can you smell gas in the kitchen").reply == (
        "Yes, the hob sensor detects gas."
    )


def test_leaks_with_and_without_a_place() -> None:
    harness = AgentHarness(world=world_data(), include_builtins=True)
    assert harness.say("is the cellar flooded").reply == "No, the cellar floor is dry."
    assert harness.say("has there been a leak").reply == "No, the cellar floor is dry."


def test_a_sensor_named_by_its_class_word() -> None:
    harness = AgentHarness(world=world_data(), include_builtins=True)
    assert harness.say("is the leak sensor wet").reply == "No, the cellar floor is dry."
    assert harness.say("is the battery low").reply == "Yes, the watch battery is low."


def test_problems_with_a_named_device() -> None:
    data = world_data()
    data["devices"].append(_sensor("feeder", "pet feeder", True, "problem", "kitchen"))
    harness = AgentHarness(world=data, include_builtins=True)
    assert harness.say("are there any problems with the pet feeder").reply == (
        "Yes, the pet feeder is having a problem."
    )
    assert harness.say("what's the status of the pet feeder").reply == (
        "The pet feeder is having a problem."
    )
