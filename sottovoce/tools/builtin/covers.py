"""Covers (blinds, curtains, shades, garage doors) and valves (water, sprinklers).

Both kinds have one attribute, `position` 0-100 with 0 closed, so one set of
tools serves both. A kind word picks the kind ("the blinds", "the sprinklers");
a device name or "it" may be either; nothing at all means the blinds here.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from sottovoce.devices import Device
from sottovoce.tools import Plugin, ToolContext, WhichOne
from sottovoce.tools.targets import KIND_WORDS, find_devices, sentence, status_sentences

plugin = Plugin("covers", "Open, close and position blinds, curtains, garage doors and valves.")

Name = Annotated[
    str | None,
    Field(description="cover or valve name or alias, a kind ('blinds', 'sprinklers'), or 'it'"),
]
Area = Annotated[str | None, Field(description="area or floor; 'house' for all")]


def _word_lists() -> dict[str, dict[str, Any]]:
    """Kind words for covers and valves; the slot value is the word itself."""
    covers = ["blinds", "blind", "curtains", "curtain", "shades", "shade", "shutters"]
    covers += ["shutter", "drapes", "roller blinds", "roller blind", "covers", "awning"]
    valves = ["water", "sprinkler", "sprinklers", "irrigation", "valve", "valves"]
    valves += ["water valve", "garden water", "watering"]
    return {"cover_word": {"values": covers}, "valve_word": {"values": valves}}


_WINDOW_WORDS = frozenset(("blinds", "blind", "shades", "shade", "curtains", "curtain", "shutters"))
_DOORS = frozenset(("door", "gate", "garage"))
# Kind words said in the plural: a question with them is about every device so called.
_PLURAL_WORDS = frozenset(
    w for w in (*KIND_WORDS["cover"], *KIND_WORDS["valve"], "doors", "gates") if w.endswith("s")
)


def _kind_of_word(word: str) -> str | None:
    values = _word_lists()
    for kind in ("cover", "valve"):
        if word in values[f"{kind}_word"]["values"]:
            return kind
    return None


def _targets(ctx: ToolContext, name: str | None, area: str | None) -> list[Device]:
    word = " ".join((name or "").lower().split()).removeprefix("the ").removeprefix("all ")
    kind = _kind_of_word(word)
    if kind is not None:
        # A kind word names no device: that kind in the area, or where the user is;
        # passed on so that, with none here, "the blind" finds the one called "blinds".
        spoken = word if word in KIND_WORDS.get(kind, ()) else None
        found = find_devices(ctx, [kind], spoken, area)
        # "Close all the blinds" leaves the garage door as it is: a door is no blind.
        windows = [d for d in found if not _DOORS & set(d.name.lower().split())]
        if spoken not in _WINDOW_WORDS or not windows or len(windows) == len(found):
            return found
        ctx.touched[:] = [i for i in ctx.touched if i in {d.id for d in windows}]
        return windows
    if name:
        return find_devices(ctx, ["cover", "valve"], name, area)
    return find_devices(ctx, ["cover"], None, area)


def _forms(verb: str, tail: str = "", every: str = "[all] ") -> list[str]:
    """`verb` applied to every way of naming a cover or valve, then `tail`.

    Questions leave out "all": "are all the blinds closed" is the questions plugin's.
    "All the blinds" with no room said is `_everywhere`'s.
    """
    area = "[[(in|on)] [the] {area}]"
    end = f" {tail}" if tail else ""
    return [
        f"{verb} [the] {{cover:name}}{end}",
        f"{verb} [the] {{valve:name}}{end}",
        f"{verb} [the] {{cover_word:name}} {area}{end}",
        f"{verb} {every}[the] {{cover_word:name}} [(in|on)] [the] {{area}}{end}",
        # "Blinds down in bedroom 2": the room after what is done.
        f"{verb} {every}[the] {{cover_word:name}}{end} (in|on) [the] {{area}}",
        f"{verb} {every}[the] {{area}} {{cover_word:name}}{end}",
        f"{verb} {every}[the] {{valve_word:name}} {area}{end}",
        f"{verb} [the] {{area}} {{valve_word:name}}{end}",
    ]


def _everywhere(verb: str, tail: str = "") -> dict[str, Any]:
    """'Close all the blinds': every blind in the house, as "all the lights" is every light
    (docs/cases.md); with a room said, `_forms` reads it."""
    end = f" {tail}" if tail else ""
    said = f"{verb} (all|every) [of] [the] {{cover_word:name}}{end}"
    return {"sentences": [said], "slots": {"area": "house"}}


def _open_sentences() -> list[str | dict[str, Any]]:
    """Templates for opening, fully."""
    sentences: list[str | dict[str, Any]] = []
    sentences += _forms("(open|raise|lift|roll up|pull up|draw up|put up)")
    sentences += [_everywhere("(open|raise|lift|roll up|pull up|draw up|put up)")]
    sentences += _forms("(roll|pull|put|draw)", "up")
    sentences += _forms("open up")
    sentences += _forms("", "(up|open)", every="")  # "garage door up, I'm pulling in"
    sentences += ["(open|raise) {ref:name} [up]"]
    # "Open the garage": a room opened is its covers (a garage's door, a lounge's blinds).
    sentences += ["open [up] the {area}"]
    # "Run the front sprinklers": water is run, not opened.
    sentences += ["(run|start) [the] ({valve:name}|{valve_word:name}) [(in|on) [the] {area}]"]
    # "Open the blind all the way", "pull the curtains up fully".
    fully = "(all the way|fully|completely|right up) [up|open]"
    sentences += _forms("(open|raise|lift) [up]", fully)
    sentences += _forms("(roll|pull|draw|put) up", fully)
    sentences += _forms("(roll|pull|draw|put)", "up " + fully)
    sentences += ["(open|raise) {ref:name} [up] " + fully]
    # Valves are "turned on", covers are not: only valve names take on/off.
    for on in ("(turn|switch|put) on [the] {}", "(turn|switch|put) [the] {} on", "start [the] {}"):
        sentences += [on.format("{valve:name}"), on.format("{valve_word:name}")]
    sentences += ["(turn|switch|put) on [the] {valve_word:name} (in|on) [the] {area}"]
    sentences += ["(turn|switch|put) [the] water [back] on at [the] {valve:name}"]
    sentences += ["(turn|switch|put) on [the] water at [the] {valve:name}"]
    watering = ["water [the] (lawn|plants|grass|flowers)", "water [the] {area}"]
    sentences.append({"sentences": watering, "slots": {"name": "water"}})
    return sentences


@plugin.tool(kinds=["cover", "valve"], sentences=_open_sentences(), lists=_word_lists())
def cover_open(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Open blinds, curtains, garage doors or valves fully; 'turn on the water' opens a valve."""
    devices = _targets(ctx, name, area)
    for device in devices:
        device.set(position=100)
    return sentence(devices, "is open", "are open")


