"""Binary sensors: doors and windows open, motion seen, a leak, smoke, a low battery.

Each binary sensor has a device class (SPEC: door, window, motion, battery,
...) that says what its "on" means; the replies say it in those words.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from sottovoce.devices import Device
from sottovoce.tools import Plugin, ToolContext, ToolError
from sottovoce.tools.builtin import sensors_phrases as more
from sottovoce.tools.builtin.binary_classes import CLASSES, meaning, words_of
from sottovoce.tools.builtin.sensors import join
from sottovoce.tools.targets import (
    areas_named,
    find_devices,
    of_kinds,
    plural_name,
    status_sentences,
    the_name,
)

plugin = Plugin(
    "binary_sensors", "Doors and windows open or closed, motion, leaks, smoke, batteries."
)

_IN_AREA = "(in|on|at|out) [the] {area}"  # "on the porch", "out the back"

# Binary sensors: a device class family, and how to say its two states.
CLASS_FAMILY: dict[str, str] = {
    "door": "opening", "window": "opening", "garage_door": "opening", "opening": "opening",
    "garage": "opening", "motion": "motion", "occupancy": "motion", "presence": "motion",
    "moisture": "moisture", "leak": "moisture", "water": "moisture", "battery": "battery",
    "smoke": "smoke", "gas": "gas", "carbon_monoxide": "gas", "co": "gas",
}  # fmt: skip
# Suffixes a binary sensor's name may carry beyond what people call the thing.
SENSOR_SUFFIXES = (" sensor", " contact", " detector", " alarm")


def _family(device: Device) -> str:
    cls = str(device.state().get("device_class", "")).lower()
    return CLASS_FAMILY.get(cls, cls)


def _thing(device: Device) -> str:
    """'front door sensor' -> 'front door': what the user asked about."""
    name = device.name
    for suffix in SENSOR_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _state_text(device: Device) -> str:
    """One spoken clause for one binary sensor."""
    on = bool(device.state().get("on"))
    family, thing = _family(device), _thing(device)
    where = f" in the {device.area}" if device.area else f" at the {thing}"
    if family == "opening":
        return f"the {thing} is {'open' if on else 'closed'}"
    if family == "motion":
        return f"{'there is motion' if on else 'there is no motion'}{where}"
    if family == "moisture":
        # "the kitchen leak sensor", not "the kitchen leak", is what is dry.
        if thing.split()[-1].lower() in ("leak", "water", "flood", "moisture"):
            thing = device.name
        return f"the {thing} {'detects water' if on else 'is dry'}"
    cls = str(device.state().get("device_class", "")).lower()
    if family in ("smoke", "gas"):
        what = cls.replace("_", " ") if cls in CLASSES else family
        # An alarm is the thing itself: "the boiler alarm is clear", not "the boiler".
        return f"{the_name(device.name)} {'detects ' + what if on else 'is clear'}"
    words = words_of(cls)
    subject = f" {words.subject}" if words.subject and words.subject not in thing.lower() else ""
    verb = "are" if plural_name(thing + subject) else "is"
    return f"the {thing}{subject} {verb} {words.on[0] if on else words.off[0]}"


def _says(device: Device, state: str) -> bool | None:
    """What the asked state word means for this sensor: on, off, or nothing."""
    said = meaning(str(device.state().get("device_class", "")), state)
    if said is None and state in ("on", "off"):
        return state == "on"
    return said


def _named(ctx: ToolContext, name: str, state: str | None = None) -> list[Device]:
    """Binary sensors meant by a name, also when it names a lock or door ("front door").

    Several sensors may share a name (a phone's battery, charging and connection):
    the asked state word chooses the one it means something for.
    """
    sensors = of_kinds(ctx, ["binary_sensor"])
    other = ctx.world.devices.get(name)
    if other is not None and other.kind == "binary_sensor":
        same = [d for d in sensors if d.name.lower() == other.name.lower()]
        fitting = [d for d in same if state is not None and _says(d, state) is not None]
        found = [other] if other in fitting or not fitting else fitting[:1]
        ctx.touch(found)
        return found
    wanted = {n.lower() for n in ([other.name, *other.aliases] if other else [name])}
    wanted = {w[4:] if w.startswith("the ") else w for w in wanted}
    found = [d for d in sensors if _thing(d).lower() in wanted or d.name.lower() in wanted]
    found += [d for d in sensors if d not in found and any(a.lower() in wanted for a in d.aliases)]
    if not found and other is not None:
        # A lock with a door sensor beside it: "is the front door open".
        found = [d for d in sensors if d.area == other.area and _family(d) == "opening"]
    fitting = [d for d in found if state is not None and _says(d, state) is not None]
    found = fitting[:1] if len(found) > 1 and fitting else found
    if found:
        # "It" is then the door as a whole: "lock it" locks the lock named.
        ctx.touch([*found, other] if other is not None else found)
        return found
    return find_devices(ctx, ["binary_sensor"], other.name if other else name)


def _filtered(ctx: ToolContext, area: str | None, device_class: str | None) -> list[Device]:
    family = CLASS_FAMILY.get(device_class, device_class) if device_class else None
    found = of_kinds(ctx, ["binary_sensor"])
    places = areas_named(ctx, area) if area else None
    if places is not None:
        found = [d for d in found if d.area in places]
    if family in ("smoke", "gas"):
        found = [d for d in found if _matches_class(d, str(device_class))]
    elif family is not None:
        found = [d for d in found if _family(d) == family]
        if family == "opening" and device_class in ("door", "window", "garage_door"):
            cls = device_class
            found = [d for d in found if _matches_class(d, cls)]
    if not found:
        label = (device_class or "").replace("_", " ")
        where = more.in_place([a.name for a in ctx.world.areas], area) if area else ""
        raise ToolError(f"There is no {label + ' ' if label else ''}sensor{where}.")
    ctx.touch(found)
    return found


def _matches_class(device: Device, cls: str) -> bool:
    own = str(device.state().get("device_class", "")).lower()
    if cls == "door":
        return own in ("door", "garage_door", "opening")
    return own == cls or {own, cls} == {"co", "carbon_monoxide"}


# "Any"/"all" questions are the questions plugin's ("are any windows open").
_ANY = "(a|an|the|one) [of] [the|my] {opening_class:device_class}"
_NOW = "[currently|still|right now|at the moment|now]"


# Class nouns a single question may name a sensor by ("is the water sensor wet?");
# doors and windows are asked about by their own templates and by covers and locks.
_NOT_CLASS_NOUNS = frozenset({"door", "doors", "window", "windows", "garage door", "garage doors"})


def _class_noun_list() -> dict[str, object]:
    values: dict[str, str] = {}
    for cls, spec in CLASSES.items():
        for noun in spec.nouns:
            if noun not in _NOT_CLASS_NOUNS:
                values.setdefault(noun, cls)
    return {"values": [{"in": noun, "out": cls} for noun, cls in values.items()]}


def _state_list() -> dict[str, object]:
    words = {w for spec in CLASSES.values() for w in (*spec.on, *spec.off)} | {"on", "off"}
    return {"values": [{"in": w, "out": w} for w in sorted(words, key=lambda w: (-len(w), w))]}


def _gas_sentences(what: str) -> list[str]:
    return [
        f"is there [any] {what} [detected] [{_IN_AREA}]",
        f"is [there] [any] {what} (detected|present) [{_IN_AREA}]",
        f"[can you|do you|do i] (smell|detect) [any] {what} [{_IN_AREA}]",
    ]


@plugin.tool(
    reads_only=True,
    kinds=["binary_sensor"],
    lists={
        "opening_class": {
            "values": [
                {"in": "(door|doors)", "out": "door"},
                {"in": "(window|windows)", "out": "window"},
            ]
        },
        "binary_state": _state_list(),
        "binary_class_noun": _class_noun_list(),
    },
    sentences=[
        "(is|are) [the|my|our] {binary_sensor:name} [battery|power|connection] "
        + _NOW
        + " {binary_state:state} "
        + _NOW
        + " ["
        + _IN_AREA
        + "]",
        "(is|are) [the] {binary_sensor:name} close",
        # "Is the smoke alarm in the kitchen going off": where it is, said after its name.
        f"(is|are) [the|my|our] {{binary_sensor:name}} {_IN_AREA} {_NOW} {{binary_state:state}}",
        f"(is|are) [the|my|our] {{binary_class_noun:device_class}} {_NOW} {{binary_state:state}} "
        f"{_NOW} [{_IN_AREA}]",
        f"(is|are) [the|my|our] {{area}} {{binary_class_noun:device_class}} {_NOW} "
        "{binary_state:state}",
        {
            "sentences": [
                "(is|are) there [a|any] (problem|problems|issue|issues|fault|faults|trouble) "
                "with [the] {binary_sensor:name}",
                "(does|do) [the] {binary_sensor:name} (have|report) [a|any] "
                "(problem|problems|issue|issues|fault|faults)",
                "(is|are) [the] {binary_sensor:name} (having|reporting) [a|any] "
                "(problem|problems|issue|issues|fault|faults)",
                "is (anything|something) wrong with [the] {binary_sensor:name}",
            ],
            "slots": {"state": "having a problem"},
        },
        "is [the] {lock:name} (open|closed|shut|opened|ajar)",
        "is there (anything|something) (open|closed) at [the] {binary_sensor:name}",
        "what (does|do) [the] {binary_sensor:name} (say|show|report)",
        "(check|read) [the] {binary_sensor:name}",
        *status_sentences("binary_sensor"),
        "(is|are) " + _ANY + " (open|closed|close|shut|left open)",
        "(is|are) " + _ANY + " (open|closed|shut) " + _IN_AREA,
        "(is|are) there (a|an) {opening_class:device_class} (open|left open)",
        "(is|are) there (a|an) {opening_class:device_class} (open|left open) " + _IN_AREA,
        "(is|are) the {area} {opening_class:device_class} (open|closed|shut)",
        "(is|are) the {opening_class:device_class} (in|on) [the] {area} (open|closed|shut)",
        "did i leave (a|the) {opening_class:device_class} open",
        {
            "sentences": [
                "is there [any] (motion|movement|anyone|anybody|someone|somebody) " + _IN_AREA,
                "(is|are) (someone|somebody|anyone|anybody|people) " + _IN_AREA,
                "is [the] {area} (occupied|empty)",
                "is there [any] (motion|movement)",
                "is [there] (anyone|anybody|someone|somebody) moving [about|around] ["
                + _IN_AREA
                + "]",
                "is [there] [any] (motion|movement) (detected|going on) [" + _IN_AREA + "]",
                "(is|has) there [been] [any] (occupancy|presence) [detected] [" + _IN_AREA + "]",
                "(any|has there been [any]) (motion|movement) " + _IN_AREA,
                "is [there] (anyone|anybody|someone|somebody) (home|at home|in the house)",
                *more.motion_sentences(),
            ],
            "slots": {"device_class": "motion"},
        },
        {
            "sentences": [
                "is there (a leak|water|any leak|a water leak) [" + _IN_AREA + "]",
                "is (it|the floor) (wet|dry) [" + _IN_AREA + "]",
                "is [the] {area} (flooded|flooding|leaking)",
                "(is there|has there been) [a|any] (flood|leak|flooding) [detected] ["
                + _IN_AREA
                + "]",
            ],
            "slots": {"device_class": "moisture"},
        },
        {
            "sentences": ["is there (smoke|a fire) [" + _IN_AREA + "]"],
            "slots": {"device_class": "smoke"},
        },
        {
            "sentences": _gas_sentences("(carbon monoxide|co)"),
            "slots": {"device_class": "carbon_monoxide"},
        },
        {
            "sentences": _gas_sentences("(gas|gas leak|leak of gas)"),
            "slots": {"device_class": "gas"},
        },
        {"sentences": _gas_sentences("(noise|sound)"), "slots": {"device_class": "sound"}},
    ],
)
def binary_sensor_check(
    ctx: ToolContext,
    name: Annotated[str | None, Field(description="sensor name or what it watches")] = None,
    area: Annotated[str | None, Field(description="area or floor")] = None,
    device_class: Annotated[
        str | None, Field(description="door, window, motion, moisture, smoke, battery, ...")
    ] = None,
    state: Annotated[
        str | None, Field(description="the state asked about: open, low, charging, detected")
    ] = None,
) -> str:
    """Say whether doors or windows are open, motion is seen, a leak or smoke is detected."""
    state = state.strip().lower() if state else None
    if name:
        found = _named(ctx, name, state)
        if state in _LOCK_STATES and all(_says(d, state) is None for d in found):
            return _lock_answer(ctx, found, state)
        if state is not None and len(found) == 1:
            return _yes_no(found[0], state)
    elif area or device_class:
        found = _filtered(ctx, area, device_class)
        if state is not None:
            return _all_yes_no(found, state)
    else:
        found = _filtered(ctx, ctx.area, None)
    return _answer(found, device_class)


_LOCK_STATES = frozenset({"locked", "unlocked"})


def _lock_answer(ctx: ToolContext, sensors: list[Device], state: str) -> str:
    """'Is it locked?' about a door whose sensor was asked of: its lock answers."""
    locks = [d for d in of_kinds(ctx, ["lock"]) if d.id in ctx.referent]
    locks = locks or [
        d for d in of_kinds(ctx, ["lock"]) if any(d.name.lower() in s.name.lower() for s in sensors)
    ]
    if len(locks) != 1:
        raise ToolError("That sensor can't tell whether a door is locked.")
    lock = locks[0]
    ctx.touch([*sensors, lock])
    locked = bool(lock.state().get("locked"))
    answer = "Yes" if locked == (state == "locked") else "No"
    return f"{answer}, {the_name(lock.name)} is {'locked' if locked else 'unlocked'}."


def _yes_no(device: Device, state: str) -> str:
    """'Yes, the phone is charging.' / 'No, the phone battery is normal.'"""
    said = _says(device, state)
    text = _state_text(device)
    if said is None:
        return text[0].upper() + text[1:] + "."
    answer = "Yes" if bool(device.state().get("on")) == said else "No"
    return f"{answer}, {text}."


def _all_yes_no(found: list[Device], state: str) -> str:
    """'is the water sensor wet?' about one sensor of a class, or all of them in a place."""
    if len(found) == 1:
        return _yes_no(found[0], state)
    judged = [(d, said) for d in found if (said := _says(d, state)) is not None]
    yes = [d for d, said in judged if bool(d.state().get("on")) == said]
    if yes:
        return "Yes, " + join([_state_text(d) for d in yes]) + "."
    if len(found) <= 3:
        return "No, " + join([_state_text(d) for d in found]) + "."
    return f"No, none of the {len(found)} sensors are {state}."


def _answer(found: list[Device], device_class: str | None) -> str:
    if device_class is not None and CLASS_FAMILY.get(device_class) in _EVENTS:
        return _detected(found)
    if len(found) <= 3:
        text = join([_state_text(d) for d in found])
        return text[0].upper() + text[1:] + "."
    on = [d for d in found if d.state().get("on")]
    family = CLASS_FAMILY.get(device_class or "", _family(found[0]))
    word = {"opening": "closed", "motion": "quiet", "moisture": "dry"}.get(family, "off")
    rest = len(found) - len(on)
    if not on:
        return f"All {len(found)} sensors are {word}."
    text = join([_state_text(d) for d in on])
    return f"{text[0].upper()}{text[1:]}; the other {rest} {'is' if rest == 1 else 'are'} {word}."


# Families whose "on" is something happening: "is there any motion?" asks whether any is.
_EVENTS = frozenset({"motion", "moisture", "smoke", "gas"})


def _detected(found: list[Device]) -> str:
    """'Yes, there is motion in the garage.' / 'No, there is no motion in the hall.'"""
    on = [d for d in found if d.state().get("on")]
    if not on:
        if len(found) <= 3:
            return "No, " + join([_state_text(d) for d in found]) + "."
        return f"No, all {len(found)} sensors are clear."
    return "Yes, " + join([_state_text(d) for d in on]) + "."
