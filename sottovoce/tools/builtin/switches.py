"""Switches, plugs and fans: on, off, toggle, state, fan speed; plus generic on/off.

The `device_*` tools are generic: they accept any on/off-able device (light,
switch or fan) by name, a kind word ("fans", "plugs", "lights"), "everything"
or "it", so a language model can call them for anything that switches. Their
sentences, though, use only the `{switch}` and `{fan}` lists (and "it",
"everything"): a light's name is matched by the lights plugin alone, so no
sentence reaches two tools. A light reached here ("turn it off") is treated
exactly as the lights plugin would treat it.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field

from sottovoce.devices import Device
from sottovoce.tools import Plugin, ToolContext
from sottovoce.tools.targets import KIND_WORDS, find_devices, sentence, status_sentences

plugin = Plugin("switches", "Turn switches, plugs, fans and other devices on and off.")

Name = Annotated[
    str | None,
    Field(description="device name or alias, a kind ('fans', 'plugs'), 'everything', or 'it'"),
]
Area = Annotated[str | None, Field(description="area or floor; 'house' for all")]


def _kinds(name: str | None) -> list[str]:
    """The kinds a name can mean: a kind word narrows to that kind, anything else is open."""
    word = " ".join((name or "").lower().split()).removeprefix("the ").removeprefix("all ")
    if word in ("outlet", "outlets", "sockets"):
        return ["switch"]
    for kind in ("light", "switch", "fan"):
        if word in KIND_WORDS[kind]:
            return [kind]
    return ["light", "switch", "fan"]


def _targets(ctx: ToolContext, name: str | None, area: str | None) -> list[Device]:
    kinds = _kinds(name)
    if len(kinds) == 1:
        # A kind word names no device: find that kind in the area, or where the user is.
        return find_devices(ctx, kinds, None, area)
    return find_devices(ctx, kinds, name, area)


def _switching(word: str) -> list[str | dict[str, Any]]:
    """Templates for turning switches and fans on or off (`word` is "on" or "off")."""
    verb = "(turn|switch|put|flip|shut)" if word == "off" else "(turn|switch|put|flip|start)"
    sentences: list[str | dict[str, Any]] = []
    # "Switch the wemo plug socket off": a switch's name with the word for what it is.
    for listed in ("{switch:name} [plug|socket|outlet]", "{fan:name}"):
        sentences += [
            f"{verb} {word} [the] {listed}",
            f"{verb} [the] {listed} {word}",
            f"[the] {listed} {word}",
            # "Turn the dehumidifier on in the laundry": the room says where it is.
            f"{verb} [the] {listed} {word} (in|on) [the] {{area}}",
            f"{verb} {word} [the] {listed} (in|on) [the] {{area}}",
        ]
    kind_words = {"fan": "(fan|fans)", "switch": "(plug|plugs|socket|sockets|switches)"}
    for kind, words in kind_words.items():
        forms = [
            f"{verb} {word} [all] [the] {words} [[(in|on)] [the] {{area}}]",
            f"{verb} [all] [the] {words} [[(in|on)] [the] {{area}}] {word}",
            f"{verb} {word} [all] [the] {{area}} {words}",
            f"{verb} [all] [the] {{area}} {words} {word}",
        ]
        if kind == "fan" and word == "on":
            forms.append("(start|run) [the] (fan|fans) [[(in|on)] [the] {area}]")
        if kind == "fan":  # "open the fan", "close the fan" (Singapore, Indian English)
            forms.append(f"{_OPENING[word]} [the] (fan|fans) [[(in|on)] [the] {{area}}]")
            forms.append(f"{_OPENING[word]} [the] {{area}} (fan|fans)")
        sentences.append({"sentences": forms, "slots": {"name": kind}})
    everything = [
        f"{verb} {word} everything [(in|on) [the] {{area}}]",
        f"{verb} everything {word} [(in|on) [the] {{area}}]",
        f"{verb} everything [(in|on) [the] {{area}}] {word}",
    ]
    sentences.append({"sentences": everything, "slots": {"name": "everything"}})
    sentences += [f"{verb} {{ref:name}} [back] {word}", f"{verb} {word} {{ref:name}}"]
    # "Set the coffee maker to on", "switch the plug to off".
    sentences.append(f"(set|turn|switch|put) [the] {{switch:name}} to {word}")
    sentences.append(f"{_OPENING[word]} [the] {{fan:name}}")
    # "Enable smart socket", "power on wemo", "disable my plug".
    able = (
        "(enable|activate|power on|power up)"
        if word == "on"
        else "(disable|deactivate|power off|power down)"
    )
    sentences.append(f"{able} [the] {{switch:name}} [plug|socket|outlet]")
    # Appliances on plugs are "started" and "stopped" ("start the coffee maker").
    if word == "off":
        sentences += ["(stop|kill) [the] {fan:name}", "(stop|kill) [the] {switch:name}"]
    else:
        # "Set the coffee machine" alone is cut short: "set" needs "going" or "up".
        run = "(start|run|start up|fire up|get) [the] {} [going|running|up]"
        sentences += [run.format("{switch:name}"), run.format("{fan:name}")]
        sentences.append("set [the] {switch:name} (going|running|up)")
        # "Make me a coffee": an appliance named for what it makes (names.py adds "coffee").
        cup = "[a|an|some|my|the|more|another|fresh] [morning] [(cup|pot|mug) of] {switch:name}"
        cups = "[a|another|some|my|more] (cup|cups|pot|mug) of {switch:name}"
        sentences += [
            f"(make|brew|prepare|pour) [me|us] {cup} [for (me|us)] [now]",
            # "I would like some coffee now", "can I have an espresso", "it's coffee time".
            f"(i|we) (would like|want|fancy|could use|could do with) {cup} [now]",
            f"(can|could|may) (i|we) (have|get) {cup} [now]",
            "it is {switch:name} time",
            # "Start a pot of coffee", "I need a cup of coffee" (a drink, not shopping).
            f"(start|put on|get|brew) {cups} [going|on] [now]",
            f"(i|we) (need|could do with) {cups} [now]",
            # "Turn on the coffee machine to make me some coffee": what it is for, said.
            f"{verb} on [the] {{switch:name}} to (make|brew) [me|us] [some|a|my] "
            "[(cup|pot|mug) of] (coffee|tea|espresso|drink)",
        ]
        sentences.append("(boil|put on) [the] {switch:name}")  # "boil the kettle"
    return sentences


# A fan is "opened" and "closed" where other Englishes say so.
_OPENING = {"on": "open", "off": "close"}


@plugin.tool(kinds=["switch", "fan", "light"], sentences=_switching("on"))
def device_turn_on(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Turn on switches, plugs, fans or any other device that switches on and off."""
    devices = _targets(ctx, name, area)
    for device in devices:
        _turn_on(device)
    return sentence(devices, "is on", "are on")


