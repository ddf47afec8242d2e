"""Tests of the home plugin: tools on a simulated world, and its sentence grammar."""

from __future__ import annotations

from typing import Any

import hassil
import pytest
from device_grammar import make_world, match

from sottovoce.devices import World
from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin import home as home_plugin


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
        # A scene's name alone starts it, as Home Assistant's name-only sentences do.
        ("movie night", "scene_activate", {"scene": "movie night"}),
        ("movie night please", "scene_activate", {"scene": "movie night"}),
        ("movie", None, None),
    ],
)
def test_sentences_route_to_one_tool(text: str, tool: str | None, args: dict[str, Any]) -> None:
    expected = None if tool is None else (tool, args)
    assert match(home(), text) == expected
