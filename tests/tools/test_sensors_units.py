"""Tests for units as spoken."""

from __future__ import annotations

import pytest

from sottovoce.tools.builtin import sensors_measures as measures
from sottovoce.tools.builtin.sensors_units import is_known, number, spoken, unit_key


@pytest.mark.parametrize(
    ("value", "unit", "said"),
    [
        (21.5, "°C", "21.5 degrees"),
        (70, "°F", "70 degrees Fahrenheit"),
        (-43, "dBm", "minus 43 decibel milliwatts"),
        (13.2, "A", "13.2 amps"),
        (230, "V", "230 volts"),
        (850, "VA", "850 volt amperes"),
        (50, "Hz", "50 hertz"),
        (22.9, "MB/s", "22.9 megabytes per second"),
        (95, "Mbit/s", "95 megabits per second"),
        (106, "kB", "106 kilobytes"),
        (12.4, "km", "12.4 kilometers"),
        (45, "min", "45 minutes"),
        (1, "h", "1 hour"),
        (3, "m³", "3 cubic meters"),
        (2.5, "L", "2.5 liters"),
        (80.2, "kg", "80.2 kilograms"),
        (9, "µg/m³", "9 micrograms per cubic meter"),
        (9, "μg/m³", "9 micrograms per cubic meter"),
        (9, "ug/m3", "9 micrograms per cubic meter"),
        (61, "dB", "61 decibels"),
        (4, "mm", "4 millimeters"),
        (1.5, "mm/h", "1.5 millimeters per hour"),
        (30, "km/h", "30 kilometers per hour"),
        (4.2, "m/s", "4.2 meters per second"),
        (700, "lx", "700 lux"),
        (420, "W/m²", "420 watts per square meter"),
        (55, "%", "55 percent"),
        (600, "ppm", "600 parts per million"),
        (12, "ppb", "12 parts per billion"),
        (1.8, "bar", "1.8 bar"),
        (1, "ft", "1 foot"),
        (6, "ft", "6 feet"),
        (0.31, "EUR", "0.31 euros"),
        (1, "€", "1 euro"),
        (3, "MW", "3 megawatts"),
        (3, "mW", "3 milliwatts"),
        (7, "", "7"),
        (7, "widgets", "7 widgets"),
    ],
)
def test_spoken(value: float, unit: str, said: str) -> None:
    assert spoken(value, unit) == said


def test_numbers() -> None:
    assert number(19.0) == "19"
    assert number(-2) == "minus 2"
    assert number(0.95) == "0.95"
    assert number(0) == "0"
    assert number(65536) == "65536"
    assert number(2_500_000) == "2500000"


def test_every_measure_unit_can_be_said() -> None:
    for measure in measures.MEASURES.values():
        for unit in measure.units:
            assert is_known(unit), unit
            assert unit_key(unit) == unit, unit
