"""Loading world files: a good world, and every kind of bad input as a one-line error."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from sottovoce.devices import (
    Area,
    RealClock,
    Store,
    VirtualClock,
    WorldError,
    default_world_path,
    load_world,
    parse_world,
)
from sottovoce.tools import Registry
from sottovoce.tools.records import PluginRecords


def test_load_good_world(world_file: Path) -> None:
    world = load_world(world_file)
    assert world.name == "Test home" and world.source == str(world_file)
    assert world.location.timezone == "Europe/Lisbon"
    assert world.clock.now() == datetime(2026, 6, 1, 8, 30)
    assert world.areas[2] == Area("bedroom", "upstairs")
    assert world.floors() == ["upstairs"]
    assert world.area("BEDROOM") == Area("bedroom", "upstairs") and world.area("attic") is None
    assert world.listener_area == "kitchen"
    assert list(world.devices) == [
        "light.kitchen_ceiling",
        "thermostat.hall",
        "lock.front_door",
        "sensor.outside",
    ]
    light = world.devices["light.kitchen_ceiling"]
    assert (light.name, light.aliases, light.area) == (
        "kitchen ceiling light",
        ("kitchen light",),
        "kitchen",
    )
    assert world.devices["lock.front_door"].area == "living room"  # canonical area name
    assert world.contacts[0].phone == "+351 900 000 001"
    assert world.weather is not None and world.weather.forecast[1].condition == "rain"
    assert world.wearable == {"heart_rate": 142, "pace_min_per_km": 5.4, "battery": 81}
    assert world.scenes[0].sets == {"light.kitchen_ceiling": {"on": False}}
    assert world.media_library[1].artist == "The Beatles"
    assert world.media_library[0].artist is None
    assert world.lists == {"shopping": ["eggs"]}
    Registry.builtin().attach(world)
    assert world.snapshot()["lists"] == {"shopping": ["eggs"]}


def test_yaml_on_key_is_not_a_boolean(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "clock: 2026-06-01T08:30:00\n"
        "devices:\n"
        "  - {id: light.a, kind: light, name: a, state: {on: true, brightness: 40}}\n"
    )
    world = load_world(path)
    assert world.devices["light.a"].state() == {"on": True, "brightness": 40}
    assert world.clock.now() == datetime(2026, 6, 1, 8, 30)


def test_minimal_world_and_clock_choice(world_data: dict[str, Any]) -> None:
    world = parse_world({"name": "empty"}, "e.yaml")
    assert world.devices == {} and world.weather is None and world.wearable == {}
    assert isinstance(world.clock, RealClock)
    virtual = parse_world({}, "e.yaml", virtual=True)
    assert isinstance(virtual.clock, VirtualClock) and virtual.name == "e"
    given = VirtualClock(datetime(2030, 1, 1))
    assert parse_world(world_data, "w.yaml", clock=given).clock is given


def test_given_store_is_seeded_once(world_data: dict[str, Any]) -> None:
    store = Store.in_memory()
    PluginRecords(store, "lists")["lists"] = {"shopping": ["milk"]}
    world = parse_world(world_data, "w.yaml", store=store)
    Registry.builtin().attach(world)
    assert world.store is store and world.snapshot()["lists"] == {"shopping": ["milk"]}


def test_extension_keys_are_ignored(world_data: dict[str, Any]) -> None:
    world_data["x-notes"] = {"anything": [1, 2]}
    world_data["devices"][0]["x-hw"] = "gpio 17"
    parse_world(world_data, "w.yaml")


def test_default_world_path_points_into_the_package() -> None:
    path = default_world_path()
    assert path.name == "default_world.yaml" and path.parent.name == "data"


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _device(**fields: Any) -> Any:
    return _set(("devices", 0), fields)


BAD_WORLDS = [
    (_set(("colour",), 1), "unknown key 'colour'; known keys: name, language, location"),
    (_set(("devices",), {"a": 1}), "devices: expected a list"),
    (_device(kind="light", name="x"), "devices[0]: missing required key 'id'"),
    (_device(id="light.x", name="x"), "devices[0] (light.x): missing required key 'kind'"),
    (_device(id="light.x", kind="light"), "missing required key 'name'"),
    (_device(id="light.x", kind="hottub", name="x"), "(light.x): unknown kind 'hottub'; known"),
    (_device(id="Kitchen Light", kind="light", name="x"), "bad id 'Kitchen Light'"),
    (_device(id="switch.x", kind="light", name="x"), "id 'switch.x' must start with its kind"),
    (_set(("devices", 1), {"id": "light.kitchen_ceiling", "kind": "light", "name": "y"}), "dup"),
    (_set(("devices", 0, "state", "dim"), 1), "unknown light attribute 'dim'"),
    (_set(("devices", 0, "state", "brightness"), 300), "percentage 0-100, got 300"),
    (_set(("devices", 0, "state", "on"), "yes"), "expected true or false"),
    (_set(("devices", 0, "state"), [1]), ".state: expected a mapping"),
    (_set(("devices", 0, "area"), "garage"), "unknown area 'garage'; areas: kitchen"),
    (_set(("devices", 0, "aliases"), [""]), "aliases[0]: expected non-empty text"),
    (_set(("devices", 0, "wattage"), 60), "unknown key 'wattage'"),
    (_set(("listener",), {"area": "attic"}), "listener.area: unknown area 'attic'"),
    (_set(("scenes", 0, "sets", "light.nope"), {"on": True}), "unknown device 'light.nope'"),
    (_set(("scenes", 0, "sets", "light.kitchen_ceiling"), {"on": 3}), "expected true or false"),
    (_set(("scenes", 0, "sets", "sensor.outside"), {"value": 3}), "'value' is read-only"),
    (_set(("contacts", 0), {"phone": "1"}), "contacts[0]: missing required key 'name'"),
    (_set(("contacts",), [{"name": "A"}, {"name": "a"}]), "listed twice"),
    (_set(("areas",), ["kitchen", "Kitchen"]), "area 'Kitchen' is listed twice"),
    (_set(("areas", 2), {"floor": "up"}), "areas[2]: missing required key 'name'"),
    (_set(("clock",), "tomorrow morning"), "clock: expected a time like"),
    (_set(("clock",), 5), "clock: expected a time like"),
    (_set(("location", "timezone"), "Mars/Olympus"), "unknown timezone 'Mars/Olympus'"),
    (_set(("weather", "current"), {"condition": "sunny"}), "missing required key 'temperature'"),
    (_set(("weather", "forecast", 0, "high"), "hot"), "forecast[0].high: expected a number"),
    (_set(("wearable", "battery"), "full"), "wearable.battery: expected a number"),
    (_set(("lists",), ["eggs"]), "lists: expected a mapping"),
    (_set(("media_library", 0), {"kind": "album"}), "missing required key 'title'"),
]


@pytest.mark.parametrize(("change", "message"), BAD_WORLDS)
def test_bad_world_is_one_line_naming_the_file(
    world_data: dict[str, Any], change: Any, message: str
) -> None:
    change(world_data)
    with pytest.raises(WorldError) as info:
        parse_world(world_data, "home.yaml")
    text = str(info.value)
    assert text.startswith("home.yaml: ") and "\n" not in text
    assert message in text


def test_unknown_kind_message_matches_the_documented_form(world_data: dict[str, Any]) -> None:
    world_data["devices"].append({"id": "light.kitchen", "kind": "hottub", "name": "tub"})
    with pytest.raises(WorldError) as info:
        parse_world(world_data, "home.yaml")
    assert str(info.value).startswith(
        "home.yaml: devices[4] (light.kitchen): unknown kind 'hottub'; known kinds: light, switch, "
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"devices: [unclosed\n", "not valid YAML at line"),
        (b"", "the world file is empty"),
        (b"- just\n- a list\n", "top level: expected a mapping"),
        (b"\xff\xfe\x00bad", "cannot read the world file"),
    ],
)
def test_bad_world_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "home.yaml"
    path.write_bytes(content)
    with pytest.raises(WorldError) as info:
        load_world(path)
    assert str(info.value).startswith(f"{path}: ") and message in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_world_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(WorldError, match="no such world file"):
        load_world(tmp_path / "nope.yaml")
    with pytest.raises(WorldError, match="is a directory"):
        load_world(tmp_path)


class _Relay:
    """A real-looking switch that records writes and can be made to fail."""

    def __init__(self) -> None:
        self.id, self.kind, self.name, self.aliases, self.area = "switch.r", "switch", "r", (), None
        self.on = False
        self.writes: list[dict[str, Any]] = []
        self.broken = False

    def state(self) -> dict[str, Any]:
        return {"on": self.on}

    def set(self, **attrs: Any) -> None:
        if self.broken:
            raise OSError("the relay board is unplugged")
        self.writes.append(attrs)
        self.on = attrs.get("on", self.on)


def test_restore_writes_only_what_changed_on_a_real_device_and_survives_a_failure() -> None:
    world = parse_world({"name": "w"}, "w.yaml")
    relay = _Relay()
    world.devices[relay.id] = relay
    world.restore(world.checkpoint())
    assert relay.writes == []  # nothing changed: nothing clicks
    checkpoint = world.checkpoint()
    relay.set(on=True)
    notes = PluginRecords(world.store, "lists")
    notes["notes"] = ["kept?"]
    relay.broken = True
    world.restore(checkpoint)  # the relay cannot be put back; the store still is
    assert "notes" not in notes
    relay.broken = False
    world.restore(checkpoint)
    assert relay.writes[-1] == {"on": False} and relay.on is False
