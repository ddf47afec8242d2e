"""Lights: on, off, toggle, brightness and colour, by name, alias, area or floor.

The sentences here use only the `{light}` list, so a light's name is matched by
this plugin alone; "it"/"them" on and off go through the generic device tools
in `switches`, which treat a light exactly as these tools do.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from sottovoce.devices import Device
from sottovoce.tools import Plugin, ToolContext, ToolError
from sottovoce.tools.builtin.lights_phrases import (
    colors,
    level_here_sentences,
    more_color_sentences,
    off_said_otherwise,
    on_at_sentences,
    status_sentences_of_lights,
    step_by_sentences,
    step_sentences,
)
from sottovoce.tools.targets import find_devices, sentence

plugin = Plugin("lights", "Turn lights on and off, dim and brighten them, colour them.")

Name = Annotated[str | None, Field(description="light name or alias, or 'it'")]
Area = Annotated[str | None, Field(description="area or floor; 'house' for all")]


def _switching(word: str) -> list[str | dict[str, Any]]:
    """Templates for turning lights on or off (`word` is "on" or "off")."""
    verb = "(turn|switch|put|flip|shut)" if word == "off" else "(turn|switch|put|flip|pop)"
    lights = "(light|lights|lamp|lamps|lighting)"
    sentences: list[str | dict[str, Any]] = [
        f"{verb} {word} [the] {{light:name}}",
        f"{verb} [the] {{light:name}} {word}",
        f"[the] {{light:name}} {word}",
        f"{verb} {word} [the] {lights}",
        f"{verb} [the] {lights} {word}",
        f"{lights} {word}",
        f"(turn|switch|set|put) [the] {lights} to {word}",  # "switch the lights to off"
        f"{verb} {word} [all] [of] [the] {lights} (in|on|of) [the] {{area}}",
        f"{verb} [all] [of] [the] {lights} (in|on|of) [the] {{area}} {word}",
        # "Turn the room light off": the light of the room it is said in.
        f"{verb} {word} [the] room {lights}",
        f"{verb} [the] room {lights} {word}",
        f"{verb} {word} [all] [of] [the] {{area}} {lights}",
        f"{verb} [all] [of] [the] {{area}} {lights} {word}",
        f"{verb} {word} [all] [of] [the] {lights} {{area}}",
        f"{verb} [all] [of] [the] {lights} {word} [(in|on)] [the] {{area}}",
        f"{verb} [all] [of] [the] {lights} {{area}} {word}",
        f"[all] [the] {{area}} {lights} {word}",
        f"[all] [the] {lights} {word} [(in|on)] [the] {{area}}",
        f"[all] [the] {lights} (in|on) [the] {{area}} {word}",
        f"{lights} {{area}} {word}",  # typed short: "lights kitchen on"
        # "Turn off the dining room": a room switched on or off is its lights.
        f"{verb} {word} [the] {{area}}",
        f"{verb} [the] {{area}} {word}",
        {
            "sentences": [
                f"{verb} {word} all [of] [the] {lights}",
                f"{verb} all [of] [the] {lights} {word}",
                f"{verb} {word} every (light|lamp) [in the (house|home)]",
                f"{verb} every (light|lamp) [in the (house|home)] {word}",
                f"all [of] [the] {lights} {word}",
            ],
            "slots": {"area": "house"},
        },
        {
            # Home Assistant's phrases: "every single light in the home", "all over".
            "sentences": [
                f"{verb} {word} <all> <light> [<everywhere>]",
                f"{verb} {word} [<the>] <light> <everywhere>",
                f"{verb} <all> <light> {word} [<everywhere>]",
                f"{verb} [<the>] <light> {word} <everywhere>",
                f"{'activate' if word == 'on' else 'deactivate'} <all> <light> [<everywhere>]",
                f"{'activate' if word == 'on' else 'deactivate'} [<the>] <light> <everywhere>",
                f"make sure <all> <light> (is|are) {word} [<everywhere>]",
                *(["(light up|illuminate) <everywhere>"] if word == "on" else []),
            ],
            "slots": {"area": "house"},
        },
    ]
    if word == "on":
        sentences.append("(light up|illuminate) [the] {area}")
    if word == "off":
        sentences += [
            "(kill|cut) [the] {light:name}",
            "(kill|cut) [the] (light|lights|lamp|lamps) [in [the] {area}]",
            "(kill|cut) [the] {area} (light|lights|lamps)",
            *off_said_otherwise(),
        ]
    return sentences


@plugin.tool(kinds=["light"], sentences=_switching("on"))
def light_turn_on(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Turn one or more lights on."""
    lights = find_devices(ctx, ["light"], name, area)
    for light in lights:
        _switch_on(light)
    return sentence(lights, "is on", "are on")


