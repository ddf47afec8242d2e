"""Names as people say them: synonym and room-less forms, kept only where they name one device."""

from __future__ import annotations

from typing import Any

from sottovoce.agent.fuzzy import NameRepair
from sottovoce.agent.names import area_forms, kind_only_names, spoken_names
from sottovoce.devices import parse_world

_WORLD: dict[str, Any] = {
    "name": "names",
    "areas": [
        {"name": "kitchen", "floor": "ground floor"},
        {"name": "lounge", "floor": "ground floor"},
        {"name": "bedroom", "floor": "first floor"},
        {"name": "loft", "floor": "second floor"},
    ],
    "devices": [
        {"id": "switch.coffee", "kind": "switch", "name": "coffee maker", "area": "kitchen"},
        {"id": "switch.plug", "kind": "switch", "name": "kitchen plug", "area": "kitchen"},
        {"id": "media_player.radio", "kind": "media_player", "name": "kitchen radio"},
        {"id": "light.lounge", "kind": "light", "name": "lounge lamp", "area": "lounge"},
        {"id": "light.bedroom", "kind": "light", "name": "bedroom lamp", "area": "bedroom"},
        {"id": "vacuum.robot", "kind": "vacuum", "name": "robot vacuum"},
    ],
}


def _names(device: str) -> list[str]:
    world = parse_world(_WORLD, "names.yaml")
    return spoken_names(world.devices[device], world)


def test_household_synonyms_name_the_device() -> None:
    assert {"coffee machine", "coffee pot"} <= set(_names("switch.coffee"))
    # "Kitchen socket" is a room and a kind word: every socket there, left to the tools.
    assert "kitchen socket" not in _names("switch.plug")
    assert {"roomba", "hoover", "vacuum"} <= set(_names("vacuum.robot"))
    # "Lounge light" is every light in the lounge, whatever the lamp there is called.
    assert "lounge light" not in _names("light.lounge")


def test_the_name_without_its_room_when_only_one_thing_is_so_called() -> None:
    assert "radio" in _names("media_player.radio")
    assert "plug" in _names("switch.plug")
    # Two lamps: "lamp" alone would be a guess, so neither gets it.
    assert "lamp" not in _names("light.lounge") + _names("light.bedroom")


def test_own_name_and_aliases_come_first() -> None:
    assert _names("switch.coffee")[0] == "coffee maker"


def test_relative_floors_in_a_house_of_ordinal_floors() -> None:
    world = parse_world(_WORLD, "names.yaml")
    words = world.floor_words()
    assert words["downstairs"] == ["ground floor"]
    assert words["upstairs"] == ["first floor", "second floor"]


def test_repair_needs_an_unexplained_word() -> None:
    repair = NameRepair(["bedroom light", "reading lamp", "hallway light"], ["room", "lights"])
    assert repair.repair("turn off room lights") is None
    assert repair.repair("turn on the reading lamb") == "turn on the reading lamp"
    assert repair.repair("turn off the hall way light") == "turn off the hallway light"


def test_a_bare_measure_is_no_name() -> None:
    data = {**_WORLD, "devices": [*_WORLD["devices"], {"id": "sensor.t", "kind": "sensor",
            "name": "lounge temperature", "area": "lounge"}]}  # fmt: skip
    world = parse_world(data, "names.yaml")
    # "What is the temperature" asks about where the user is, not about the lounge.
    assert "temperature" not in spoken_names(world.devices["sensor.t"], world)


def test_other_words_for_a_room_only_where_they_name_one() -> None:
    data = {**_WORLD, "areas": [*_WORLD["areas"], "hall", "study", "office"]}
    world = parse_world(data, "names.yaml")
    forms = dict(area_forms(world))
    assert forms["hallway"] == "hall"
    assert forms["living room"] == "lounge"
    assert "office" not in forms  # a room of its own here
    assert "home office" not in forms  # the study or the office: a guess


def test_a_name_with_the_room_it_is_in() -> None:
    assert "coffee maker in the kitchen" in _names("switch.coffee")
    # A name that starts with its room is not said twice over.
    assert "lounge lamp in the lounge" not in _names("light.lounge")


def test_a_basement_is_neither_upstairs_nor_downstairs() -> None:
    areas = [
        {"name": "rec room", "floor": "basement"},
        {"name": "kitchen", "floor": "first floor"},
        {"name": "bedroom", "floor": "second floor"},
    ]
    world = parse_world({"name": "us", "areas": areas, "devices": []}, "us.yaml")
    words = world.floor_words()
    assert words["downstairs"] == ["first floor"]
    assert words["upstairs"] == ["second floor"]


def _ha_names(name: str, kind: str, area: str) -> list[str]:
    data = {**_WORLD, "devices": [{"id": f"{kind}.x", "kind": kind, "name": name, "area": area}]}
    world = parse_world(data, "names.yaml")
    return spoken_names(world.devices[f"{kind}.x"], world)


def test_home_assistant_style_names_as_people_say_them() -> None:
    assert {"kitchen sonos", "sonos"} <= set(_ha_names("Sonos Kitchen", "media_player", "kitchen"))
    assert "zone 1" in _ha_names("Irrigation Zone 1", "valve", "kitchen")
    assert "front door" in _ha_names("Front Door Lock", "lock", "kitchen")
    assert "garage door" in _ha_names("Garage Door Opener", "cover", "kitchen")
    assert "bedroom ceiling light" in _ha_names("Bedroom Ceiling", "light", "bedroom")
    assert {"pool", "washing machine"} & set(_ha_names("pool temperature", "sensor", "loft"))


def test_a_lock_is_called_by_the_gate_it_locks() -> None:
    data = {**_WORLD, "devices": [
        {"id": "cover.gate", "kind": "cover", "name": "gate", "area": "kitchen"},
        {"id": "lock.gate", "kind": "lock", "name": "gate lock", "area": "kitchen"},
    ]}  # fmt: skip
    world = parse_world(data, "names.yaml")
    assert kind_only_names(world) == {"lock.gate": ["gate"]}


def test_the_master_bedroom_is_the_bedroom() -> None:
    forms = dict(area_forms(parse_world(_WORLD, "names.yaml")))
    assert forms["master bedroom"] == forms["master's bedroom"] == "bedroom"


def test_a_room_s_owner_is_not_dropped_from_a_light_named_after_the_room() -> None:
    """'Jack's room light' is not 'the room light' (the light of the room it is said in),
    but it is still Jack's light."""
    data = {**_WORLD, "areas": [*_WORLD["areas"], "jack's room"]}
    data["devices"] = [
        *_WORLD["devices"],
        {"id": "light.jack", "kind": "light", "name": "jack's room light", "area": "jack's room"},
    ]
    world = parse_world(data, "names.yaml")
    names = spoken_names(world.devices["light.jack"], world)
    assert "room light" not in names and "jack's light" in names
