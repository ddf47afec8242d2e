"""Thermostats: target temperature, warmer and cooler, heat/cool/auto/off, and reading them.

Questions about the room temperature alone ("how warm is it in here", "what
temperature is it inside") belong to the sensors plugin, which falls back to a
thermostat's reading; the questions here are about the thermostat itself.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from sottovoce.devices import Device
from sottovoce.tools import Plugin, ToolContext, ToolError
from sottovoce.tools.builtin.sensors import outside_temperature
from sottovoce.tools.targets import find_devices, of_kinds, sentence, status_sentences

plugin = Plugin("climate", "Set and read the thermostat: temperature, warmer, cooler, mode.")

Name = Annotated[str | None, Field(description="thermostat name or alias, or 'it'")]
Area = Annotated[str | None, Field(description="area or floor; 'house' for all")]
Mode = Literal["heat", "cool", "auto", "off"]

LOWEST = 5.0
HIGHEST = 35.0


def _thermostat_words() -> str:
    return "(thermostat|heating|heat|heater|temperature|ac|air conditioning|air con|climate)"


_COOLING = "(ac|air conditioning|air con|aircon|air conditioner|cooling)"


def _set_sentences() -> list[str | dict[str, Any]]:
    """Templates for 'set the thermostat to 21 degrees'."""
    verb = "(set|turn|put|change|adjust|make)"
    words = _thermostat_words()
    to = "(to|at) {number:temperature} [degrees]"
    return [
        f"{verb} [the] {{thermostat:name}} [temperature] {to}",
        f"{verb} [the] temperature (of|on) [the] {{thermostat:name}} {to}",
        f"{verb} [the] {words} [temperature] [(in|on) [the] {{area}}] {to}",
        f"{verb} [the] {{area}} {words} {to}",
        "(heat|cool) [the] {area} to {number:temperature} [degrees]",
        "set [the] {area} to {number:temperature} [degrees]",  # "set upstairs to 20"
        "make it {number:temperature} degrees [(in|on) [the] {area}]",
        "i want it [to be] {number:temperature} degrees [(in|on) [the] {area}]",
        "{number:temperature} degrees [(in|on) [the] {area}]",
        # Terse and wishful forms: "thermostat to 23", "i want the heating at 22".
        f"[the] ({words}|{{thermostat:name}}) [(in|on) [the] {{area}}] [to|at] "
        "{number:temperature} [degrees]",
        f"[the] {{area}} {words} [to|at] {{number:temperature}} [degrees]",
        f"(i want|i would like|i need|i like|can we have|let us have) [the] ({words}|"
        "{thermostat:name}) [(in|on) [the] {area}] (at|on|to|to be [at]|set to) "
        "{number:temperature} [degrees]",
        "(set|turn|put|change|make) {ref:name} [up|down] to {number:temperature} degrees",
        # "Make the a/c 20 degrees": no "to", so the unit must be said.
        f"make [the] ({words}|{{thermostat:name}}) [(in|on) [the] {{area}}] "
        "{number:temperature} degrees",
        # "Put the heating on twenty and a half": "on" a number is a target.
        f"(put|turn|set) [the] ({words}|{{thermostat:name}}) [(in|on) [the] {{area}}] on "
        "{number:temperature} [degrees]",
        *_switch_on_sentences(),
    ]


def _switch_on_sentences() -> list[dict[str, Any]]:
    """'Switch on the AC at 20': the mode the words say, and the target, in one command."""
    on = "(turn|switch|put) on"
    area = "[[(in|on)] [the] {area}]"
    to = "(to|at|on) {number:temperature} [degrees]"
    said = {"heat": "(heating|heat|heater|central heating)", "cool": _COOLING}
    # "Put the heating on at 20", "turn the AC on to 22": the particle after the thing.
    after = "(turn|switch|put) [the] {} on {} (to|at) {{number:temperature}} [degrees]"
    return [
        {
            "sentences": [
                f"{on} [the] {words} {area} {to}",
                f"{on} [the] {{area}} {words} {to}",
                after.format(words, area),
            ],
            "slots": {"mode": mode},
        }
        for mode, words in said.items()
    ]


@plugin.tool(kinds=["thermostat"], sentences=_set_sentences())
def climate_set_temperature(
    ctx: ToolContext,
    temperature: Annotated[float, Field(description="target in degrees Celsius, 5 to 35")],
    name: Name = None,
    area: Area = None,
    mode: Annotated[Mode | None, Field(description="also switch to this mode")] = None,
) -> str:
    """Set the target temperature of thermostats, in degrees Celsius (and the mode if said)."""
    # "Set it to 72" in a home that thinks in Fahrenheit: no room is set to 72 Celsius.
    fahrenheit = _FAHRENHEIT_TARGETS[0] <= temperature <= _FAHRENHEIT_TARGETS[1]
    said, temperature = temperature, _to_celsius(temperature) if fahrenheit else temperature
    # Checked here rather than in the schema so the user hears why, in words.
    if not LOWEST <= temperature <= HIGHEST:
        raise ToolError(
            f"I can only set the thermostat between {_num(LOWEST)} and {_num(HIGHEST)} degrees."
        )
    thermostats = find_devices(ctx, ["thermostat"], name, area)
    for thermostat in thermostats:
        thermostat.set(target=temperature, **({"mode": mode} if mode else {}))
    if fahrenheit:
        return f"{_num(said)} Fahrenheit is {_num(temperature)} Celsius. {_set_reply(thermostats)}"
    return _set_reply(thermostats)


# Targets read as degrees Fahrenheit (about 10 to 32 degrees Celsius).
_FAHRENHEIT_TARGETS = (50.0, 90.0)


def _to_celsius(fahrenheit: float) -> float:
    """To the nearest half degree Celsius, as thermostats step."""
    return round((fahrenheit - 32) * 5 / 9 * 2) / 2


def _step_sentences(up: bool) -> list[str | dict[str, Any]]:
    """Templates for 'make it warmer' (`up`) or 'make it cooler', by one degree or as said."""
    words = _thermostat_words()
    turn = "(turn|crank|bump|put) up" if up else "(turn|put) down"
    change = "(increase|raise)" if up else "(decrease|lower|reduce|drop)"
    feel = "(warmer|hotter)" if up else "(cooler|colder)"
    # "Way too hot", "a bit chilly": how much is said, the step is the same.
    very = "[really|so|very|pretty|quite|rather|a (bit|little|tad)]"
    much = "[way|far|much|really|so|just|a (bit|little|tad|touch)|slightly|rather|quite]"
    feels = "(cold|freezing|chilly)" if up else "(hot|warm|boiling)"
    need = f"({very} {feels}|{much} too {feels})"
    area = "[[(in|on)] [the] {area}]"
    by = "by {number:degrees} [degrees]"
    forms = [
        f"{turn} [the] {words} {area}",
        f"{turn} [the] {{area}} {words}",
        f"{turn} [the] {{thermostat:name}}",
        f"turn [the] {words} {'up' if up else 'down'} {area}",
        f"{change} [the] {{thermostat:name}} [temperature]",
        # "Bump it up a degree" about the aircon just named (a referent: no room's air).
        f"(turn|crank|bump|put|knock) {{ref:name}} {'up' if up else 'down'} ({by}|a degree)",
        f"{change} [the] {words} {area}",
        f"{change} [the] {{area}} {words}",
        f"make it {feel} {area}",
        f"make [the] {{area}} {feel}",
        f"make [the] ({words}|{{thermostat:name}}) {feel} {area}",
        # "Make the AC cold small" (Nigerian English): colder, a step.
        f"make [the] ({words}|{{thermostat:name}}) {'(warm|hot)' if up else '(cold|cool)'} {area}",
        # Said as a wish: "I want the room cooler", "we'd like it a bit warmer in here".
        f"(i|we) (want|would like|need) (it|the room|this room|the house|the place) {feel} {area}",
        f"(i|we) (want|would like|need) [the] {{area}} {feel}",
        f"can (it|the room|the house) be {feel} {area}",
        f"it is {need} [in here|inside|{area}]",
        f"i am {need}",
        # "Give us a bit more heat", "give the heating a bit more" (up only: "less heat").
        *(
            [
                "give (us|me|it) [a bit|a little|a bit of|a little bit|some] more (heat|heating)"
                f" {area}",
                f"give [the] ({words}|{{thermostat:name}}) [a bit|a little|some] more {area}",
            ]
            if up
            else [f"(give|put) (us|me) [a bit|a little|some] less (heat|heating) {area}"]
        ),
    ]
    # Colloquial verbs with a direction: "knock the heating down 2 degrees", "bump it up".
    push = "(turn|crank|bump|knock|nudge|push|kick|bring|move|put|dial|notch)"
    way = "up" if up else "down"
    amount = "[by] {number:degrees} (degree|degrees)"
    bare = "by {number:degrees}"
    pushed = [
        f"{push} [the] {words} {area} {way}",
        f"{push} [the] {{area}} {words} {way}",
        f"{push} [the] {{thermostat:name}} [temperature] {way}",
        f"{push} {way} [the] {{thermostat:name}} [temperature]",
        f"{push} {way} [the] {words} {area}",
    ]
    stepped = [f"{form} ({amount}|{bare}) {area}" for form in pushed]
    stepped += [f"{push} [the] {words} {area} {way} ({amount}|{bare})"]
    stepped += [f"{change} [the] {words} {area} {amount}", f"{change} [the] {{area}} {words} {by}"]
    stepped += [f"{change} [the] {{thermostat:name}} [temperature] {amount}"]
    # Terse: "heating up 2 degrees", "thermostat down by 1 degree".
    stepped += [f"[the] ({words}|{{thermostat:name}}) {area} {way} {amount}"]
    # And with no amount: "heating up a bit", "thermostat down a touch".
    pushed += [f"[the] ({words}|{{thermostat:name}}) {area} {way} [{much}]"]
    one = [f"{form} (a|one) (degree|notch|touch|smidge|tad) {area}" for form in pushed]
    two = [f"{form} a couple [of] degrees {area}" for form in pushed]
    return [
        *forms,
        *pushed,
        f"{turn} [the] {words} {by} {area}",
        f"{change} [the] {words} {area} {by}",
        f"{change} [the] {{thermostat:name}} [temperature] {by}",
        f"turn [the] {words} {'up' if up else 'down'} {by} {area}",
        f"make it {{number:degrees}} degrees {feel} {area}",
        *stepped,
        {"sentences": one, "slots": {"degrees": 1}},
        {"sentences": two, "slots": {"degrees": 2}},
    ]


Degrees = Annotated[float, Field(gt=0, le=10, description="degrees to change by")]


@plugin.tool(kinds=["thermostat"], sentences=_step_sentences(up=True))
def climate_warmer(
    ctx: ToolContext, name: Name = None, area: Area = None, degrees: Degrees = 1
) -> str:
    """Raise the target temperature (by 1 degree unless told)."""
    return _step(ctx, name, area, degrees)


@plugin.tool(kinds=["thermostat"], sentences=_step_sentences(up=False))
def climate_cooler(
    ctx: ToolContext, name: Name = None, area: Area = None, degrees: Degrees = 1
) -> str:
    """Lower the target temperature (by 1 degree unless told)."""
    return _step(ctx, name, area, -degrees)


def _step(ctx: ToolContext, name: str | None, area: str | None, change: float) -> str:
    thermostats = find_devices(ctx, ["thermostat"], name, area)
    for thermostat in thermostats:
        target = float(thermostat.state()["target"]) + change
        thermostat.set(target=min(HIGHEST, max(LOWEST, target)))
    return _set_reply(thermostats)


def _mode_sentences() -> list[str | dict[str, Any]]:
    """Templates for heat/cool/auto/off, by mode word or by 'turn on the heating'."""
    on = "(turn|switch|put) on"
    off = "(turn|switch|shut|put) off"
    area = "[[(in|on)] [the] {area}]"
    heating = "(heating|heat|heater|central heating)"
    cooling = _COOLING
    every = "(heating|heat|heater|central heating|ac|air conditioning|air con|air conditioner)"
    word = "(thermostat|heating|climate|ac|air conditioning|hvac)"

    def switching(turn: str, what: str) -> list[str]:
        return [
            f"{turn} [the] {what} {area}",
            f"{turn} [the] {{area}} {what}",
            f"{turn.split(' ')[0]} [the] {what} {turn.split(' ')[-1]} {area}",
        ]

    return [
        {"sentences": [*switching(on, heating), "start heating"], "slots": {"mode": "heat"}},
        {"sentences": switching(on, cooling), "slots": {"mode": "cool"}},
        {
            "sentences": [
                *switching(off, every),
                f"{off} [the] {{thermostat:name}}",
                "(turn|switch|shut|put) [the] {thermostat:name} off",
            ],
            "slots": {"mode": "off"},
        },
        f"(set|switch|put|change|turn) [the] {word} {area} (to|on) {{thermostat_mode:mode}}",
        f"(set|switch|put|change|turn) [the] {{area}} {word} (to|on) {{thermostat_mode:mode}}",
        "(set|switch|put|change|turn) [the] {thermostat:name} (to|on) {thermostat_mode:mode}"
        " [mode]",
        f"(set|switch|put|change|turn) [the] {word} {area} (to|on) {{thermostat_mode:mode}} mode",
        "(set|switch|put|change|turn) {ref:name} (to|on) {thermostat_mode:mode} [mode]",
        "{thermostat_mode:mode} mode [(in|on) [the] {area}]",
    ]


def _modes() -> dict[str, Any]:
    """Spoken mode words and the mode each stands for."""
    words = {"heat": "heat", "heating": "heat", "cool": "cool", "cooling": "cool"}
    words |= {"auto": "auto", "automatic": "auto", "off": "off"}
    return {"values": [{"in": spoken, "out": mode} for spoken, mode in words.items()]}


@plugin.tool(kinds=["thermostat"], sentences=_mode_sentences(), lists={"thermostat_mode": _modes()})
def climate_set_mode(
    ctx: ToolContext,
    mode: Annotated[Mode, Field(description="heat, cool, auto or off")],
    name: Name = None,
    area: Area = None,
) -> str:
    """Switch thermostats to heating, cooling, automatic, or off."""
    thermostats = find_devices(ctx, ["thermostat"], name, area)
    for thermostat in thermostats:
        thermostat.set(mode=mode)
    return sentence(thermostats, _mode_words(mode), _mode_words(mode, plural=True))


def _status_sentences() -> list[str]:
    """Templates for 'what is the thermostat set to', 'what is the current temperature'."""
    area = "[[(in|on)] [the] {area}]"
    set_to = "(set to|set at|set on|at|on|doing)"
    thermo = "[the] (thermostat|heating|{thermostat:name})"
    return [
        f"what is [the] (thermostat|heating|ac|air conditioning) {set_to} {area}",
        f"what is [the] {{area}} (thermostat|heating) {set_to}",
        f"what is [the] {{thermostat:name}} {set_to}",
        f"what (temperature|mode) is [the] (thermostat|heating) (set to|on|in) {area}",
        "what (temperature|mode) is [the] {thermostat:name} (set to|on|in)",
        f"what is [the] (target|set) temperature {area}",
        "what is [the] current temperature [inside|indoors|in here|in [the] {area}]",
        "(the [current]|current) temperature (now|right now|at the moment)",
        "what is [the] temperature (of|on) [the] {thermostat:name}",
        "what does [the] {thermostat:name} (say|read|show)",
        f"what is [the] (current|actual|target|set) temperature (on|of|at) {thermo} {area}",
        f"what is [the] temperature (on|of|at) {thermo} {area}",
        f"what (does|do) {thermo} {area} (say|read|show|display|tell me)",
        f"what is {thermo} {area} (reading|showing|saying|displaying)",
        f"what is [the] (reading|display) (on|of) {thermo} {area}",
        f"what (temperature|reading) (is|does) {thermo} {area} (show|showing|give|giving|read)",
        "(what is|tell me) [the] {area} thermostat (reading|setting)",
        f"(is|are) [the] (heating|heat|ac|air conditioning) on {area}",
        f"(is|are) [the] {{thermostat:name}} (on|off|running|cooling|heating) {area}",
        f"(check|read) [the] thermostat {area}",
        *status_sentences("thermostat"),
    ]


@plugin.tool(reads_only=True, kinds=["thermostat"], sentences=_status_sentences())
def climate_status(ctx: ToolContext, name: Name = None, area: Area = None) -> str:
    """Say the current temperature, the target and the mode of thermostats."""
    unnamed = name is None and area is None
    if unnamed and not of_kinds(ctx, ["thermostat"]):
        # "What is the current temperature" in a home with no thermostat: the weather's.
        return outside_temperature(ctx)
    thermostats = find_devices(ctx, ["thermostat"], name, area)
    return " ".join(_describe(thermostat) for thermostat in thermostats)


def _describe(thermostat: Device) -> str:
    """'The hall thermostat reads 19.5 degrees and is set to 21 degrees, heating.'"""
    state = thermostat.state()
    text = f"reads {_num(state['current'])} degrees and is set to {_num(state['target'])} degrees"
    text += f", {_mode_name(state['mode'])}"
    return sentence([thermostat], text, text)


def _set_reply(thermostats: list[Device]) -> str:
    """'The thermostat is set to 21 degrees.', adding when one is switched off."""
    targets = [_num(t.state()["target"]) for t in thermostats]
    if len(set(targets)) == 1:
        words = f"set to {targets[0]} degrees"
        text = sentence(thermostats, f"is {words}", f"are {words}")
    else:
        parts = zip(thermostats, targets, strict=True)
        text = " ".join(sentence([t], f"is set to {n} degrees", "") for t, n in parts)
    off = [t for t in thermostats if t.state()["mode"] == "off"]
    if off:
        # Setting a target does not switch the mode: say so, or the user waits for heat.
        text += " " + sentence(off, "is switched off, though", "are switched off, though")
    return text


def _mode_words(mode: str, plural: bool = False) -> str:
    return f"{'are' if plural else 'is'} {_mode_name(mode)}"


def _mode_name(mode: str) -> str:
    return {"heat": "heating", "cool": "cooling", "auto": "on auto", "off": "off"}[mode]


def _num(value: float) -> str:
    """21.0 -> '21', 19.5 -> '19.5'."""
    return f"{value:g}" if value != int(value) else str(int(value))
