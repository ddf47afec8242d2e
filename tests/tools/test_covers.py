"""Tests of the covers plugin: tools on a simulated world, and its sentence grammar."""

from __future__ import annotations

from typing import Any

import hassil
import pytest
from device_grammar import make_world, match

from sottovoce.devices import World
from sottovoce.tools import ToolContext, ToolError
from sottovoce.tools.builtin import covers


def state(world: World, device_id: str) -> dict[str, Any]:
    return dict(world.snapshot()["devices"][device_id])


def home() -> World:
    return make_world(
        [
            {"id": "cover.kitchen", "kind": "cover", "name": "kitchen blind", "area": "kitchen"},
            {
                "id": "cover.living",
                "kind": "cover",
                "name": "living room curtains",
                "area": "living room",
                "state": {"position": 100},
            },
            {"id": "cover.garage", "kind": "cover", "name": "garage door", "area": "garden"},
            {"id": "valve.garden", "kind": "valve", "name": "garden sprinklers", "area": "garden"},
        ]
    )


def test_every_sentence_compiles() -> None:
    for tool in covers.plugin.tools:
        for group in tool.sentences:
            for text in group.sentences:
                hassil.parse_sentence(text)


def test_open_close_here_and_by_name() -> None:
    world = home()
    ctx = ToolContext(world=world, area="kitchen")
    assert covers.cover_open(ctx) == "The kitchen blind is open."
    assert state(world, "cover.kitchen") == {"position": 100}
    assert covers.cover_close(ctx, name="garage door") == "The garage door is closed."
    # "All the blinds" are the devices called blinds (Home Assistant's blind class), not
    # the curtains; "all the curtains" are the curtains; a garage door is neither.
    assert covers.cover_close(ctx, name="blinds", area="house") == "The kitchen blind is closed."
    assert state(world, "cover.living") == {"position": 100}
    assert covers.cover_close(ctx, name="curtains", area="house") == (
        "The living room curtains are closed."
    )
    assert state(world, "cover.garage") == {"position": 0}
    assert state(world, "valve.garden") == {"position": 0}


def test_valves_by_kind_word() -> None:
    world = home()
    ctx = ToolContext(world=world, area="kitchen")
    assert covers.cover_open(ctx, name="sprinklers") == "The garden sprinklers are open."
    assert state(world, "valve.garden") == {"position": 100}
    assert state(world, "cover.kitchen") == {"position": 0}
    assert covers.cover_close(ctx, name="water") == "The garden sprinklers are closed."


def test_position_and_status() -> None:
    world = home()
    ctx = ToolContext(world=world, area="kitchen")
    assert covers.cover_set_position(ctx, percent=30, name="kitchen blind") == (
        "The kitchen blind is partly open at 30 percent."
    )
    assert covers.cover_status(ctx, name="blinds", area="house") == (
        "The kitchen blind is partly open at 30 percent."
    )
    with pytest.raises(ToolError):
        covers.cover_open(ctx, name="hot tub")


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("open the blinds", "cover_open", {"name": "blinds"}),
        (
            "close the curtains in the living room",
            "cover_close",
            {"name": "curtains", "area": "living room"},
        ),
        ("open the garage door", "cover_open", {"name": "cover.garage"}),
        ("lower the kitchen blind", "cover_close", {"name": "cover.kitchen"}),
        (
            "open the kitchen blind halfway",
            "cover_set_position",
            {"name": "cover.kitchen", "percent": 50},
        ),
        ("set the blinds to 30 percent", "cover_set_position", {"name": "blinds", "percent": 30}),
        ("are the blinds open", "cover_status", {"name": "blinds"}),
        ("is the garage door open", "cover_status", {"name": "cover.garage"}),
        ("turn on the sprinklers", "cover_open", {"name": "sprinklers"}),
        ("turn off the water", "cover_close", {"name": "water"}),
        ("turn on the garden sprinklers", "cover_open", {"name": "valve.garden"}),
        ("water the garden", "cover_open", {"name": "water", "area": "garden"}),
        ("is the water on", "cover_status", {"name": "water"}),
    ],
)
def test_sentences_route_to_one_tool(text: str, tool: str, args: dict[str, Any]) -> None:
    assert match(home(), text) == (tool, args)


def test_all_the_blinds_with_none_called_so_are_the_window_coverings() -> None:
    world = make_world(
        [
            {"id": "cover.living", "kind": "cover", "name": "living room curtains",
             "area": "living room", "state": {"position": 100}},
            {"id": "cover.garage", "kind": "cover", "name": "garage door", "area": "garden",
             "state": {"position": 100}},
        ]
    )  # fmt: skip
    ctx = ToolContext(world=world, area="kitchen")
    assert covers.cover_close(ctx, name="blinds", area="house") == (
        "The living room curtains are closed."
    )
    assert state(world, "cover.garage") == {"position": 100}
