"""bench/ha_cases.py: Home Assistant intent tests -> sottovoce worlds and cases."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "ha_cases.py"

FIXTURES = """
language: "en"
floors:
  - name: "Upstairs"
    id: "upstairs_id"
areas:
  - name: "Kitchen"
    id: "kitchen_id"
    floor: "upstairs_id"
  - name: "Office"
    id: "office_id"
entities:
  - name: "Kitchen Light"
    id: "light.kitchen"
    area: "kitchen_id"
    state: "on"
  - name: "Desk Lamp"
    id: "light.desk_lamp"
    area: "office_id"
    state: "off"
  - name: "Front Door"
    id: "lock.front_door"
    state: "locked"
  - name: "Kitchen Blind"
    id: "cover.kitchen_blind"
    area: "kitchen_id"
    state: "open"
    attributes:
      device_class: blind
  - name: "Outside Temperature"
    id: "sensor.outside_temperature"
    state: "12"
    attributes:
      unit_of_measurement: "°C"
  - name: "Pet Door"
    id: "binary_sensor.pet_door"
    state:
      in: "closed"
      out: "off"
    attributes:
      device_class: door
  - name: "Movie Time"
    id: "scene.movie_time"
  - name: "Stealth Mode"
    id: "script.stealth_mode"
  - name: "Trader Joe[']s"
    id: "todo.trader_joes"
    state: ""
"""

LIGHTS = """
language: en
tests:
  - sentences:
      - "turn on the desk lamp"
      - "turn on {name}"
    intent:
      name: HassTurnOn
      slots:
        name: Desk Lamp
  - sentences:
      - "turn off the lights"
    intent:
      name: HassTurnOff
      context:
        area: Kitchen
      slots:
        domain: light
        area: Kitchen
  - sentences:
      - "upstairs lights on"
    intent:
      name: HassTurnOn
      slots:
        domain: light
        floor: Upstairs
"""

LOCKS = """
language: en
tests:
  - sentences:
      - "unlock the front door"
    intent:
      name: HassTurnOff
      slots:
        name: Front Door
  - sentences:
      - "lock the front door"
    intent:
      name: HassTurnOn
      slots:
        name: Front Door
"""

OTHERS = """
language: en
tests:
  - sentences:
      - "what is the outside temperature?"
    intent:
      name: HassGetState
      slots:
        name: Outside Temperature
    response: "Outside temperature is 12 °C"
  - sentences:
      - "run stealth mode"
    intent:
      name: HassTurnOn
      slots:
        domain: script
        name: Stealth Mode
  - sentences:
      - "arm the alarm"
    intent:
      name: HassArm
  - sentences:
      - "close the kitchen blinds"
    intent:
      name: HassTurnOff
      slots:
        area: Kitchen
        domain: cover
        device_class: blind
  - sentences:
      - "activate movie time"
    intent:
      name: HassTurnOn
      slots:
        domain: scene
        name: Movie Time
  - sentences:
      - "remove apples from my trader joes list"
    intent:
      name: HassListRemoveItem
      slots:
        item: apples
        name: Trader Joes
"""

TIMERS = """
language: en
tests:
  - sentences:
      - "cancel pizza timer"
    intent:
      name: HassCancelTimer
      slots:
        name:
          - "pizza "
          - "pizza"
  - sentences:
      - "start a 5 minute timer"
    intent:
      name: HassStartTimer
      slots:
        minutes: 5
  - sentences:
      - "cancel kitchen timer"
    intent:
      name: HassCancelTimer
      slots:
        area: Kitchen
"""

TEMPLATE_TEST = """
---
# HassTurnOff - name_only
language: "en"
entities:
  - name: "Overhead Light"
    domain: "light"
tests:
  - sentences:
      - "turn off Overhead Light"
    slots:
      name: "Overhead Light"
