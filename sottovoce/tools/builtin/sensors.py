"""Sensors that measure: read one by name, or a quantity (temperature, humidity, ...) in an area."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal

from pydantic import Field

from sottovoce.devices import Device
from sottovoce.tools import Plugin, ToolContext, ToolError
from sottovoce.tools.builtin import sensors_phrases as more
from sottovoce.tools.targets import areas_named, find_devices, of_kinds

plugin = Plugin("sensors", "Read sensors: temperature, humidity, CO2, power and more.")

Quantity = Literal["temperature", "humidity", "co2", "power", "energy", "pressure", "light"]

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
UNIT_WORDS: dict[str, str] = {
    "°c": "degrees", "°f": "degrees Fahrenheit", "c": "degrees", "f": "degrees Fahrenheit",
    "%": "percent", "ppm": "parts per million", "w": "watts", "kw": "kilowatts",
    "kwh": "kilowatt hours", "wh": "watt hours", "hpa": "hectopascals", "mbar": "millibars",
    "lx": "lux",
}  # fmt: skip
QUANTITY_LABEL: dict[str, str] = {"co2": "CO2", "light": "light level"}
OUTSIDE_WORDS = ("outdoor", "outdoors", "outside", "garden", "exterior", "external")


def number(value: float) -> str:
    """19.0 -> '19', 21.5 -> '21.5', -3 -> 'minus 3' (as it should be spoken)."""
    text = f"{round(value, 1):g}"
    return "minus " + text[1:] if text.startswith("-") else text


def quantity_of(device: Device) -> str | None:
    """What a sensor measures, from its name first and then its unit."""
    for word in device.name.lower().replace("_", " ").split():
        if word in NAME_QUANTITY:
            return NAME_QUANTITY[word]
    unit = str(device.state().get("unit", "")).strip().lower()
    return UNIT_QUANTITY.get(unit)


def reading(device: Device) -> str:
    """'19 degrees', '68 percent', '640 parts per million'."""
    state = device.state()
    unit = str(state.get("unit", "")).strip()
    words = UNIT_WORDS.get(unit.lower(), unit)
    return f"{number(float(state.get('value', 0)))} {words}".strip()


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
    sentences=[
        "what (does|do) [the] {sensor:name} (say|read|show|report|measure)",
        "what is [the] {sensor:name} [reading|value|saying|at]",
        "(read|check) [the] {sensor:name}",
        "what is the (reading|value) (of|on) [the] {sensor:name}",
        "how (much|high|many) is [the] {sensor:name}",
        "[tell me] [the] {sensor:name} [reading|value]",
    ],
)
def sensor_read(
    ctx: ToolContext, name: Annotated[str, Field(description="sensor name or alias")]
) -> str:
    """Read a sensor by its name."""
    found = find_devices(ctx, ["sensor"], name)
    parts = [f"the {d.name} is {reading(d)}" for d in found]
    text = " and ".join(parts)
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
    lists={"sensor_quantity": _QUANTITY_LIST},
    sentences=[
        "what is the {sensor_quantity:quantity} " + _IN_AREA,
        "what is the {sensor_quantity:quantity} [like] [in here|here|in this room]",
        "what is the {area} {sensor_quantity:quantity}",
        "(tell me|check) the {sensor_quantity:quantity} " + _IN_AREA,
        "how much {sensor_quantity:quantity} is there " + _IN_AREA,
        *more.quantity_sentences(),
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
    """Say the temperature, humidity, CO2, power, energy, pressure or light level in an area."""
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
        label = QUANTITY_LABEL.get(quantity, quantity)
        raise ToolError(f"There is no {label} sensor{where}.")
    ctx.touch(found)
    return _report(quantity, found)


def _measuring(ctx: ToolContext, quantity: str, places: Sequence[str] | None) -> list[Device]:
    """Sensors (or, for temperature, thermostats) measuring `quantity` in `places`."""

    def here(d: Device) -> bool:
        return places is None or d.area in places

    sensors = [d for d in of_kinds(ctx, ["sensor"]) if quantity_of(d) == quantity and here(d)]
    if places is None:
        sensors = [d for d in sensors if not is_outside(d)]
        if len(sensors) > 1:
            return []  # several rooms: the user has to say which
    if sensors or quantity != "temperature":
        return sensors
    thermostats = [d for d in of_kinds(ctx, ["thermostat"]) if here(d)]
    return thermostats[:1] if places is None else thermostats


def _value(device: Device, quantity: str) -> str:
    if device.kind == "thermostat":
        return f"{number(float(device.state().get('current', 0)))} degrees"
    return reading(device)


def _report(quantity: str, found: list[Device]) -> str:
    areas = [d.area for d in found]
    unique = len(set(areas)) == len(areas) and None not in areas
    if quantity == "temperature":
        where = [f"in the {d.area}" if unique else f"by the {d.name}" for d in found]
        parts = [f"{_value(d, quantity)} {w}" for d, w in zip(found, where, strict=True)]
        return "It is " + join(parts) + "."
    label = QUANTITY_LABEL.get(quantity, quantity)
    parts = [
        f"the {d.area} {label} is {_value(d, quantity)}"
        if unique
        else f"the {d.name} is {_value(d, quantity)}"
        for d in found
    ]
    text = join(parts)
    return text[0].upper() + text[1:] + "."


def join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
