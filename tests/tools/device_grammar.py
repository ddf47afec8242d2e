"""Shared helpers for the device-plugin tests: a test world and the grammar of those plugins.

The grammar here holds only the device plugins (MINE), so that a test fails when two of
them compete for one sentence.
"""

from __future__ import annotations

from typing import Any

from hassil import Intents, recognize_all

from sottovoce.agent.ha_library import expansion_rules
from sottovoce.devices import World, parse_world
from sottovoce.tools.registry import load_plugin

MINE = ("lights", "switches", "climate", "covers", "locks", "home")


def make_world(devices: list[dict[str, Any]], **extra: Any) -> World:
    """A world with a kitchen, a living room and two rooms upstairs."""
    data = {
        "name": "test",
        "areas": [
            "kitchen",
            "living room",
            "garden",
            {"name": "bedroom", "floor": "upstairs"},
            {"name": "office", "floor": "upstairs"},
        ],
        "devices": devices,
        **extra,
    }
    return parse_world(data, "test.yaml", virtual=True)


def world_lists(world: World) -> dict[str, Any]:
    """The slot lists the agent fills from a world, as hassil list dicts."""
    lists: dict[str, Any] = {}
    kinds = ["light", "switch", "fan", "thermostat", "media_player", "cover", "lock"]
    kinds += ["sensor", "binary_sensor", "vacuum", "valve", "device"]
    for kind in kinds:
        values = [
            {"in": spoken, "out": d.id}
            for d in world.devices.values()
            if kind in (d.kind, "device")
            for spoken in (d.name, *d.aliases)
        ]
        lists[kind] = {"values": values or [{"in": "zzz nothing", "out": "none"}]}
        # Names without their kind word (agent/slot_lists.py): none in these test homes.
        lists[f"{kind}_part"] = {"values": [{"in": "zzz no part", "out": "none"}]}
    places = [a.name for a in world.areas] + [a.floor for a in world.areas if a.floor]
    lists["area"] = {"values": sorted({*places, "house", "whole house", "everywhere"})}
    scenes = [s.name for s in world.scenes] or ["zzz no scene"]
    lists["scene"] = {"values": scenes}
    pronouns = ("it", "them", "that", "this", "those")
    lists["ref"] = {"values": [{"in": word, "out": "it"} for word in pronouns]}
    lists["percent"] = {"range": {"from": 0, "to": 100}}
    lists["number"] = {"range": {"from": 0, "to": 1000, "fractions": "halves"}}
    return lists


def outcomes(world: World, text: str) -> set[tuple[str, tuple[tuple[str, Any], ...]]]:
    """Every (tool, args) that the grammar of our plugins gives `text`."""
    intents: dict[str, Any] = {}
    lists = world_lists(world)
    for module in MINE:
        plugin = load_plugin(f"sottovoce.tools.builtin.{module}:plugin")
        for tool in plugin.tools:
            data = [
                {"sentences": list(g.sentences), "slots": dict(g.slots)} for g in tool.sentences
            ]
            intents[tool.name] = {"data": data}
            lists.update(tool.lists)
    # As the agent's grammar: templates may use Home Assistant's named phrases (<all>, ...).
    rules = expansion_rules()
    grammar = Intents.from_dict(
        {"language": "en", "intents": intents, "lists": lists, "expansion_rules": rules}
    )
    found = set()
    for result in recognize_all(text, grammar):
        args = tuple(sorted((k, e.value) for k, e in result.entities.items()))
        found.add((result.intent.name, args))
    return found


def match(world: World, text: str) -> tuple[str, dict[str, Any]] | None:
    """The one (tool, args) for `text`; fails the test if two tools (or args) compete.

    Like the agent, a match naming a device ("kitchen light") beats one naming
    an area and a kind word ("kitchen" + "light").
    """
    found = outcomes(world, text)
    named = {o for o in found if any(k == "name" and v in world.devices for k, v in o[1])}
    found = named or found
    assert len(found) <= 1, f"{text!r} is ambiguous: {found}"
    if not found:
        return None
    name, args = found.pop()
    return name, dict(args)
