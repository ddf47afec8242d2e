"""Tests of the home plugin: tools on a simulated world, and its sentence grammar."""

from __future__ import annotations

from typing import Any

import hassil
import pytest
from hassil import Intents, recognize_all

from sottovoce.devices import World, parse_world
from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin import home as home_plugin
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
    grammar = Intents.from_dict({"language": "en", "intents": intents, "lists": lists})
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


def state(world: World, device_id: str) -> dict[str, Any]:
    return dict(world.snapshot()["devices"][device_id])


def home() -> World:
    return make_world(
        [
            {
                "id": "light.tv",
                "kind": "light",
                "name": "tv light",
                "area": "living room",
                "state": {"on": True, "brightness": 100},
            },
            {
                "id": "cover.living",
                "kind": "cover",
                "name": "living room blinds",
                "area": "living room",
                "state": {"position": 100},
            },
            {"id": "vacuum.robo", "kind": "vacuum", "name": "robot vacuum", "area": "office"},
        ],
        scenes=[
            {
                "name": "movie night",
                "sets": {"light.tv": {"brightness": 20}, "cover.living": {"position": 0}},
            },
            {"name": "away mode", "sets": {"light.tv": {"on": False}}},
        ],
    )


def test_every_sentence_compiles() -> None:
    for tool in home_plugin.plugin.tools:
        for group in tool.sentences:
            for text in group.sentences:
                hassil.parse_sentence(text)


def test_scene_applies_its_sets() -> None:
    world = home()
    ctx = ToolContext(world=world, area="kitchen")
    assert home_plugin.scene_activate(ctx, scene="Movie Night scene") == (
        "The movie night scene is on."
    )
    assert state(world, "light.tv") == {"on": True, "brightness": 20}
    assert state(world, "cover.living") == {"position": 0}
    assert home_plugin.scene_activate(ctx, scene="away") == "The away mode is on."


def test_unknown_scene() -> None:
    ctx = ToolContext(world=home())
    with pytest.raises(ToolError, match="no scene called party"):
        home_plugin.scene_activate(ctx, scene="party")


def test_vacuum_start_return_status() -> None:
    world = home()
    ctx = ToolContext(world=world, area="kitchen")
    assert (
        home_plugin.vacuum_start(ctx, area="kitchen") == "The robot vacuum is cleaning the kitchen."
    )
    assert state(world, "vacuum.robo") == {"status": "cleaning"}
    assert home_plugin.vacuum_status(ctx) == "The robot vacuum is cleaning."
    assert home_plugin.vacuum_return(ctx) == "The robot vacuum is going back to its dock."
    assert state(world, "vacuum.robo") == {"status": "returning"}


def test_vacuum_docked_stays_docked() -> None:
    world = home()
    ctx = ToolContext(world=world)
    assert home_plugin.vacuum_return(ctx) == "The robot vacuum is already docked."
    assert state(world, "vacuum.robo") == {"status": "docked"}


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("activate movie night", "scene_activate", {"scene": "movie night"}),
        ("turn on the movie night scene", "scene_activate", {"scene": "movie night"}),
        ("it is movie night time", "scene_activate", {"scene": "movie night"}),
        ("start the vacuum", "vacuum_start", {}),
        ("vacuum the house", "vacuum_start", {"area": "house"}),
        ("clean the floors", "vacuum_start", {}),
        ("send the vacuum home", "vacuum_return", {}),
        ("stop vacuuming", "vacuum_return", {}),
        ("dock the robot vacuum", "vacuum_return", {"name": "vacuum.robo"}),
        ("is the vacuum running", "vacuum_status", {}),
        ("movie night", None, None),
    ],
)
def test_sentences_route_to_one_tool(text: str, tool: str | None, args: dict[str, Any]) -> None:
    expected = None if tool is None else (tool, args)
    assert match(home(), text) == expected
