"""Tests for what sensors measure: asking a named sensor (or its device) for one measure."""

from __future__ import annotations

from typing import Any

import pytest

from sottovoce.agent.grammar import Grammar
from sottovoce.agent.normalize import normalize
from sottovoce.devices import World, parse_world
from sottovoce.tools import Registry, ToolContext, ToolError
from sottovoce.tools.builtin import binary_sensors, sensors
from sottovoce.tools.builtin import sensors_measures as measures


def _sensor(slug: str, name: str, value: float, unit: str, area: str = "garage") -> dict[str, Any]:
    state = {"value": value, "unit": unit}
    return {"id": f"sensor.{slug}", "kind": "sensor", "name": name, "area": area, "state": state}


def make_world() -> World:
    data: dict[str, Any] = {
        "name": "measures",
        "clock": "2026-06-01T08:30:00",
        "areas": ["kitchen", "garage", "office", "garden", "living room", "nursery"],
        "devices": [
            {"id": "vacuum.rover", "kind": "vacuum", "name": "rover", "area": "kitchen"},
            _sensor("rover_battery", "rover battery", 77, "%", "kitchen"),
            _sensor("station_wind", "weather station", 12.5, "m/s", "garden"),
            _sensor("station_rain", "weather station", 3.2, "mm", "garden"),
            _sensor("station_temp", "weather station", -4.5, "°C", "garden"),
            _sensor("office_air", "office air monitor", 830, "ppm", "office"),
            _sensor("office_dust", "office particulate sensor", 12, "μg/m³", "office"),
            _sensor("router", "router", 310.4, "Mbit/s", "office"),
            _sensor("charger", "car charger", 7.4, "kW"),
            _sensor("charger_energy", "car charger energy", 15.2, "kWh"),
            _sensor("freezer", "chest freezer", -18, "°C"),
            _sensor("noise", "baby monitor", 38, "dB", "nursery"),
            _sensor("tank", "rainwater tank", 1450, "L", "garden"),
            _sensor("tariff", "electricity tariff", 1, "EUR", "office"),
            _sensor("fern", "fern", 36, "%", "living room"),
            _sensor("bike", "bike computer", 24.6, "km/h"),
            {"id": "switch.washer", "kind": "switch", "name": "washing machine", "area": "garage"},
            _sensor("washer_power", "washing machine power", 512, "W"),
            _sensor("washer_left", "washing machine remaining time", 38, "min"),
            {"id": "switch.remote", "kind": "switch", "name": "tv remote", "area": "living room"},
            {"id": "binary_sensor.remote_battery", "kind": "binary_sensor",
             "name": "tv remote battery", "area": "living room",
             "state": {"on": True, "device_class": "battery"}},
        ],
    }  # fmt: skip
    return parse_world(data, "measures.yaml", virtual=True)


def _one(device: dict[str, Any]) -> World:
    data = {"name": "one", "areas": ["garage"], "devices": [device]}
    return parse_world(data, "one.yaml", virtual=True)


@pytest.fixture(scope="module")
def grammar() -> Grammar:
    return Grammar(Registry([sensors.plugin, binary_sensors.plugin]), make_world())


def _ctx(world: World) -> ToolContext:
    return ToolContext(world=world, area="kitchen")


@pytest.mark.parametrize(
    ("text", "args", "reply"),
    [
        (
            "how much charge has the rover got left?",
            {"name": "vacuum.rover", "measure": "battery"},
            "The rover battery is 77 percent.",
        ),
        (
            "what's the rover's battery at",
            {"name": "vacuum.rover", "measure": "battery"},
            "The rover battery is 77 percent.",
        ),
        (
            "how strong is the wind at the weather station",
            {"name": "sensor.station_wind", "measure": "wind_speed"},
            "The weather station's wind speed is 12.5 meters per second.",
        ),
        (
            "how much rain did the weather station record?",
            {"name": "sensor.station_wind", "measure": "rain"},
            "The weather station's rainfall is 3.2 millimeters.",
        ),
        (
            "what is the weather station's temperature right now",
            {"name": "sensor.station_wind", "measure": "temperature"},
            "The weather station's temperature is minus 4.5 degrees.",
        ),
        (
            "what's the carbon dioxide concentration reported by the office air monitor",
            {"name": "sensor.office_air", "measure": "co2"},
            "The office air monitor's CO2 level is 830 parts per million.",
        ),
        (
            "give me the fine dust level of the office particulate sensor",
            {"name": "sensor.office_dust", "measure": "pm25"},
            "The office particulate sensor's PM2.5 level is 12 micrograms per cubic meter.",
        ),
        (
            "what upload speed does the router show",
            {"name": "sensor.router", "measure": "data_rate"},
            "The router's speed is 310.4 megabits per second.",
        ),
        (
            "how much power is the car charger drawing",
            {"name": "sensor.charger", "measure": "power"},
            "The car charger's power is 7.4 kilowatts.",
        ),
        (
            "how much energy has the car charger used",
            {"name": "sensor.charger", "measure": "energy"},
            "The car charger energy is 15.2 kilowatt hours.",
        ),
        (
            "what is the chest freezer temperature",
            {"name": "sensor.freezer", "measure": "temperature"},
            "The chest freezer's temperature is minus 18 degrees.",
        ),
        (
            "what's the noise level in the baby monitor",
            {"name": "sensor.noise", "measure": "sound"},
            "The baby monitor's sound level is 38 decibels.",
        ),
        (
            "how much water is left in the rainwater tank",
            {"name": "sensor.tank", "measure": "water"},
            "The rainwater tank's water volume is 1450 liters.",
        ),
        (
            "what's the price on the electricity tariff",
            {"name": "sensor.tariff", "measure": "cost"},
            "The electricity tariff is 1 euro.",
        ),
        (
            "what's the soil moisture of the fern",
            {"name": "sensor.fern", "measure": "moisture"},
            "The fern's moisture is 36 percent.",
        ),
        (
            "how much power is the washing machine drawing",
            {"name": "switch.washer", "measure": "power"},
            "The washing machine power is 512 watts.",
        ),
        (
            "how long has the washing machine got left",
            {"name": "switch.washer", "measure": "duration"},
            "The washing machine remaining time is 38 minutes.",
        ),
        (
            "bike computer's velocity",
            {"name": "sensor.bike", "measure": "speed"},
            "The bike computer's speed is 24.6 kilometers per hour.",
        ),
    ],
)
def test_asked_measure_routes_and_is_spoken(
    grammar: Grammar, text: str, args: dict[str, Any], reply: str
) -> None:
    call = grammar.match(normalize(text))
    assert call is not None and (call.tool, call.args) == ("sensor_read", args)
    assert sensors.sensor_read(_ctx(make_world()), **call.args) == reply


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("how fast is the bike computer", {"name": "sensor.bike"}),
        ("what's the current reading on the router", {"name": "sensor.router"}),
        ("what is the baby monitor showing", {"name": "sensor.noise"}),
    ],
)
def test_plain_readings(grammar: Grammar, text: str, args: dict[str, Any]) -> None:
    call = grammar.match(normalize(text))
    assert call is not None and (call.tool, call.args) == ("sensor_read", args)


