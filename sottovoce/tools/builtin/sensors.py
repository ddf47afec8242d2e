"""Sensors that measure: read one by name, or a quantity (temperature, humidity, ...) in an area."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from pydantic import Field

from sottovoce.devices import Device
from sottovoce.tools import Plugin, ToolContext, ToolError
from sottovoce.tools.builtin import sensors_measures as measures
from sottovoce.tools.builtin import sensors_phrases as more
from sottovoce.tools.builtin.sensors_measures import MeasureKey
from sottovoce.tools.builtin.sensors_units import number as number  # info.py says temperatures
from sottovoce.tools.builtin.sensors_units import spoken
from sottovoce.tools.targets import areas_named, find_devices, of_kinds, status_sentences, the_name

plugin = Plugin("sensors", "Read sensors: temperature, humidity, CO2, power and more.")

# The quantities asked about by room; those beyond the first seven are found by
# `sensors_measures` (their sensors' units and names), the seven as they always were.
Quantity = MeasureKey
_CLASSIC = ("temperature", "humidity", "co2", "power", "energy", "pressure", "light")

# Unit -> quantity, for sensors whose name does not say what they measure.
UNIT_QUANTITY: dict[str, str] = {
    "°c": "temperature", "°f": "temperature", "c": "temperature", "f": "temperature",
    "degrees": "temperature", "%": "humidity", "ppm": "co2", "w": "power", "kw": "power",
    "kwh": "energy", "wh": "energy", "hpa": "pressure", "mbar": "pressure",
    "lx": "light", "lux": "light",
}  # fmt: skip
# Words in a sensor's name that say what it measures ("battery" keeps a % sensor from
# passing for humidity).
NAME_QUANTITY: dict[str, str] = {
    "temperature": "temperature", "temp": "temperature", "thermometer": "temperature",
    "humidity": "humidity", "humid": "humidity", "co2": "co2", "carbon": "co2",
    "power": "power", "energy": "energy", "consumption": "energy", "pressure": "pressure",
    "barometer": "pressure", "light": "light", "illuminance": "light", "lux": "light",
    "brightness": "light", "battery": "battery",
}  # fmt: skip
QUANTITY_LABEL: dict[str, str] = {"co2": "CO2", "light": "light level"}
OUTSIDE_WORDS = ("outdoor", "outdoors", "outside", "garden", "exterior", "external")


def quantity_of(device: Device) -> str | None:
    """What a sensor measures, from its name first and then its unit."""
    for word in device.name.lower().replace("_", " ").split():
        if word in NAME_QUANTITY:
            return NAME_QUANTITY[word]
    unit = str(device.state().get("unit", "")).strip().lower()
    return UNIT_QUANTITY.get(unit)


def reading(device: Device) -> str:
    """'19 degrees', '68 percent', '640 parts per million', '1 euro'."""
    state = device.state()
    return spoken(float(state.get("value", 0) or 0), str(state.get("unit", "") or ""))


def is_outside(device: Device) -> bool:
    """Whether a device's name or alias says it is outdoors."""
    names = [device.name, *device.aliases]
    return any(w in OUTSIDE_WORDS for n in names for w in n.lower().split())


def outside_temperature(ctx: ToolContext) -> str:
    """The outdoor temperature from an outdoor sensor, else the weather service."""
    sensors = [
        d for d in of_kinds(ctx, ["sensor"]) if quantity_of(d) == "temperature" and is_outside(d)
    ]
    if sensors:
        ctx.touch(sensors[:1])
        return f"It is {reading(sensors[0])} outside."
    if ctx.world.weather is None:
        raise ToolError("I have no outdoor temperature sensor and no weather report.")
    return f"It is {number(ctx.world.weather.temperature)} degrees outside."


@plugin.tool(
    reads_only=True,
    kinds=["sensor"],
    lists={
        "sensor_measure": {"values": measures.list_values()},
        "sensor_device_measure": {"values": measures.device_list_values()},
    },
    sentences=[
        "what (does|do) [the] {sensor:name} (say|read|show|report|measure)",
        "what is [the] {sensor:name} [reading|value|saying|at]",
        "(read|check) [the] {sensor:name}",
        "what is the (reading|value) (of|on) [the] {sensor:name}",
        "how (much|high|many) is [the] {sensor:name}",
        "[tell me] [the] {sensor:name} [reading|value]",
        *status_sentences("sensor"),
        *more.plain_read_sentences(),
        *more.measure_sentences(),
        *more.device_measure_sentences(),
        {"sentences": more.battery_sentences(), "slots": {"measure": "battery"}},
        {"sentences": more.time_left_sentences(), "slots": {"measure": "duration"}},
    ],
)
def sensor_read(
    ctx: ToolContext,
    name: Annotated[str, Field(description="sensor name or alias (or the device it belongs to)")],
    measure: Annotated[
        MeasureKey | None, Field(description="what was asked about; none = the reading")
    ] = None,
) -> str:
    """Read a sensor by its name, or what a named thing measures (battery, CO2, speed ...)."""
    if measure is None:
        found = find_devices(ctx, ["sensor"], name)
        same = [d for d in of_kinds(ctx, ["sensor"]) if _names_of(d) & _names_of(found[0])]
        if len(found) == 1 and len(same) > 1:  # one name, several sensors: a weather station
            ctx.touch(same)
            return sentence([f"{the(same[0].name)} reads {join([reading(d) for d in same])}"])
        return sentence([_measured(d, measures.the_measure(d)) for d in found])
    return named_measure(ctx, name, measure)