@plugin.tool(kinds=["switch", "fan", "light"], sentences=_switching("off"))
def device_turn_off(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Turn off switches, plugs, fans or any other device that switches on and off."""
    devices = _targets(ctx, name, area)
    for device in devices:
        device.set(on=False)
    return sentence(devices, "is off", "are off")


@plugin.tool(
    kinds=["switch", "fan", "light"],
    sentences=[
        "(toggle|flip) [the] {switch:name}",
        "(toggle|flip) [the] {fan:name}",
        "(toggle|flip) {ref:name}",
    ],
)
def device_toggle(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Switch devices that are on off, and devices that are off on."""
    devices = _targets(ctx, name, area)
    for device in devices:
        if device.state()["on"]:
            device.set(on=False)
        else:
            _turn_on(device)
    return _report([(device, _on_words(device)) for device in devices])


def _status_sentences() -> list[str | dict[str, Any]]:
    """Templates for 'is the coffee maker on', 'are the fans running upstairs'."""
    state = "(on|off|running|still on|working|spinning|going|still going)"
    who = "(i|we|you|someone|somebody|anyone|anybody|he|she|they)"
    sentences: list[str | dict[str, Any]] = []
    for listed in ("{switch:name}", "{fan:name}"):
        sentences += [
            f"(is|are) [the] {listed} {state} [(in|on) [the] {{area}}]",
            f"(is|are) [the] {listed} (in|on) [the] {{area}} {state}",
            f"did {who} leave [the] {listed} (on|running)",
            f"did {who} (turn|switch|put) (on|off) [the] {listed}",
            f"did {who} (turn|switch|put) [the] {listed} (on|off)",
        ]
    speed = "(what|how fast) is [the] {} [speed|[speed] setting]"
    speed_of = "what is [the] (speed|speed setting|setting) (of|on) [the] {}"
    what_speed = "(what speed|what setting|how fast) is [the] {} [(set|running|going|spinning)] "
    what_speed += "[on|at|to]"
    for fan in ("{fan:name}", "{ref:name}"):
        sentences += [speed.format(fan), speed_of.format(fan), what_speed.format(fan)]
    sentences.append("how fast is {fan:name} [going|running|spinning]")
    sentences += status_sentences("switch", "fan")
    forms = [
        f"(is|are) [the] (fan|fans) {state} [(in|on) [the] {{area}}]",
        f"(is|are) [the] (fan|fans) (in|on) [the] {{area}} {state}",
        f"(is|are) [the] {{area}} (fan|fans) {state}",
        *(f.format("(fan|fans)") + " [(in|on) [the] {area}]" for f in (speed, speed_of)),
        what_speed.format("(fan|fans)") + " [(in|on) [the] {area}]",
        what_speed.format("{area} (fan|fans)"),
    ]
    sentences.append({"sentences": forms, "slots": {"name": "fan"}})
    return sentences


@plugin.tool(reads_only=True, kinds=["switch", "fan", "light"], sentences=_status_sentences())
def device_status(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Say whether switches, plugs or fans are on (and how fast a fan runs)."""
    devices = _targets(ctx, name, area)
    return _report([(device, _status_words(device)) for device in devices])


def _speed_sentences() -> list[str | dict[str, Any]]:
    """Templates for a fan speed by percent or by word (low, medium, high)."""
    verb = "(set|turn|put|change|switch|run|make)"
    sentences: list[str | dict[str, Any]] = []
    for target in ("[the] {fan:name} [speed]", "[the] speed of [the] {fan:name}"):
        sentences += [
            f"{verb} {target} (to|on|at) {{percent}} percent",
            f"{verb} {target} (to|on|at) {{fan_speed:percent}} [speed|setting]",
        ]
    sentences.append("[the] {fan:name} (to|on|at) {fan_speed:percent} [speed]")
    sentences.append("[the] {fan:name} [speed] (to|at) {percent} percent")
    # "Put it on high" after a fan; a bare percent for "it" is shared with lights and media.
    sentences += [
        f"{verb} {{ref:name}} [up|down] [to|on|at|in] [the] {{fan_speed:percent}} [speed|setting]",
        f"{verb} {{ref:name}} [up|down] (to|on|at) {{percent}} percent [speed]",
        "(turn|crank|bump) {ref:name} (up|down) to {fan_speed:percent} [speed|setting]",
    ]
    forms = []
    for target in ("[the] (fan|fans) [speed]", "[the] speed of [the] (fan|fans)"):
        forms += [
            f"{verb} {target} [(in|on) [the] {{area}}] (to|on|at) {{percent}} percent",
            f"{verb} {target} [(in|on) [the] {{area}}] (to|on|at) {{fan_speed:percent}} [speed]",
        ]
    forms += [
        "[the] (fan|fans) [to|on|at|in] {fan_speed:percent} [speed] [(in|on) [the] {area}]",
        # "On the fan in low speed" (Indian English), "turn on the fan at full speed".
        "(turn|switch|put|start) on [the] (fan|fans) [(in|on) [the] {area}] (on|at|to|in) "
        "{fan_speed:percent} [speed]",
        f"{verb} [the] {{area}} (fan|fans) [speed] (to|on|at) {{percent}} percent",
        f"{verb} [the] {{area}} (fan|fans) [speed] (to|on|at) {{fan_speed:percent}} [speed]",
    ]
    sentences.append({"sentences": forms, "slots": {"name": "fan"}})
    return sentences + _speed_extras(verb)


def _speed_extras(verb: str) -> list[str | dict[str, Any]]:
    """'bedroom fan medium', 'turn the fan on at 50 percent', 'all the way up', 'to the max'."""
    fan = "[the] {fan:name}"
    sentences: list[str | dict[str, Any]] = [
        "{fan:name} {fan_speed:percent} [speed]",
        f"(turn|switch|put|start) {fan} on (at|to) {{percent}} percent",
        f"(turn|switch|put|start) on {fan} (at|to) {{percent}} percent",
        "(turn|switch|put) {ref:name} on (at|to) {percent} percent",
        f"(turn|switch|put|start) on {fan} (on|at|to|in) {{fan_speed:percent}} [speed]",
    ]
    # "Actually medium is fine" after the fan was set high: the fan just spoken of.
    fine = "(is fine|will do|is grand|is enough|is good|instead|then|please)"
    said = [f"[no|nah|actually] [make it|put it on|set it to] {{fan_speed:percent}} [speed] {fine}"]
    sentences.append({"sentences": said, "slots": {"name": "it"}})
    goes = "(possible|it goes|it will go|it can go)"
    ends = {
        100: f"[up] (all the way [up]|as (high|fast) as {goes}|to the (max|maximum|top))",
        33: f"[down] (all the way [down]|as (low|slow) as {goes}|to the (min|minimum))",
    }
    push = f"({verb[1:-1]}|crank|bump|knock|push)"
    area = "[(in|on) [the] {area}]"
    for percent, end in ends.items():
        forms = [f"{push} {fan} [speed] {end}", f"{push} {{ref:name}} {end}"]
        sentences.append({"sentences": forms, "slots": {"percent": percent}})
        kind = [f"{push} [the] (fan|fans) [speed] {end} {area}", f"{push} [the] {{area}} fan {end}"]
        sentences.append({"sentences": kind, "slots": {"percent": percent, "name": "fan"}})
    return sentences


def _fan_speeds() -> dict[str, Any]:
    """Speed words and the percent each stands for."""
    words = {"low": 33, "medium": 66, "high": 100, "max": 100, "maximum": 100, "full": 100}
    words |= {"mid": 66, "lowest": 33, "highest": 100, "full speed": 100, "full blast": 100}
    words |= {"the max": 100, "the maximum": 100, "top speed": 100, "full power": 100}
    words |= {"the highest setting": 100, "the lowest setting": 33, "medium speed": 66}
    return {"values": [{"in": word, "out": percent} for word, percent in words.items()]}


@plugin.tool(kinds=["fan"], sentences=_speed_sentences(), lists={"fan_speed": _fan_speeds()})
def fan_set_speed(
    ctx: ToolContext,
    percent: Annotated[
        float, Field(ge=0, le=100, description="speed 0-100 (low 33, medium 66, high 100)")
    ],
    name: Annotated[str | None, Field(description="fan name or alias, or 'it'")] = None,
    area: Area = None,
) -> str:
    """Set how fast fans run; above 0 they turn on, at 0 they turn off."""
    fans = find_devices(ctx, ["fan"], name, area)
    for fan in fans:
        _set_speed(fan, percent)
    return _report([(fan, _status_words(fan)) for fan in fans])


def _step_sentences(up: bool) -> list[str | dict[str, Any]]:
    """Templates for 'faster' (`up`) or 'slower'."""
    more = "(faster|up|stronger|higher)" if up else "(slower|down|lower|weaker)"
    change = (
        "(increase|raise|turn up|speed up)" if up else "(decrease|lower|reduce|turn down|slow down)"
    )
    sentences: list[str | dict[str, Any]] = [
        f"(make|turn|set) [the] {{fan:name}} [speed] {more}",
        f"{'speed' if up else 'slow'} [the] {{fan:name}} {'up' if up else 'down'}",
        f"{change} [the] {{fan:name}} [speed]",
        f"{change} [the] speed of [the] {{fan:name}}",
        f"make {{ref:name}} [go|spin] {'faster' if up else 'slower'}",
    ]
    forms = [
        f"(make|turn|set) [the] (fan|fans) [speed] {more} [(in|on) [the] {{area}}]",
        f"(make|turn|set) [the] {{area}} (fan|fans) [speed] {more}",
        f"make [the] (fan|fans) (in|on) [the] {{area}} [go|spin] {more}",
        f"{change} [the] (fan|fans|fan speed) [(in|on) [the] {{area}}]",
        f"{change} [the] speed of [the] (fan|fans) [(in|on) [the] {{area}}]",
    ]
    sentences.append({"sentences": forms, "slots": {"name": "fan"}})
    push = "(turn|crank|bump|knock|nudge|push)"
    way = "up" if up else "down"
    by = "[by] {percent:step} percent"
    sentences += [
        f"{push} [the] {{fan:name}} [speed] {way} {by}",
        f"{push} {way} [the] {{fan:name}} {by}",
    ]
    sentences += [f"(crank|bump|knock|nudge|push) {way} [the] {{fan:name}}"]
    return sentences


Step = Annotated[
    float | None, Field(gt=0, le=100, description="percent points to change by (else a speed word)")
]
_SPEEDS = {33: "low", 66: "medium", 100: "high"}  # the speed words' percents
FanName = Annotated[str | None, Field(description="fan name or alias, or 'it'")]


@plugin.tool(kinds=["fan"], sentences=_step_sentences(up=True))
def fan_faster(ctx: ToolContext, name: FanName = None, area: Area = None, step: Step = None) -> str:
    """Make fans run faster: by `step` percent points, else to the next speed word up."""
    fans = find_devices(ctx, ["fan"], name, area)
    for fan in fans:
        _set_speed(fan, min(100.0, _speed(fan) + step) if step else _next_speed(fan, up=True))
    return _report([(fan, _status_words(fan)) for fan in fans])


@plugin.tool(kinds=["fan"], sentences=_step_sentences(up=False))
def fan_slower(ctx: ToolContext, name: FanName = None, area: Area = None, step: Step = None) -> str:
    """Make fans run slower: by `step` percent points, else to the next speed word down.

    At 0 they stop.
    """
    fans = find_devices(ctx, ["fan"], name, area)
    for fan in fans:
        _set_speed(fan, max(0.0, _speed(fan) - step) if step else _next_speed(fan, up=False))
    return _report([(fan, _status_words(fan)) for fan in fans])


def _speed(fan: Device) -> float:
    return float(fan.state()["speed"])


def _next_speed(fan: Device, up: bool) -> float:
    """The next speed word's percent from a fan's speed (a fan has low, medium and high, as
    Home Assistant steps a three-speed fan); below low it stops."""
    speed = _speed(fan)
    if up:
        return next((float(s) for s in _SPEEDS if s > speed), 100.0)
    return next((float(s) for s in reversed(_SPEEDS) if s < speed), 0.0)


def _set_speed(fan: Device, percent: float) -> None:
    """Set a fan's speed; a speed above 0 also turns it on, 0 turns it off."""
    speed = round(percent)
    fan.set(on=speed > 0, speed=speed)


def _turn_on(device: Device) -> None:
    """Turn a device on; a light left at brightness 0 comes on at full, as in lights."""
    if device.kind == "light" and device.state().get("brightness") == 0:
        device.set(on=True, brightness=100)
    else:
        device.set(on=True)


def _on_words(device: Device) -> str:
    return "is on" if device.state()["on"] else "is off"


def _status_words(device: Device) -> str:
    """'is on at 66 percent' for a running fan, else 'is on' / 'is off'."""
    state = device.state()
    if device.kind == "fan" and state["on"] and state["speed"] > 0:
        level = f", {_SPEEDS[state['speed']]}" if state["speed"] in _SPEEDS else ""
        return f"is on at {state['speed']} percent{level}"
    if device.kind == "light" and state["on"]:
        return f"is on at {state['brightness']} percent"
    return _on_words(device)


def _report(items: list[tuple[Device, str]]) -> str:
    """One clause per distinct state: 'The kettle is on; the fan is off.'"""
    groups: dict[str, list[Device]] = {}
    for device, words in items:
        groups.setdefault(words, []).append(device)
    parts = []
    for words, devices in groups.items():
        plural = "are" + words.removeprefix("is")
        parts.append(sentence(devices, words, plural).rstrip("."))
    text = "; ".join([parts[0]] + [part[0].lower() + part[1:] for part in parts[1:]])
    return text + "."
