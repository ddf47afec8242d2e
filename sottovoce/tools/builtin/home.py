"""Scenes (several devices set at once) and the robot vacuum.

A scene's name alone ("movie night") is not a command: too many ordinary
sentences could be one. It takes a verb ("activate movie night"), "mode" or
"it is ... time". The vacuum has three states: docked, cleaning, returning;
stopping or pausing it sends it back to its dock, the only way it has to stop.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field
from rapidfuzz import fuzz, process

from sottovoce.devices import KINDS, Device, Scene, check_write
from sottovoce.tools import Plugin, ToolContext, ToolError
from sottovoce.tools.targets import (
    FUZZY_CUTOFF,
    areas_named,
    find_devices,
    of_kinds,
    sentence,
    status_sentences,
)

plugin = Plugin("home", "Activate scenes; start, stop and check the robot vacuum.")


def _scene_sentences() -> list[str]:
    verb = (
        "(activate|turn on|switch on|put on|set|start|run|enable|apply|switch to|go to|trigger"
        "|launch|do)"
    )
    return [
        f"{verb} [the] {{scene}} [scene|mode|setting]",
        "(put|stick) [the] {scene} [scene|mode] on",
        "{scene} [scene|mode] [please]",  # a scene's name alone: "movie night"
        "[set|switch to|go to|put [the] house in] {scene} mode",
        "it is {scene} time",
        "(time for|ready for|get ready for) {scene}",
        "(set|get) [the] (house|home|lights|mood|scene) (for|to) {scene}",
        "(set|switch) [the] house to {scene} [mode]",
    ]


# A scene may set any kind of device, so the permission check must allow them all.
@plugin.tool(kinds=list(KINDS), sentences=_scene_sentences())
def scene_activate(
    ctx: ToolContext,
    scene: Annotated[str, Field(description="the scene's name, e.g. 'movie night'")],
) -> str:
    """Activate a scene: set the devices it lists all at once."""
    found = _scene(ctx, scene)
    writes = _checked_writes(ctx, found)
    for device, attrs in writes:
        device.set(**attrs)
    label = found.name
    if not label.lower().endswith((" scene", " mode")):
        label += " scene"
    return f"The {label} is on."


def _scene(ctx: ToolContext, spoken: str) -> Scene:
    """The scene meant by a spoken name, allowing 'scene'/'mode' after it and near misses."""
    wanted = " ".join(spoken.lower().split()).removeprefix("the ")
    scenes = {scene.name.lower(): scene for scene in ctx.world.scenes}
    if wanted in scenes:  # "dinner time" is a scene's whole name, not "dinner" + "time"
        return scenes[wanted]
    for suffix in (" scene", " mode", " time"):
        wanted = wanted.removesuffix(suffix)
    for name in (wanted, wanted + " scene", wanted + " mode"):
        if name in scenes:
            return scenes[name]
    best = process.extractOne(wanted, list(scenes), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
    if best is not None:
        return scenes[best[0]]
    if not scenes:
        raise ToolError("There are no scenes set up.")
    known = sorted(scene.name for scene in ctx.world.scenes)
    listing = known[0] if len(known) == 1 else ", ".join(known[:-1]) + " and " + known[-1]
    raise ToolError(f"There is no scene called {wanted}. I know {listing}.")


def _checked_writes(ctx: ToolContext, scene: Scene) -> list[tuple[Device, dict[str, Any]]]:
    """Every write of a scene, checked before any is made, so a bad scene changes nothing."""
    writes = []
    for device_id, attrs in scene.sets.items():
        device = ctx.world.devices.get(device_id)
        if device is None:
            raise ToolError(f"The {scene.name} scene names a device I don't have.")
        try:
            writes.append((device, check_write(device.kind, attrs)))
        except ValueError as exc:
            raise ToolError(f"The {scene.name} scene can't be applied: {exc}.") from None
    return writes


Name = Annotated[str | None, Field(description="vacuum name or alias, or 'it'")]


def _robot() -> str:
    return (
        "[the|my] (vacuum [cleaner]|robot vacuum [cleaner]|robot|hoover|robot hoover|roomba|"
        "robot roomba|robotic vacuum [cleaner])"
    )


def _start_sentences() -> list[str]:
    start = "(start|run|turn on|switch on|launch|begin|activate)"
    return [
        f"{start} [the] {{vacuum:name}}",
        f"{start} {_robot()}",
        # "Start a vacuum cleaner", "initialize the robot vacuum", "power up my roomba".
        f"((initiali(z|s)e|power (on|up)|fire up|boot up) (the|my|our|a)|{start} (a|our)) "
        "(vacuum [cleaner]|robot vacuum [cleaner]|robot|hoover|robot hoover|roomba)",
        "(start|begin) (vacuuming|cleaning|hoovering)",
        # "Start house cleaning", "get the cleaning on", "clean the flat", "clean my carpet".
        "(start|begin|do) [the] (house|home|flat|apartment) (cleaning|cleanup|clean up|vacuuming)",
        "(get|put|turn) [the] (cleaning|vacuuming|hoovering) on",
        "(vacuum|hoover|clean) [the|my|our] (floors|floor|carpets|carpet|rugs|place|home|"
        "flat|apartment)",
        "clean [the|my|our] [whole] house",  # ("vacuum the house" is the {area} form's)
        f"(have|let|get|make) {_robot()} (go|run|start) [for a while]",
        "(vacuum|hoover) [the] {area} [floor|floors]",
        "clean [the] {area} (floor|floors|carpet|carpets)",
        f"(send|use) ({_robot()}|[the] {{vacuum:name}}) to (clean|vacuum) [the] {{area}}",
        # "Get Rosie to clean the floors", "have the robot do the lounge".
        f"(get|have|let|tell|ask) ({_robot()}|[the] {{vacuum:name}}) [to] (clean|vacuum|hoover|do) "
        "[the] [floors|floor|house|place|carpets]",
        f"(have|let|get|make) ({_robot()}|[the] {{vacuum:name}}) (clean|vacuum) [the] {{area}}",
        f"(start|run) ({_robot()}|[the] {{vacuum:name}}) (in|on) [the] {{area}}",
        f"(get|set) ({_robot()}|[the] {{vacuum:name}}) (going|started|cleaning|running)",
        # "Send the vacuum round the house", "run the hoover around the lounge".
        f"(send|run|take) ({_robot()}|[the] {{vacuum:name}}) [a]round [the] (house|place|home)",
        f"(send|run|take) ({_robot()}|[the] {{vacuum:name}}) [a]round [the] {{area}}",
    ]


@plugin.tool(kinds=["vacuum"], sentences=_start_sentences())
def vacuum_start(
    ctx: ToolContext,
    name: Name = None,
    area: Annotated[str | None, Field(description="where to clean: area, floor or house")] = None,
) -> str:
    """Start the robot vacuum cleaning (an area is where to clean)."""
    vacuums = _vacuums(ctx, name, area)
    if all(v.state()["status"] == "cleaning" for v in vacuums):
        return sentence(vacuums, "is already cleaning", "are already cleaning")
    for vacuum in vacuums:
        vacuum.set(status="cleaning")
    where = f" the {area}" if area and area.lower() not in ("house", "whole house") else ""
    return sentence(vacuums, f"is cleaning{where}", f"are cleaning{where}")


def _vacuums(ctx: ToolContext, name: str | None, area: str | None) -> list[Device]:
    """The vacuums meant: by name; else the one(s) kept in the area to clean; else the one here."""
    if name:
        return find_devices(ctx, ["vacuum"], name)
    every = of_kinds(ctx, ["vacuum"])
    if area and len(every) > 1:
        places = set(areas_named(ctx, area))
        near = [vacuum for vacuum in every if vacuum.area in places]
        if near:
            ctx.touch(near)
            return near
    return find_devices(ctx, ["vacuum"])


def _dock_sentences() -> list[str]:
    stop = "(stop|pause|dock|park|recall|halt)"
    base = "[its|the] (dock|base|charger|charging station|station)"
    home = f"(home|back [home]|to {base}|back to {base}|back (on|onto) {base})"
    robot = f"({_robot()}|[the] {{vacuum:name}}|{{ref:name}})"
    return [
        f"{stop} [the] {{vacuum:name}}",
        f"{stop} {_robot()}",
        f"{stop} {{ref:name}} [now]",
        f"(send|return|bring|take|get) {robot} [straight] {home}",
        f"(have|make|let) {robot} (go|return|head) [straight] {home}",
        f"(tell|ask|get) {robot} to (go|return|head) [straight] {home}",
        f"(put|park) {robot} (back|back on {base}|on {base})",
        "(turn|switch) off [the] {vacuum:name}",
        f"(turn|switch) off {_robot()}",
        f"[the] {{vacuum:name}} (go|return) {home}",
        f"{_robot()} (go|return) {home}",
        "(stop|pause) (vacuuming|cleaning|hoovering)",
        "(that is enough|enough) (vacuuming|cleaning|hoovering)",
    ]


@plugin.tool(kinds=["vacuum"], sentences=_dock_sentences())
def vacuum_return(ctx: ToolContext, name: Name = None) -> str:
    """Stop the robot vacuum and send it back to its dock."""
    vacuums = find_devices(ctx, ["vacuum"], name)
    states = {vacuum.state()["status"] for vacuum in vacuums}
    if states == {"docked"}:
        return sentence(vacuums, "is already docked", "are already docked")
    for vacuum in vacuums:
        if vacuum.state()["status"] == "cleaning":
            vacuum.set(status="returning")
    return sentence(vacuums, "is going back to its dock", "are going back to their docks")


def _status_sentences() -> list[str]:
    state = "(running|cleaning|on|docked|charging|done|finished|working|home|back)"
    return [
        f"is {_robot()} [still] {state} [right now|at the moment|now]",
        f"is [the] {{vacuum:name}} [still] {state} [right now|at the moment|now]",
        f"(what is|where is) ({_robot()}|[the] {{vacuum:name}}) [doing]",
        f"(has|did) ({_robot()}|[the] {{vacuum:name}}) (finished|finish|gone home)",
        *status_sentences("vacuum"),
    ]


@plugin.tool(reads_only=True, kinds=["vacuum"], sentences=_status_sentences())
def vacuum_status(ctx: ToolContext, name: Name = None) -> str:
    """Say whether the robot vacuum is cleaning, returning or docked."""
    vacuums = find_devices(ctx, ["vacuum"], name)
    words = {
        "cleaning": "is cleaning",
        "docked": "is docked",
        "returning": "is on its way back to its dock",
    }
    parts = [sentence([v], words[v.state()["status"]], "") for v in vacuums]
    return " ".join(parts)