@pytest.mark.parametrize(
    "text",
    [
        "what's the power of love",
        "what's the speed of light",
        "what's the battery life of a phone these days",
        "what is the temperature of the sun",
        "how much water should i drink",
        "how loud is a jet engine",
    ],
)
def test_no_sensor_named_no_match(grammar: Grammar, text: str) -> None:
    call = grammar.match(normalize(text))
    assert call is None or call.tool != "sensor_read"


def test_several_sensors_of_one_name_read_together() -> None:
    reply = sensors.sensor_read(_ctx(make_world()), name="sensor.station_rain")
    assert reply == (
        "The weather station reads 12.5 meters per second, 3.2 millimeters and minus 4.5 degrees."
    )


def test_the_measure_picks_among_same_named_sensors() -> None:
    world = make_world()
    reply = sensors.sensor_read(_ctx(world), name="weather station", measure="rain")
    assert reply == "The weather station's rainfall is 3.2 millimeters."


def test_wrong_measure_is_an_honest_error() -> None:
    world = make_world()
    with pytest.raises(ToolError, match="chest freezer measures temperature, not humidity"):
        sensors.sensor_read(_ctx(world), name="sensor.freezer", measure="humidity")
    with pytest.raises(ToolError, match="battery level"):
        sensors.sensor_read(_ctx(world), name="sensor.router", measure="battery")


def test_a_binary_battery_sensor_says_low_or_fine() -> None:
    reply = sensors.sensor_read(_ctx(make_world()), name="switch.remote", measure="battery")
    assert reply == "The tv remote's battery is low."


def test_my_names_take_no_article() -> None:
    world = _one(_sensor("phone", "my phone", 98, "%"))
    reply = sensors.sensor_read(_ctx(world), name="sensor.phone", measure="battery")
    assert reply == "My phone's battery level is 98 percent."


def test_what_a_sensor_measures() -> None:
    world = make_world()
    devices = world.devices
    assert measures.possible(devices["sensor.office_air"]) is not None
    assert measures.the_measure(devices["sensor.station_temp"]) == "temperature"
    assert measures.the_measure(devices["sensor.charger_energy"]) == "energy"
    # The unit wins a disagreement with the name: a "current program" timed in minutes.
    program = _one(_sensor("prog", "dishwasher current program", 64, "min")).devices["sensor.prog"]
    assert measures.the_measure(program) == "duration"
    assert measures.name_measures("wall plug power factor") == {"power_factor"}


def test_measure_forms_are_normalized_and_keys_complete() -> None:
    assert set(measures.MEASURES) == set(measures.keys())
    for value in measures.list_values():
        assert normalize(value["in"]) == value["in"] or "₂" in value["in"] or "₃" in value["in"]


@pytest.mark.parametrize(
    ("text", "args", "reply"),
    [
        (
            "what's the noise level in the nursery",
            {"quantity": "sound", "area": "nursery"},
            "The nursery sound level is 38 decibels.",
        ),
        (
            "how bad is the dust in the office",
            {"quantity": "particulates", "area": "office"},
            "The office particulate level is 12 micrograms per cubic meter.",
        ),
        (
            "what was the rainfall in the garden",
            {"quantity": "rain", "area": "garden"},
            "The garden rainfall is 3.2 millimeters.",
        ),
    ],
)
def test_a_measure_asked_of_a_room(
    grammar: Grammar, text: str, args: dict[str, Any], reply: str
) -> None:
    call = grammar.match(normalize(text))
    assert call is not None and (call.tool, call.args) == ("sensor_quantity", args)
    assert sensors.sensor_quantity(_ctx(make_world()), **call.args) == reply


def test_a_room_without_that_sensor() -> None:
    with pytest.raises(ToolError, match="no air quality index sensor in the kitchen"):
        sensors.sensor_quantity(_ctx(make_world()), "aqi", "kitchen")