def named_measure(ctx: ToolContext, name: str, measure: str) -> str:
    """The `measure` of the thing called `name`: its own reading, or a sensor of it."""
    target = _target(ctx, name)
    names = {target.name.lower(), *(a.lower() for a in target.aliases)}
    sensors = of_kinds(ctx, ["sensor"])
    # The sensors called so (one name may be several sensors: a rain gauge's total and
    # rate), then those named after it ("my phone" -> "my phone battery").
    same = [d for d in sensors if _names_of(d) & names]
    after = [d for d in sensors if d not in same and any(_within(n, d) for n in names)]
    found = measures.best([*same, *after], measure, prefer=same)
    if not found:
        return _no_measure(ctx, target, measure, names)
    ctx.touch(found)
    return sentence([_measured(d, measure) for d in found])


def _target(ctx: ToolContext, name: str) -> Device:
    device = ctx.world.devices.get(name)
    if device is not None:
        return device
    try:
        return find_devices(ctx, ["sensor"], name)[0]
    except ToolError:
        # Not a sensor: the thing a sensor belongs to ("the battery of the remote").
        spoken = " ".join(name.lower().split())
        named = [d for d in ctx.world.devices.values() if spoken in _names_of(d)]
        if not named:
            raise
        return named[0]


def _names_of(device: Device) -> set[str]:
    return {device.name.lower(), *(a.lower() for a in device.aliases)}


def _within(name: str, device: Device) -> bool:
    return any(f" {name} " in f" {n} " for n in _names_of(device))


def _measured(device: Device, measure: str | None) -> str:
    """'The living room humidity is 48 percent', "my phone's battery level is 98 percent",
    'the nursery monitor reads 38 decibels'."""
    if measure is not None and not measures.says_measure(device.name, measure):
        return f"{the(device.name)}'s {measures.label(measure)} is {reading(device)}"
    thing = device.name.lower().split()[-1:] in (["sensor"], ["meter"], ["monitor"], ["gauge"])
    verb = "reads" if measure is None or thing else "is"
    return f"{the(device.name)} {verb} {reading(device)}"


def _no_measure(ctx: ToolContext, target: Device, measure: str, names: set[str]) -> str:
    """A binary battery sensor still says low or fine; anything else is an honest no."""
    if measure == "battery":
        flags = [
            d
            for d in of_kinds(ctx, ["binary_sensor"])
            if d.state().get("device_class") == "battery" and any(_within(n, d) for n in names)
        ]
        if flags:
            ctx.touch(flags[:1])
            low = bool(flags[0].state().get("on"))
            return sentence([f"{the(target.name)}'s battery is {'low' if low else 'fine'}"])
    what = measures.the_measure(target) if target.kind == "sensor" else None
    if target.kind == "sensor" and what is None:
        # A reading of no known measure ("the rainwater tank level", in percent) asked
        # about in other words ("how much water is left"): what it reads is the answer.
        return sentence([f"{the(target.name)} reads {reading(target)}"])
    if what is not None:
        raise ToolError(
            f"{the(target.name)} measures {measures.label(what)}, not {measures.label(measure)}:"
            f" it reads {reading(target)}."
        )
    raise ToolError(f"I have no {measures.label(measure)} reading for {the(target.name, False)}.")


def the(name: str, start: bool = True) -> str:
    """A name as said in a sentence: 'the office air', 'my phone' (never 'the my phone')."""
    owned = name.lower().split(" ", 1)[0] in ("my", "our", "your", "the")
    text = name if owned else f"the {name}"
    return text[0].upper() + text[1:] if start else text


def sentence(parts: list[str]) -> str:
    """Parts joined into one spoken sentence, capitalized, with a full stop."""
    text = join([p[0].lower() + p[1:] if i else p for i, p in enumerate(parts)])
    return text[0].upper() + text[1:] + "."


_QUANTITY_LIST = {
    "values": [
        {"in": "(temperature|temp)", "out": "temperature"},
        {"in": "(humidity|humidity level|air humidity)", "out": "humidity"},
        {"in": "(co2|co 2|carbon dioxide|co2 level|carbon dioxide level)", "out": "co2"},
        {"in": "(power|power usage|power use|power consumption|power draw)", "out": "power"},
        {"in": "(energy|energy usage|energy use|energy consumption)", "out": "energy"},
        {"in": "(pressure|air pressure|barometric pressure)", "out": "pressure"},
        {"in": "(light level|illuminance|light intensity)", "out": "light"},
    ]
}
_WARM = "(warm|hot|cold|cool|chilly)"
_IN_AREA = "in [the] {area}"


