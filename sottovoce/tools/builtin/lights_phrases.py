"""More light templates: a level with "on" ("turn the lamp on at 30 percent"), steps by a number."""

from __future__ import annotations

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
    sentences.append(f"{push} [the] {lights} {way} {by} (in|on) [the] {{area}}")
    sentences += [f"{push} {target} {way}" for target in named]
    sentences += [f"{push} {way} {target}" for target in named]
    # "Turn it up" after a light: the light. Which reading wins ("it" may be the music)
    # is the grammar's rank, by what was acted on last.
    sentences.append(f"{push} {{ref:name}} {way} [{by}]")
    return sentences
