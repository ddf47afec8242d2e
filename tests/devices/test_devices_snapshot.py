"""The state snapshot (SPEC.md section 2) and world checkpoints.

Besides the devices, the sections come from the plugins attached to the world:
here the built-ins, reading records in the layouts older stores migrate to.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from sottovoce.devices import VirtualClock, World, parse_world
from sottovoce.tools import Registry


def _world(data: dict[str, Any]) -> World:
    world = parse_world(data, "home.yaml")
    Registry.builtin().attach(world)
    return world


def test_a_world_without_plugins_shows_its_devices_only(world_data: dict[str, Any]) -> None:
    assert list(parse_world(world_data, "home.yaml").snapshot()) == ["devices"]


def test_snapshot_of_a_fresh_world(world_data: dict[str, Any]) -> None:
    snapshot = _world(world_data).snapshot()
    assert snapshot == {
        "devices": {
            "light.kitchen_ceiling": {"on": False, "brightness": 100},
            "thermostat.hall": {"target": 20, "current": 20, "mode": "heat"},
            "lock.front_door": {"locked": True},
            "sensor.outside": {"value": 17.5, "unit": "°C"},
        },
        "timers": [],
        "lists": {"shopping": ["eggs"]},
        "reminders": [],
        "messages": [],
        "calls": [],
        "workout": {"active": False, "kind": None},
        "notes": [],
    }
    assert json.loads(json.dumps(snapshot)) == snapshot


def test_snapshot_after_changes(world_data: dict[str, Any]) -> None:
    world = _world(world_data)
    records = world.store.records
    world.devices["light.kitchen_ceiling"].set(on=True)
    assert isinstance(world.clock, VirtualClock)
    ends = (world.clock.now() + timedelta(seconds=300)).isoformat()
    records["timers"] = {
        "1": {"label": "eggs", "duration_s": 300, "ends_at": ends, "remaining_s": 300.0,
              "paused": False},
        "2": {"label": None, "duration_s": 60, "ends_at": None, "remaining_s": 12.4,
              "paused": True},
    }  # fmt: skip
    records["reminders"] = {"3": {"text": "stretch", "due": "2026-06-01T08:40:00"}}
    records["phone"] = {"messages": [["Anna", "I'll be late"]], "calls": ["Anna"]}
    records["workout"] = {"workout": {"active": True, "kind": "run", "started": None}}
    records["lists"]["notes"] = ["parking spot is level 3"]
    records["lists"]["lists"]["shopping"].append("milk")
    world.clock.advance(99.6)
    snapshot = world.snapshot()
    assert snapshot["devices"]["light.kitchen_ceiling"] == {"on": True, "brightness": 100}
    assert snapshot["timers"] == [
        {"label": "eggs", "duration_s": 300, "remaining_s": 200, "paused": False},
        {"label": None, "duration_s": 60, "remaining_s": 12, "paused": True},
    ]
    assert isinstance(snapshot["timers"][0]["remaining_s"], int)
    assert snapshot["reminders"] == [{"text": "stretch", "due": "2026-06-01T08:40:00"}]
    assert snapshot["messages"] == [{"to": "Anna", "text": "I'll be late"}]
    assert snapshot["calls"] == [{"to": "Anna"}]
    assert snapshot["workout"] == {"active": True, "kind": "run"}
    assert snapshot["notes"] == ["parking spot is level 3"]
    assert snapshot["lists"] == {"shopping": ["eggs", "milk"]}
    snapshot["lists"]["shopping"].clear()  # a snapshot is a copy
    assert records["lists"]["lists"]["shopping"] == ["eggs", "milk"]


def test_checkpoint_restores_devices_and_store(world_data: dict[str, Any]) -> None:
    world = _world(world_data)
    before = world.snapshot()
    saved = world.checkpoint()
    world.devices["light.kitchen_ceiling"].set(on=True, brightness=10)
    world.devices["lock.front_door"].set(locked=False)
    world.store.records["lists"]["notes"] = ["oops"]
    world.store.records["lists"]["lists"]["shopping"].append("milk")
    world.restore(saved)
    assert world.snapshot() == before
    with pytest.raises(TypeError):
        world.restore(object())