@plugin.tool(kinds=["light"], sentences=_switching("off"))
def light_turn_off(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Turn one or more lights off."""
    lights = find_devices(ctx, ["light"], name, area)
    for light in lights:
        light.set(on=False)
    return sentence(lights, "is off", "are off")


@plugin.tool(
    kinds=["light"],
    sentences=[
        "(toggle|flip) [the] {light:name}",
        "toggle [the] (light|lights|lamp|lamps) [(in|on) [the] {area}]",
        # "Flip the lights on [in] the hall" means on: that is light_turn_on's.
        "flip [the] (light|lights|lamp|lamps) [in [the] {area}]",
        "(toggle|flip) [the] {area} (light|lights|lamps)",
    ],
)
def light_toggle(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Switch lights that are on off, and lights that are off on."""
    lights = find_devices(ctx, ["light"], name, area)
    for light in lights:
        if light.state()["on"]:
            light.set(on=False)
        else:
            _switch_on(light)
    return _report([(light, _on_word(light)) for light in lights])


def _brightness_sentences() -> list[str | dict[str, Any]]:
    """Templates for setting a brightness by percent, or by 'half'/'full'/'max'/'min'."""
    verb = "(set|dim|brighten|turn|put|change|adjust|make|crank|bump|push|switch)"
    lights = "(light|lights|lamp|lamps)"
    targets = [
        "[the] {light:name} [brightness]",
        "[the] brightness of [the] {light:name}",
        f"[all] [the] {lights} [brightness] [(in|on) [the] {{area}}]",
        "[the] brightness [(in|on) [the] {area}]",
        f"[all] [the] {{area}} {lights} [brightness]",
        f"[all] [the] ({lights}|brightness) [in] (here|this room)",
    ]
    sentences: list[str | dict[str, Any]] = []
    for target in targets:
        sentences += [
            f"{verb} {target} to {{percent}} [percent] [brightness]",
            f"{target} [to|at] {{percent}} percent",  # "kitchen lights 40 percent"
            f"(turn|switch) on {target} (at|to) {{percent}} percent",  # "... the light at 40"
            # "make the bedroom lights 50 percent bright"
            f"{verb} {target} {{percent}} percent [bright|brightness]",
        ]
    # "Set it to 50 percent" after a light (the last plugin used breaks ties with others).
    sentences.append(f"{verb} {{ref:name}} [up|down] (to|at|on) {{percent}} percent [brightness]")
    sentences.append(f"{verb} {{ref:name}} [up|down] (to|at) {{percent}} [brightness]")
    sentences.append(f"{verb} {{ref:name}} {{percent}} percent [bright|brightness]")
    targets.append("{ref:name} [up|down]")
    levels = {
        50: "(half|halfway) [brightness]",
        100: "[the] (full|max|maximum|highest|full blast|top) [brightness|setting]",
        1: "[the] (min|minimum|lowest) [brightness|setting]",
    }
    # "As bright as possible", "all the way up": the end of the scale, with no "to".
    goes = "(possible|it goes|it will go|it can go|it gets)"
    ends = {
        100: f"[up] (all the way [up]|as (bright|high) as {goes}|to the (max|maximum|top))",
        1: f"[down] (all the way [down]|as (dim|low|dark) as {goes}|to the (min|minimum))",
    }
    for percent, level in levels.items():
        fixed = [f"{verb} {target} [to|at|on] {level}" for target in targets]
        # Verbless: "desk lamp on full", "chandelier to half", "island lights full brightness".
        fixed.append(f"[the] ({{light:name}}|{{area}} {lights}) [on|to|at] {level}")
        fixed += [f"{verb} {target} {ends[percent]}" for target in targets if percent in ends]
        if percent in ends:
            fixed.append(f"{verb} [the] {lights} {ends[percent]} (in|on) [the] {{area}}")
        fixed += level_here_sentences(percent)
        sentences.append({"sentences": fixed, "slots": {"percent": percent}})
    sentences += on_at_sentences()
    return sentences


@plugin.tool(kinds=["light"], sentences=_brightness_sentences())
def light_set_brightness(
    ctx: ToolContext,
    percent: Annotated[float, Field(ge=0, le=100, description="brightness 0-100")],
    name: Name = None,
    area: Area = None,
) -> str:
    """Set the brightness of lights (an off light turns on; 0 turns it off)."""
    lights = find_devices(ctx, ["light"], name, area)
    for light in lights:
        _set_level(light, percent)
    return _levels(lights)


@plugin.tool(kinds=["light"], sentences=[*step_sentences(up=True), *step_by_sentences(up=True)])
def light_brighter(
    ctx: ToolContext,
    name: Name = None,
    area: Area = None,
    step: Annotated[float, Field(gt=0, le=100, description="percent points to add")] = 20,
) -> str:
    """Make lights brighter by a step (20 percent points unless told)."""
    lights = _lit_of(find_devices(ctx, ["light"], name, area))
    for light in lights:
        _set_level(light, min(100.0, _level(light) + step))
    return _levels(lights)


@plugin.tool(kinds=["light"], sentences=[*step_sentences(up=False), *step_by_sentences(up=False)])
def light_dimmer(
    ctx: ToolContext,
    name: Name = None,
    area: Area = None,
    step: Annotated[float, Field(gt=0, le=100, description="percent points to take away")] = 20,
) -> str:
    """Make lights dimmer by a step (20 percent points unless told); at 0 they go off."""
    lights = _lit_of(find_devices(ctx, ["light"], name, area))
    for light in lights:
        _set_level(light, max(0.0, _level(light) - step))
    return _levels(lights)


def _lit_of(lights: list[Device]) -> list[Device]:
    """Of several lights made brighter or dimmer, the ones that are on (all if none is):
    "dim all the lights" does not turn on the ones that were off."""
    lit = [light for light in lights if light.state().get("on")]
    return lit if len(lights) > 1 and lit else lights


def _level(light: Device) -> float:
    """The brightness as the user perceives it: an off light counts as its set level."""
    return float(light.state()["brightness"])


def _color_sentences() -> list[str | dict[str, Any]]:
    """Templates for 'make the reading lamp red'."""
    verb = "(make|turn|set|change|switch|put|adjust)"
    colour = "[the] colo[u]r [of]"
    lights = "(light|lights|lamp|lamps)"
    every = f"(all [of] [the]|every) {lights} [(in|of) [my|the] (house|home|flat|apartment)]"
    return [
        # "Change all lights to blue", "set colour blue for all lights of my house".
        {
            "sentences": [
                f"{verb} {every} [colo[u]r] [to] {{color}}",
                f"(set|change|make) [the] colo[u]r [to] {{color}} (for|of|on) {every}",
            ],
            "slots": {"area": "house"},
        },
        f"(can|could) [the] {lights} be (changed|turned|made|set|switched) [to] {{color}}",
        # "Put the led strip on red", "turn the lamp to blue"
        f"{verb} [the] {{light:name}} [colo[u]r] [to|on|in] {{color}}",
        f"{verb} {colour} [the] {{light:name}} [to|on|in] {{color}}",
        f"{verb} [all] [the] {lights} [colo[u]r] [to] {{color}} [(in|on) [the] {{area}}]",
        f"{verb} [all] [the] {lights} (in|on) [the] {{area}} [colo[u]r] [to] {{color}}",
        f"{verb} [all] [the] {{area}} {lights} [colo[u]r] [to] {{color}}",
        f"{verb} [all] [the] {lights} [colo[u]r] [to] {{color}} (in here|here|in this room)",
        f"{verb} {colour} [the] {lights} [(in|on) [the] {{area}}] [to] {{color}}",
        "{color} (light|lights) [(in|on) [the] {area}]",
        "make {ref:name} {color}",
        *more_color_sentences(verb),
    ]


@plugin.tool(kinds=["light"], sentences=_color_sentences(), lists={"color": {"values": colors()}})
def light_set_color(
    ctx: ToolContext,
    color: Annotated[str, Field(description="colour name, e.g. red, warm white")],
    name: Name = None,
    area: Area = None,
) -> str:
    """Give lights a colour (an off light turns on)."""
    color = " ".join(color.lower().split())
    if not color:
        raise ToolError("Which colour?")
    lights = find_devices(ctx, ["light"], name, area)
    for light in lights:
        _switch_on(light)
        light.set(color=color)
    return sentence(lights, f"is {color}", f"are {color}")


@plugin.tool(reads_only=True, kinds=["light"], sentences=status_sentences_of_lights())
def light_status(
    ctx: ToolContext,
    name: Name = None,
    area: Area = None,
    left_on: Annotated[bool, Field(description="asked whether one was left on")] = False,
) -> str:
    """Say whether lights are on, at what brightness and colour."""
    lights = find_devices(ctx, ["light"], name, area)
    said = _describe(lights[0]) if len(lights) == 1 else _describe_all(lights)
    if not left_on:
        return said
    lead = "Yes, " if any(light.state()["on"] for light in lights) else "No, "
    return lead + (said[0].lower() + said[1:] if said.startswith(("The ", "All ")) else said)


def _describe_all(lights: list[Device]) -> str:
    on = [light for light in lights if light.state()["on"]]
    if not on:
        return sentence(lights, "is off", "are all off")
    if len(on) == len(lights):
        return sentence(lights, "is on", "are all on")
    return _report([(light, _on_word(light)) for light in lights])


def _describe(light: Device) -> str:
    """'The reading lamp is on at 50 percent, red.' or 'The reading lamp is off.'"""
    state = light.state()
    if not state["on"]:
        return sentence([light], "is off", "are off")
    detail = f"is on at {state['brightness']} percent"
    if state.get("color"):
        detail += f", {state['color']}"
    return sentence([light], detail, detail)


def _switch_on(light: Device) -> None:
    """Turn a light on; one left at brightness 0 comes on at full, else it would stay dark."""
    if light.state()["brightness"] == 0:
        light.set(on=True, brightness=100)
    else:
        light.set(on=True)


def _set_level(light: Device, percent: float) -> None:
    """Set a brightness; a level above 0 also turns the light on, 0 turns it off."""
    level = round(percent)
    light.set(on=level > 0, brightness=level)


def _levels(lights: list[Device]) -> str:
    """'The desk lamp is at 40 percent.' or one part per level for several lights."""
    return _report([(light, _level_words(light)) for light in lights])


def _level_words(light: Device) -> str:
    state = light.state()
    return f"is at {state['brightness']} percent" if state["on"] else "is off"


def _on_word(light: Device) -> str:
    return "is on" if light.state()["on"] else "is off"


def _report(items: list[tuple[Device, str]]) -> str:
    """One clause per distinct state: 'The desk lamp is on; the hall light is off.'"""
    groups: dict[str, list[Device]] = {}
    for device, words in items:
        groups.setdefault(words, []).append(device)
    parts = []
    for words, devices in groups.items():
        plural = "are" + words.removeprefix("is") if words.startswith("is") else words
        parts.append(sentence(devices, words, plural).rstrip("."))
    text = "; ".join([parts[0]] + [part[0].lower() + part[1:] for part in parts[1:]])
    return text + "."
