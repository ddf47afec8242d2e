"""The state snapshot (SPEC.md section 2) and world checkpoints."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest

from sottovoce.devices import Call, Message, Reminder, Timer, VirtualClock, World, parse_world

T0 = datetime(2026, 6, 1, 8, 30)


def _world(data: dict[str, Any]) -> World:
    return parse_world(data, "home.yaml")


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
    store = world.store
    world.devices["light.kitchen_ceiling"].set(on=True)
    store.timers.append(Timer.start(store.next_id(), 300, T0, "eggs"))
    store.timers.append(Timer(store.next_id(), None, 60, None, 12.4, True))
    store.reminders.append(Reminder(store.next_id(), "stretch", T0 + timedelta(minutes=10)))
    store.messages.append(Message("Anna", "I'll be late"))
    store.calls.append(Call("Anna"))
    store.workout.active, store.workout.kind = True, "run"
    store.notes.append("parking spot is level 3")
    store.lists["shopping"].append("milk")
    assert isinstance(world.clock, VirtualClock)
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
    assert store.lists["shopping"] == ["eggs", "milk"]


def test_checkpoint_restores_devices_and_store(world_data: dict[str, Any]) -> None:
    world = _world(world_data)
    before = world.snapshot()
    saved = world.checkpoint()
    world.devices["light.kitchen_ceiling"].set(on=True, brightness=10)
    world.devices["lock.front_door"].set(locked=False)
    world.store.notes.append("oops")
    world.store.lists["shopping"].append("milk")
    world.restore(saved)
    assert world.snapshot() == before
    with pytest.raises(TypeError):
        world.restore(object())