@plugin.tool(
    reads_only=True,
    kinds=["sensor", "thermostat"],
    lists={
        "sensor_quantity": _QUANTITY_LIST,
        "sensor_area_measure": {"values": measures.area_list_values()},
    },
    sentences=[
        "(what|how) is the {sensor_quantity:quantity} " + _IN_AREA,
        "(what|how) is the {sensor_quantity:quantity} [like] [in here|here|in (this|my|the) room]",
        "(what|how) is the {area} {sensor_quantity:quantity}",
        "(tell me|check) the {sensor_quantity:quantity} " + _IN_AREA,
        "how much {sensor_quantity:quantity} is [there] " + _IN_AREA,
        *more.quantity_sentences(),
        *more.area_measure_sentences(),
        {
            "sentences": [
                "how " + _WARM + " is it " + _IN_AREA,
                "how " + _WARM + " is [it in] [the] {area}",
                "how " + _WARM + " is it [out] on [the] {area}",
                "how " + _WARM + " is it [in here|here|inside|indoors]",
                "what temperature is it " + _IN_AREA,
                "what temperature is it [in here|here|inside|indoors]",
                "what is the (indoor|inside) temperature",
                "is it " + _WARM + " " + _IN_AREA,
                "how many degrees is it " + _IN_AREA,
                *more.temperature_sentences(),
            ],
            "slots": {"quantity": "temperature"},
        },
        {
            "sentences": [
                "how (humid|damp|dry) is [it in] [the] {area}",
                "how (humid|damp|dry) is it [in here|here|inside]",
                "is it (humid|damp) " + _IN_AREA,
            ],
            "slots": {"quantity": "humidity"},
        },
    ],
)
def sensor_quantity(
    ctx: ToolContext,
    quantity: Annotated[Quantity, Field(description="what to measure")] = "temperature",
    area: Annotated[str | None, Field(description="area or floor; none = here")] = None,
) -> str:
    """Say the temperature, humidity, CO2, power, energy, pressure, light level, air quality,
    noise ... in an area."""
    if area and area.strip().lower() in ("outside", "outdoors", "the garden outside"):
        if quantity == "temperature":
            return outside_temperature(ctx)
    places = areas_named(ctx, area) if area else ([ctx.area] if ctx.area else [])
    found = _measuring(ctx, quantity, places)
    if not found and not area:
        found = _measuring(ctx, quantity, None)  # nothing here: the one in the house
    if not found:
        place = area or ctx.area
        where = more.in_place([a.name for a in ctx.world.areas], place) if place else ""
        label = QUANTITY_LABEL.get(quantity) or measures.label(quantity)
        raise ToolError(f"There is no {label} sensor{where}.")
    ctx.touch(found)
    return _report(quantity, found)


def _measuring(ctx: ToolContext, quantity: str, places: Sequence[str] | None) -> list[Device]:
    """Sensors (or, for temperature, thermostats) measuring `quantity` in `places`."""

    def here(d: Device) -> bool:
        return places is None or d.area in places

    sensors = _best_measuring([d for d in of_kinds(ctx, ["sensor"]) if here(d)], quantity)
    if places is None:
        sensors = [d for d in sensors if not is_outside(d)]
        if len(sensors) > 1:
            return []  # several rooms: the user has to say which
    if sensors or quantity != "temperature":
        return sensors
    thermostats = [d for d in of_kinds(ctx, ["thermostat"]) if here(d)]
    return thermostats[:1] if places is None else thermostats


def _best_measuring(sensors: list[Device], quantity: str) -> list[Device]:
    """The sensors measuring `quantity`; for the newer ones, those surely so if any are."""
    if quantity in _CLASSIC:
        return [d for d in sensors if quantity_of(d) == quantity]
    # A sensor of no known unit or name measures nothing asked of a room.
    known = [d for d in sensors if measures.possible(d) is not None]
    return measures.best(known, quantity)


def _value(device: Device, quantity: str) -> str:
    if device.kind == "thermostat":
        return f"{number(float(device.state().get('current', 0)))} degrees"
    return reading(device)


def _report(quantity: str, found: list[Device]) -> str:
    areas = [d.area for d in found]
    unique = len(set(areas)) == len(areas) and None not in areas
    if quantity == "temperature":
        where = [
            f"in {the_name(d.area or '')}" if unique else f"by {the_name(d.name)}" for d in found
        ]
        parts = [f"{_value(d, quantity)} {w}" for d, w in zip(found, where, strict=True)]
        return "It is " + join(parts) + "."
    label = QUANTITY_LABEL.get(quantity) or measures.label(quantity)
    parts = [
        f"the {d.area} {label} is {_value(d, quantity)}"
        if unique
        else f"{the_name(d.name)} is {_value(d, quantity)}"
        for d in found
    ]
    text = join(parts)
    return text[0].upper() + text[1:] + "."


def join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