"""


def load_converter() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ha_cases", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["ha_cases"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    src = tmp_path_factory.mktemp("src")
    out = tmp_path_factory.mktemp("out")
    (src / "_fixtures.yaml").write_text(FIXTURES, encoding="utf-8")
    (src / "light_HassTurnOn.yaml").write_text(LIGHTS, encoding="utf-8")
    (src / "lock_HassTurnOff.yaml").write_text(LOCKS, encoding="utf-8")
    (src / "misc_tests.yaml").write_text(OTHERS, encoding="utf-8")
    (src / "homeassistant_HassCancelTimer.yaml").write_text(TIMERS, encoding="utf-8")
    (src / "HassTurnOff").mkdir()
    (src / "HassTurnOff" / "name_only.yaml").write_text(TEMPLATE_TEST, encoding="utf-8")
    report = load_converter().convert(src, out)
    return out, report


def read(out: Path, name: str) -> Any:
    return yaml.safe_load((out / name).read_text(encoding="utf-8"))


def cases(out: Path, name: str) -> dict[str, Any]:
    return {c["id"]: c for c in read(out, name)["cases"]}


def test_worlds(converted: tuple[Path, Any]) -> None:
    out, _ = converted
    ha, off, on = (read(out, f) for f in ("world.yaml", "world-off.yaml", "world-on.yaml"))
    assert {"name": "kitchen", "floor": "upstairs"} in ha["areas"]
    devices = {d["id"]: d for d in ha["devices"]}
    assert devices["light.kitchen"] == {
        "id": "light.kitchen",
        "kind": "light",
        "name": "kitchen light",
        "area": "kitchen",
        "state": {"on": True, "brightness": 100},
    }
    assert devices["sensor.outside_temperature"]["state"] == {"value": 12, "unit": "°C"}
    assert devices["binary_sensor.pet_door"]["state"] == {"on": False, "device_class": "door"}
    assert devices["light.overhead_light"]["kind"] == "light"  # from the template test
    assert not any(d.startswith("script.") for d in devices)
    off_devices = {d["id"]: d["state"] for d in off["devices"]}
    on_devices = {d["id"]: d["state"] for d in on["devices"]}
    assert off_devices["light.kitchen"]["on"] is False
    assert off_devices["lock.front_door"] == {"locked": False}
    assert on_devices["lock.front_door"] == {"locked": True}
    assert on_devices["cover.kitchen_blind"] == {"position": 100}
    assert off["lists"] == {"shopping": [], "trader joes": []}
    assert on["lists"]["trader joes"] == ["apples"]
    assert ha["scenes"][0]["name"] == "movie time"


def test_action_cases(converted: tuple[Path, Any]) -> None:
    out, _ = converted
    off, on = cases(out, "actions-off.yaml"), cases(out, "actions-on.yaml")
    assert read(out, "actions-off.yaml")["world"] == "world-off.yaml"
    assert read(out, "actions-on.yaml")["world"] == "world-on.yaml"
    assert off["light_HassTurnOn-1"] == {
        "id": "light_HassTurnOn-1",
        "say": "turn on the desk lamp",
        "expect": {"state": {"devices": {"light.desk_lamp": {"on": True}}}},
    }
    assert "light_HassTurnOn-2" not in off  # template syntax
    assert on["light_HassTurnOn-3"]["area"] == "kitchen"
    assert on["light_HassTurnOn-3"]["expect"]["state"] == {
        "devices": {"light.kitchen": {"on": False}}
    }
    assert off["light_HassTurnOn-4"]["expect"]["state"]["devices"] == {
        "light.kitchen": {"on": True}
    }
    unlock = on["lock_HassTurnOff-1"]["turns"]
    assert [t["say"] for t in unlock] == ["unlock the front door", "yes"]
    assert unlock[0]["expect"] == {"state": {}}
    assert unlock[1]["expect"]["state"]["devices"] == {"lock.front_door": {"locked": False}}
    assert off["lock_HassTurnOff-2"]["expect"]["state"]["devices"] == {
        "lock.front_door": {"locked": True}
    }
    assert on["misc_tests-4"]["expect"]["state"]["devices"] == {
        "cover.kitchen_blind": {"position": 0}
    }
    assert off["misc_tests-5"]["expect"]["state"] == {"devices": {"light.desk_lamp": {"on": True}}}
    assert on["misc_tests-6"]["expect"]["state"] == {"lists": {"trader joes": []}}
    assert on["HassTurnOff-name_only-1"]["expect"]["state"]["devices"] == {
        "light.overhead_light": {"on": False}
    }


def test_timer_cases(converted: tuple[Path, Any]) -> None:
    out, _ = converted
    off = cases(out, "actions-off.yaml")
    turns = off["homeassistant_HassCancelTimer-1"]["turns"]
    assert [t["say"] for t in turns] == [
        "set a timer for 30 minutes called pizza",
        "set a timer for 10 minutes",
        "cancel pizza timer",
    ]
    assert turns[-1]["expect"]["state"] == {
        "timers": [{"label": None, "duration_s": 600, "remaining_s": 600, "paused": False}]
    }
    assert off["homeassistant_HassCancelTimer-2"]["expect"]["state"] == {
        "timers": [{"label": None, "duration_s": 300, "remaining_s": 300, "paused": False}]
    }
    assert "homeassistant_HassCancelTimer-3" not in off  # timers have no area


def test_queries_and_skips(converted: tuple[Path, Any]) -> None:
    out, report = converted
    queries = cases(out, "queries.yaml")
    assert read(out, "queries.yaml")["world"] == "world.yaml"
    question = queries["misc_tests-1"]
    assert question["expect"]["state"] == {}
    assert "12" in question["expect"]["reply"]
    assert report.counts == {"actions-off.yaml": 6, "actions-on.yaml": 5, "queries.yaml": 1}
    assert report.skipped["sentence with template syntax"] == 1
    assert report.skipped["domain not in sottovoce: script"] == 1
    assert report.skipped["intent without a sottovoce equivalent: HassArm"] == 1
    assert report.skipped["timer by area (sottovoce timers have no area)"] == 1
    assert report.sentences == 16
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "home-assistant/intents" in readme
