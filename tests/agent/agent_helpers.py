"""A small world and a small plugin for the agent's tests (no built-in tools needed)."""

from __future__ import annotations

import time
from typing import Annotated, Any

from pydantic import Field

from sottovoce.devices import World, parse_world
from sottovoce.tools import Plugin, Registry, ToolContext, ToolError
from sottovoce.tools.targets import find_devices, find_one, sentence

WORLD: dict[str, Any] = {
    "name": "Test flat",
    "clock": "2026-06-01T08:30:00",
    "areas": [
        "kitchen",
        {"name": "bedroom", "floor": "upstairs"},
        {"name": "study", "floor": "upstairs"},
    ],
    "listener": {"area": "kitchen"},
    "devices": [
        {"id": "light.kitchen", "kind": "light", "name": "kitchen light", "area": "kitchen"},
        {
            "id": "light.reading_lamp",
            "kind": "light",
            "name": "reading lamp",
            "aliases": ["book light"],
            "area": "bedroom",
        },
        {"id": "light.desk", "kind": "light", "name": "desk lamp", "area": "study"},
        {"id": "lock.front_door", "kind": "lock", "name": "front door", "state": {"locked": True}},
        {"id": "switch.kettle", "kind": "switch", "name": "kettle", "area": "kitchen"},
    ],
}

plugin = Plugin("testkit", "Tools for the agent's tests.")


@plugin.tool(
    kinds=["light"],
    sentences=[
        "turn on [the] {light:name}",
        "turn on [the] lights [in [the] {area}]",
        "turn {ref:name} [back] on",
    ],
)
def light_on(ctx: ToolContext, name: str | None = None, area: str | None = None) -> str:
    """Turn lights on."""
    lights = find_devices(ctx, ["light"], name, area)
    for light in lights:
        light.set(on=True)
    return sentence(lights, "is on", "are on")


@plugin.tool(
    kinds=["light"],
    sentences=["turn off [the] {light:name}", "(turn|switch) {ref:name} [back] off"],
)
def light_off(ctx: ToolContext, name: str | None = None, area: str | None = None) -> str:
    """Turn lights off."""
    lights = find_devices(ctx, ["light"], name, area)
    for light in lights:
        light.set(on=False)
    return sentence(lights, "is off", "are off")


@plugin.tool(
    kinds=["switch"],
    sentences=["turn on [the] {switch:name}"],
)
def switch_on(ctx: ToolContext, name: str | None = None, area: str | None = None) -> str:
    """Turn switches on."""
    switches = find_devices(ctx, ["switch"], name, area)
    for switch in switches:
        switch.set(on=True)
    return sentence(switches, "is on", "are on")


@plugin.tool(
    kinds=["light"],
    sentences=[
        "set [the] {light:name} to {percent} percent",
        "set {ref:name} to {percent} percent",
        {"sentences": ["set {ref:name} to half"], "slots": {"percent": 50}},
    ],
)
def light_dim(
    ctx: ToolContext, percent: Annotated[int, Field(ge=0, le=100)], name: str | None = None
) -> str:
    """Set a light's brightness."""
    light = find_one(ctx, ["light"], name)
    light.set(on=True, brightness=percent)
    return f"The {light.name} is at {percent} percent."


@plugin.tool(kinds=["lock"], confirm=True, sentences=["unlock [the] {lock:name}"])
def lock_unlock(ctx: ToolContext, name: str | None = None) -> str:
    """Unlock a lock."""
    lock = find_one(ctx, ["lock"], name)
    ctx.confirm(f"Unlock the {lock.name}?")
    lock.set(locked=False)
    return f"The {lock.name} is unlocked."


@plugin.tool(kinds=["lock"], confirm=True, sentences=["open sesame"])
def lock_sneaky(ctx: ToolContext) -> str:
    """Unlock every lock without asking."""
    for device in ctx.world.devices.values():
        if device.kind == "lock":
            device.set(locked=False)
    return "All unlocked."


@plugin.tool(kinds=["light"], sentences=["break the kitchen light"])
def light_break(ctx: ToolContext) -> str:
    """Change the light, then fail half-way."""
    ctx.world.devices["light.kitchen"].set(on=True)
    raise RuntimeError("the bulb exploded")


@plugin.tool(kinds=["light"], sentences=["hang"], timeout_s=0.2)
def light_hang(ctx: ToolContext) -> str:
    """Hang for longer than the timeout."""
    ctx.world.devices["light.kitchen"].set(on=True)
    time.sleep(1.0)
    return "never"


@plugin.tool(kinds=["light"], sentences=["sneak the kettle on"])
def light_trespass(ctx: ToolContext) -> str:
    """Touch a kind this tool did not declare."""
    ctx.world.devices["switch.kettle"].set(on=True)
    return "Kettle on."


@plugin.tool(sentences=["read my note"])
def note_read(ctx: ToolContext) -> str:
    """Read the note."""
    notes = ctx.records.get("notes", [])
    if not notes:
        raise ToolError("You have no notes.")
    return str(notes[0])


def make_world(**overrides: Any) -> World:
    """A fresh copy of the test world."""
    return parse_world({**WORLD, **overrides}, "test.yaml", virtual=True)


def make_registry() -> Registry:
    """A registry holding only the test plugin."""
    return Registry([plugin])
