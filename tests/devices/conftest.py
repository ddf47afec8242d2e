"""Fixtures for the devices tests: a small, complete world as data and as a file."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

GOOD_WORLD: dict[str, Any] = {
    "name": "Test home",
    "location": {"city": "Lisbon", "timezone": "Europe/Lisbon"},
    "clock": "2026-06-01T08:30:00",
    "areas": ["kitchen", "living room", {"name": "bedroom", "floor": "upstairs"}],
    "listener": {"area": "kitchen"},
    "devices": [
        {
            "id": "light.kitchen_ceiling",
            "kind": "light",
            "name": "kitchen ceiling light",
            "aliases": ["kitchen light"],
            "area": "kitchen",
            "state": {"on": False, "brightness": 100},
        },
        {"id": "thermostat.hall", "kind": "thermostat", "name": "thermostat"},
        {"id": "lock.front_door", "kind": "lock", "name": "front door", "area": "Living Room"},
        {
            "id": "sensor.outside",
            "kind": "sensor",
            "name": "outside temperature",
            "state": {"value": 17.5, "unit": "°C"},
        },
    ],
    "contacts": [{"name": "Anna", "phone": "+351 900 000 001"}],
    "weather": {
        "current": {"condition": "sunny", "temperature": 24},
        "forecast": [
            {"day": "today", "condition": "sunny", "high": 27, "low": 18},
            {"day": "tomorrow", "condition": "rain", "high": 19, "low": 14},
        ],
    },
    "wearable": {"heart_rate": 142, "pace_min_per_km": 5.4, "battery": 81},
    "lists": {"shopping": ["eggs"]},
    "scenes": [{"name": "movie night", "sets": {"light.kitchen_ceiling": {"on": False}}}],
    "media_library": [
        {"title": "Morning Jazz", "kind": "playlist"},
        {"title": "Abbey Road", "artist": "The Beatles", "kind": "album"},
    ],
}


@pytest.fixture
def world_data() -> dict[str, Any]:
    """A fresh deep copy of the good world, free to mutate."""
    return copy.deepcopy(GOOD_WORLD)


@pytest.fixture
def world_file(tmp_path: Path, world_data: dict[str, Any]) -> Path:
    """The good world written as YAML."""
    path = tmp_path / "home.yaml"
    path.write_text(yaml.safe_dump(world_data, sort_keys=False), encoding="utf-8")
    return path
