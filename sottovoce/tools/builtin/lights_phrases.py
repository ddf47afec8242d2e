"""More light templates: a level with "on" ("turn the lamp on at 30 percent"), steps by a number,
brighter and dimmer said every way."""

from __future__ import annotations

from typing import Any

from sottovoce.tools.targets import status_sentences

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
        *wish_step_sentences(up),
    ]


def wish_step_sentences(up: bool) -> list[str]:
    """Brighter or dimmer said as a wish or as a setting: "give me more light", "i want
    dimmer lights", "set lights brightness higher", "turn the lights down to a lower level
    of brightness", "change the lights to dim", "increase the brightness in this room"."""
    lights = f"({LIGHTS}|lighting)"
    more = "(brighter|more)" if up else "(dimmer|darker|less bright|less)"
    higher = "(higher|brighter|up)" if up else "(lower|dimmer|darker|down)"
    level = f"a {'(higher|brighter)' if up else '(lower|dimmer|darker)'} (setting|level)"
    change = "(increase|raise|turn up)" if up else "(decrease|lower|reduce|turn down)"
    wish = "(i|we) (want|would like|need|could use|could do with)"
    where = f"[{_HERE}|(in|on) [the] {{area}}]"
    sentences = [
        f"{wish} [some] {more} {lights} {where}",
        f"{wish} [the] {LIGHTS} {more} {where}",
        f"(set|make|turn|put) [the] {LIGHTS} brightness {higher} {where}",
        f"(set|make|turn|put) [the] brightness [of [the] {LIGHTS}] {higher} {where}",
        f"(turn|set|adjust|change|put|bring) [the] {LIGHTS} [{'up' if up else 'down'}] to {level}"
        f" [of brightness] {where}",
        f"{change} [the] brightness {_HERE}",
    ]
    if up:
        sentences.append(f"give (me|us) [some] more (light|lights|lighting) {where}")
        sentences.append(f"[some] more (light|lights|lighting) ({_HERE}|in [the] {{area}}|please)")
    else:
        sentences.append(f"(change|set|turn|put|switch) [the] {LIGHTS} to (dim|dimmer) {where}")
    return sentences


def off_said_otherwise() -> list[str]:
    """'Make the lights go out', 'cease operating lights', 'discontinue use of lights'."""
    where = "[(in|on) [the] {area}]"
    return [
        f"(make|let) [the] {LIGHTS} go (out|off) {where}",
        f"(cease|stop|discontinue) (operating|running|using|use of|the use of) [the] {LIGHTS}"
        f" {where}",
    ]


def more_color_sentences(verb: str) -> list[str]:
    """'Make it red in here', 'make the room light blue' (the light of the room it is said
    in), 'change the light colors to red', 'i'd like some red lighting'."""
    lights = LIGHTS
    return [
        f"(make|turn) it {{color}} ({_HERE}|here)",
        "(make|turn) it {color} in [the] {area}",
        f"{verb} [the] room {lights} [colo[u]r] [to] {{color}}",
        f"{verb} [all] [the] {lights} colo[u]rs [to] {{color}} [(in|on) [the] {{area}}]",
        f"{verb} [all] [the] {{area}} {lights} colo[u]rs [to] {{color}}",
        f"(i|we) (want|would like|need) [some] {{color}} (light|lights|lighting) [{_HERE}]",
    ]


def colors() -> list[str]:
    """The colour names a light can be asked to take."""
    return [
        *("red", "orange", "yellow", "green", "blue", "purple", "pink", "white", "cyan"),
        *("magenta", "violet", "teal", "turquoise", "amber", "lavender", "indigo", "gold"),
        *("lime", "warm white", "cool white", "cold white", "daylight", "candlelight"),
        *("navy", "navy blue", "sky blue", "royal blue", "crimson", "coral", "mint", "aqua"),
        # "Dark blue", "light green", "hot pink": a shade of a base colour.
        *(
            f"{shade} {base}"
            for shade in ("dark", "light", "pale", "deep", "bright", "soft", "hot")
            for base in ("red", "orange", "yellow", "green", "blue", "purple", "pink")
        ),
    ]


_WHO = "(i|we|someone|somebody|anyone|anybody)"


def status_sentences_of_lights() -> list[str | dict[str, Any]]:
    """Templates for 'is the reading lamp on', 'are the lights on upstairs'."""
    state = "(on|off|lit|still on)"
    lights = "(light|lights|lamp|lamps)"
    return [
        f"(is|are) [the] {{light:name}} {state}",
        "did i leave [the] {light:name} on",
        "(how bright is|what is the brightness of|what colo[u]r is) [the] {light:name}",
        f"(is|are) [the] {lights} {state}",
        f"(is|are) [the] {lights} {state} (in|on) [the] {{area}}",
        f"(is|are) [the] {lights} {state} {{area}}",
        f"(is|are) [the] {lights} (in|on) [the] {{area}} {state}",
        f"(is|are) [the] {{area}} {lights} {state}",
        {
            # "Did I leave the light on in the garage": asked whether, answered yes or no.
            "sentences": [
                f"did {_WHO} leave [the] {lights} on (in|on) [the] {{area}}",
                f"did {_WHO} leave [the] {{area}} {lights} on",
            ],
            "slots": {"left_on": True},
        },
        *status_sentences("light", words=lights),
        # "Are any lights on", "which lights are on": the questions plugin's.
        {
            "sentences": [
                f"did i leave [the] {lights} on",
                f"(is|are) [the] {lights} off",
            ],
            "slots": {"area": "house"},
        },
    ]
