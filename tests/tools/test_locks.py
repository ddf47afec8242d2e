"""Tests of the locks plugin: tools on a simulated world, and its sentence grammar."""

from __future__ import annotations

from typing import Any

import hassil
import pytest
from device_grammar import make_world, match

from sottovoce.devices import World
from sottovoce.tools import NeedsConfirmation, ToolContext, ToolError
from sottovoce.tools.builtin import locks


def state(world: World, device_id: str) -> dict[str, Any]:
    return dict(world.snapshot()["devices"][device_id])


def home() -> World:
    return make_world(
        [
            {"id": "lock.front", "kind": "lock", "name": "front door", "area": "living room"},
            {
                "id": "lock.back",
                "kind": "lock",
                "name": "back door",
                "area": "kitchen",
                "state": {"locked": False},
            },
        ]
    )


def test_every_sentence_compiles() -> None:
    for tool in locks.plugin.tools:
        for group in tool.sentences:
            for text in group.sentences:
                hassil.parse_sentence(text)


def test_lock() -> None:
    world = home()
    ctx = ToolContext(world=world, area="kitchen")
    assert locks.lock_lock(ctx) == "The back door is locked."
    assert state(world, "lock.back") == {"locked": True}


def test_unlock_needs_confirmation() -> None:
    world = home()
    ctx = ToolContext(world=world, area="kitchen")
    with pytest.raises(NeedsConfirmation) as asked:
        locks.lock_unlock(ctx, name="front door")
    assert asked.value.prompt == "Unlock the front door?"
    assert state(world, "lock.front") == {"locked": True}
    ctx.confirmed = True
    assert locks.lock_unlock(ctx, name="front door") == "The front door is unlocked."
    assert state(world, "lock.front") == {"locked": False}


def test_unlock_already_unlocked_asks_nothing() -> None:
    ctx = ToolContext(world=home(), area="kitchen")
    assert locks.lock_unlock(ctx, name="back door") == "The back door is already unlocked."


def test_status_and_unknown() -> None:
    ctx = ToolContext(world=home(), area="kitchen")
    assert locks.lock_status(ctx, name="front door") == "The front door is locked."
    assert locks.lock_status(ctx, area="house") == (
        "The back door is unlocked; the front door is locked."
    )
    with pytest.raises(ToolError, match="no garage"):
        locks.lock_lock(ctx, name="garage")


@pytest.mark.parametrize(
    ("text", "tool", "args"),
    [
        ("lock the front door", "lock_lock", {"name": "lock.front"}),
        ("lock the doors", "lock_lock", {"area": "house"}),
        ("lock up", "lock_lock", {"area": "house"}),
        ("unlock the back door", "lock_unlock", {"name": "lock.back"}),
        ("is the front door locked", "lock_status", {"name": "lock.front"}),
        ("are the doors locked", "lock_status", {"area": "house"}),
        ("did i lock the back door", "lock_status", {"name": "lock.back"}),
    ],
)
def test_sentences_route_to_one_tool(text: str, tool: str, args: dict[str, Any]) -> None:
    assert match(home(), text) == (tool, args)