def _close_sentences() -> list[str | dict[str, Any]]:
    """Templates for closing, fully."""
    verbs = "(close|lower|shut|draw|pull down|roll down|put down|let down)"
    sentences: list[str | dict[str, Any]] = [*_forms(verbs), _everywhere(verbs)]
    sentences += _forms("(roll|pull|put|let)", "down")
    sentences += _forms("", "(down|closed|shut)", every="")
    sentences += ["(close|lower|shut) {ref:name}"]
    sentences += ["(close|shut) [up] the {area}"]
    sentences += ["stop [the] ({valve:name}|{valve_word:name})"]  # "stop the sprinklers"
    fully = "(all the way|fully|completely|right down) [down|closed|shut]"
    sentences += _forms("(close|lower|shut|draw) [down]", fully)
    sentences += _forms("(roll|pull|let|put) down", fully)
    sentences += _forms("(roll|pull|let|put)", "down " + fully)
    sentences += ["(close|lower|shut) {ref:name} [down] " + fully]
    for off in ("(turn|switch|shut|put) off [the] {}", "(turn|switch|shut) [the] {} off"):
        sentences += [off.format("{valve:name}"), off.format("{valve_word:name}")]
    sentences += ["(stop|kill) [the] {valve_word:name}", "(stop|kill) [the] {valve:name}"]
    sentences += ["(turn|switch|shut) off [the] {valve_word:name} (in|on) [the] {area}"]
    # "Turn the water off at the stopcock": the water, at the valve named.
    sentences += ["(turn|switch|shut) [the] water off at [the] {valve:name}"]
    sentences += ["(turn|switch|shut) off [the] water at [the] {valve:name}"]
    return sentences


