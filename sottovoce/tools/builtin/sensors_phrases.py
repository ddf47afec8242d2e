"""More sensor templates: places said with "up"/"down"/"out" or bare, and who is about."""

from __future__ import annotations

WARM = "(warm|hot|cold|cool|chilly)"
# "Up in the loft", "down in the kitchen", "out in the garden"; or a floor alone ("upstairs").
WHERE = "((up|down|out|over) (in|on) [the] {area}|(up|down|out|over) there in [the] {area})"
BARE = "{area}"


def temperature_sentences() -> list[str]:
    """'How warm is it up in the loft', 'what's the temperature like in the bedroom'."""
    return [
        f"how {WARM} is it {WHERE}",
        f"how {WARM} is it {BARE}",
        f"how {WARM} is [it] {WHERE}",
        f"how {WARM} is [the] {{area}} [right now|at the moment]",
        f"what is the temperature [like] {WHERE}",
        "what is the temperature like (in|on) [the] {area}",
        f"what is the temperature [like] {BARE}",
        f"what temperature is it {WHERE}",
        f"what temperature is it {BARE}",
        "what is the temperature (of|in) [the] {area} [right now|at the moment]",
        f"is it {WARM} {WHERE}",
        f"is it {WARM} {BARE}",
        f"how many degrees is it ({WHERE}|{BARE})",
    ]


def quantity_sentences() -> list[str]:
    """'What's the humidity like up in the bathroom', 'what is the humidity upstairs'."""
    return [
        "what is the {sensor_quantity:quantity} [like] " + WHERE,
        "what is the {sensor_quantity:quantity} like (in|on) [the] {area}",
        "what is the {sensor_quantity:quantity} [like] " + BARE,
    ]


def motion_sentences() -> list[str]:
    """'Is there any motion up in the loft', 'is anyone upstairs', 'is anyone moving about'."""
    who = "(anyone|anybody|someone|somebody|people)"
    return [
        f"is there [any] (motion|movement) {WHERE}",
        f"is there [any] (motion|movement) {BARE}",
        "is there [any] (motion|movement) (detected|going on) [(in|on) [the] {area}]",
        f"(is|are) [there] {who} {WHERE}",
        f"(is|are) [there] {who} {BARE}",
        f"(is|are) [there] {who} (moving|about|moving about|around) [(in|on) [the] {{area}}]",
        "(is|are) there (someone|somebody|anyone|anybody|people) (in|on) [the] {area}",
        "(does|did) [the] {area} motion sensor (see|detect|show) (anything|anyone|motion)",
    ]


def in_place(names: list[str], place: str) -> str:
    """' in the loft', ' upstairs', ' on the top floor': a place as said after a noun."""
    if place in names:
        return f" in the {place}"
    if place in ("upstairs", "downstairs", "outside", "inside", "everywhere"):
        return f" {place}"
    return f" on the {place}" if place.endswith("floor") else f" in the {place}"
