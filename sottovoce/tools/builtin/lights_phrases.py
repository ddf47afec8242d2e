"""More light templates: a level with "on" ("turn the lamp on at 30 percent"), steps by a number,
brighter and dimmer said every way."""

from __future__ import annotations

from typing import Any

LIGHTS = "(light|lights|lamp|lamps)"


def on_at_sentences() -> list[str]:
    """Templates for turning lights on at a level, in one go (light_set_brightness)."""
    lights = LIGHTS
    # "Turn the reading lamp on at 30 percent": on, at that level, in one.
    on = "(turn|switch|put|flip)"
    at = "(at|to) {percent} percent"
    return [
        f"{on} [the] {{light:name}} on {at}",
        f"{on} on [the] {{light:name}} {at}",
        f"{on} [the] {lights} on {at} [(in|on) [the] {{area}}]",
        f"{on} [the] {lights} on (in|on) [the] {{area}} {at}",
        f"{on} [the] {{area}} {lights} on {at}",
        f"{on} on [the] {lights} (in|on) [the] {{area}} {at}",
        f"{on} on [the] {{area}} {lights} {at}",
        f"{on} {{ref:name}} on {at}",
        "[the] {light:name} on (at|to) {percent} percent",  # "desk lamp on at 30 percent"
    ]


def step_by_sentences(up: bool) -> list[str]:
    """Templates for 'turn the desk lamp up 20 percent', 'dim the lights by 10 percent'."""
    push = "(turn|crank|bump|knock|nudge|push|bring|kick)"
    way = "up" if up else "down"
    verb = "(brighten|raise|increase)" if up else "(dim|lower|decrease|reduce)"
    lights = LIGHTS
    by = "[by] {percent:step} percent"
    named = ["[the] {light:name}", f"[the] {lights} [(in|on) [the] {{area}}]"]
    named.append(f"[the] {{area}} {lights}")
    sentences = []
    for target in named:
        sentences += [
            f"{push} {target} {way} {by}",
            f"{push} {way} {target} {by}",
            f"{verb} {target} by {{percent:step}} percent",
        ]
    sentences.append(f"{push} [the] {lights} {way} [{by}] (in|on) [the] {{area}}")
    sentences += [f"{push} {target} {way}" for target in named]
    sentences += [f"{push} {way} {target}" for target in named]
    # "Turn it up" after a light: the light. Which reading wins ("it" may be the music)
    # is the grammar's rank, by what was acted on last.
    sentences.append(f"{push} {{ref:name}} {way} [{by}]")
    return sentences


# Words for a level said as a brightness ("full brightness"), by the percent it means.
LEVEL_WORDS = {
    50: "(half|halfway)",
    100: "(full|max|maximum|highest|top)",
    1: "(min|minimum|lowest)",
}
_HERE = "(in here|in this room|in the room)"


def level_here_sentences(percent: int) -> list[str]:
    """Verbless levels with the room after: 'full brightness in the kitchen', 'lights on
    max in here'; with no room, the speaker's."""
    level = f"[the] {LEVEL_WORDS[percent]} brightness"
    where = f"((in|on) [the] {{area}}|{_HERE})"
    return [
        f"{level} [{where}]",
        f"[the] {LIGHTS} [on|to|at] ({level}|{LEVEL_WORDS[percent]}) {where}",
    ]


def room_step_sentences(up: bool) -> list[str]:
    """'Make the room brighter', 'make it a bit darker in the kitchen', said to a room; and,
    for brighter, the complaint 'I can't see a thing in here'."""
    more = "(brighter|lighter)" if up else "(dimmer|darker|less bright)"
    bit = "[a (bit|little|tad|touch)|slightly|much]"
    room = "(the|this|a) (room|place)"
    where = f"({_HERE}|in [the] {{area}})"
    sentences = [
        f"make ({room}|[the] {{area}}) {bit} {more}",
        f"make it {bit} {more} {where}",
        f"{bit} {more} in [the] {{area}}",
    ]
    if up:
        see = "(i|we) (can not|cannot|can barely|can hardly) see [a thing|anything]"
        sentences += [f"{see} [{_HERE}]", f"{see} in [the] {{area}}"]
    return sentences


def step_sentences(up: bool) -> list[str | dict[str, Any]]:
    """Templates for 'brighter' (`up`) or 'dimmer' without a number."""
    verb = "(brighten|turn up|raise)" if up else "(dim|turn down|lower)"
    more = "(brighter|lighter)" if up else "(dimmer|darker|less bright)"
    change = "(increase|raise|turn up)" if up else "(decrease|lower|reduce|turn down)"
    lights = "(light|lights|lamp|lamps)"
    # Crowd-written: "increase lights", "decrease lighting", "bright the lights", "lights down".
    loose = "(increase|boost|bright|brighten up)" if up else "(decrease|reduce|darken|dim down)"
    way = "up" if up else "down"
    every = f"({verb}|{loose}) (all [of] [the]|every|each) {lights} [in the (house|home|flat)]"
    return [
        f"{loose} [the] ({lights}|lighting) [(in|on) [the] {{area}}]",
        # Not "light up" alone: that is Home Assistant's "turn on the lights".
        f"[the] (lights|lamps|lighting) {way} [(in|on) [the] {{area}}]",
        f"the (light|lamp) {way} [(in|on) [the] {{area}}]",
        f"{change} [the] (brightness|intensity) of [the] {lights} [(in|on) [the] {{area}}]",
        *(["(i|we) need [some] more (light|lights|lighting) [in here]"] if up else []),
        # "It's dark in here" is a complaint; "it's bright in here" need not be.
        *(["it is [so|very|really|quite|a bit|rather|pretty] dark in here"] if up else []),
        {"sentences": [every], "slots": {"area": "house"}},
        f"{verb} [the] {{light:name}}",
        f"turn [the] {{light:name}} {'up' if up else 'down'}",
        f"make [the] {{light:name}} {more}",
        f"[the] {{light:name}} {more}",
        f"{change} [the] brightness of [the] {{light:name}}",
        f"{verb} [the] {lights} [(in|on) [the] {{area}}]",
        f"({verb}|{loose}) [all] [of] [the] {{area}} {lights}",
        # "Brighten up the hall", "dim the kitchen": the room's lights.
        f"{'brighten [up]' if up else 'dim [down]'} [the] {{area}}",
        f"make [the] {lights} {more} [(in|on) [the] {{area}}]",
        f"make [the] {lights} (in|on) [the] {{area}} {more}",
        f"make [the] {{area}} {lights} {more}",
        f"{change} [the] brightness [(in|on) [the] {{area}}]",
        f"(make|put|get) {{ref:name}} {more}",
        f"{'brighten' if up else 'dim'} {{ref:name}}",
        # Said to the room: "brighter", "dim", "it is too dark in here".
        f"{more} [in here]",
        f"{'brighten' if up else 'dim'} [in here]",
        f"make it {more} in here",
        f"[it is] too {'dark' if up else 'bright'} [in here]",
        f"[it is] too {'dark' if up else 'bright'} in [the] {{area}}",
        *room_step_sentences(up),
    ]