@plugin.tool(kinds=["cover", "valve"], sentences=_close_sentences(), lists=_word_lists())
def cover_close(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Close blinds, curtains, garage doors or valves fully; 'turn off the water' closes."""
    devices = _targets(ctx, name, area)
    for device in devices:
        device.set(position=0)
    return sentence(devices, "is closed", "are closed")


def _position_sentences() -> list[str | dict[str, Any]]:
    """Templates for a position by percent, or halfway (50)."""
    sentences: list[str | dict[str, Any]] = []
    sentences += _forms("(set|put|move|open|close|lower|raise|turn)", "to {percent} percent")
    sentences += _forms("(set|put|move|open)", "[to] {percent} percent [open]")
    sentences += ["(open|close|raise|lower) {ref:name} to {percent} percent"]
    # Terse: "lounge blinds to 30 percent", "the garage door 50 percent open".
    sentences += _forms("", "(to|at) {percent} percent [open]", every="")
    sentences += _forms("", "{percent} percent open", every="")
    half = _forms("(open|close|lower|raise|put|set|move|pull|roll|draw)", "(halfway|half way)")
    half += _forms("(open|close|lower|raise|set|put|move)", "to (half|halfway)")
    half += _forms("(half open|half close|open half way|close half way)")
    half += ["(open|close) {ref:name} (halfway|half way)"]
    half += _forms("", "(halfway|half way) [open|up|down]", every="")  # "bedroom blind halfway"
    sentences.append({"sentences": half, "slots": {"percent": 50}})
    return sentences


@plugin.tool(kinds=["cover", "valve"], sentences=_position_sentences(), lists=_word_lists())
def cover_set_position(
    ctx: ToolContext,
    percent: Annotated[float, Field(ge=0, le=100, description="0 closed, 100 fully open")],
    name: Name = None,
    area: Area = None,
) -> str:
    """Open blinds, curtains, garage doors or valves part of the way."""
    devices = _targets(ctx, name, area)
    for device in devices:
        device.set(position=percent)
    return _report(devices)


def _status_sentences() -> list[str]:
    """Templates for 'are the blinds open', 'is the garage door closed'."""
    # "close" for "closed": speech recognition often drops a final "-ed".
    state = "(open|closed|close|shut|up|down|still open|left open)"
    sentences = _forms("(is|are)", state, every="")
    sentences += _forms("did i (close|shut|leave open)")
    sentences += _forms("did (i|we|someone|somebody|anyone|anybody) leave", "open", every="")
    sentences += [
        "(how open|how far open|what position) (is|are) [the] ({cover:name}|{valve:name})",
        "(is|are) [the] {valve_word:name} (on|off|running) [(in|on) [the] {area}]",
        "(is|are) [the] {valve:name} (on|off|running)",
        "did i leave [the] {valve_word:name} on",
        "did i leave [the] {valve:name} on",
        # "Is the garage still open?": a room asked about is its covers, as "open the garage".
        f"(is|are) the {{area}} {state}",
        *status_sentences("cover", "valve"),
    ]
    return sentences


@plugin.tool(
    reads_only=True, kinds=["cover", "valve"], sentences=_status_sentences(), lists=_word_lists()
)
def cover_status(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Say whether blinds, curtains, garage doors or valves are open, closed or partly open."""
    try:
        return _report(_targets(ctx, name, area))
    except WhichOne as which:
        # "Are the sprinklers on?" with none in this room: a question about all of them.
        said = (name or "").lower().split()
        plural = bool(said) and said[-1].endswith("s") and said[-1] in _PLURAL_WORDS
        if not plural or len(which.choices) < 2:
            raise
        devices = [ctx.world.devices[i] for i in which.choices if i in ctx.world.devices]
        ctx.touch(devices)
        return _report(devices)


def _position_words(device: Device) -> str:
    position = device.state()["position"]
    if position == 0:
        return "is closed"
    if position == 100:
        return "is open"
    return f"is partly open at {position} percent"


def _report(devices: list[Device]) -> str:
    """One clause per distinct position: 'The garage door is open; the blinds are closed.'"""
    groups: dict[str, list[Device]] = {}
    for device in devices:
        groups.setdefault(_position_words(device), []).append(device)
    parts = []
    for words, members in groups.items():
        parts.append(sentence(members, words, "are" + words.removeprefix("is")).rstrip("."))
    text = "; ".join([parts[0]] + [part[0].lower() + part[1:] for part in parts[1:]])
    return text + "."
