"""Clocks and simulated devices."""

from __future__ import annotations

from datetime import datetime

import pytest

from sottovoce.devices import Device, RealClock, SimulatedDevice, VirtualClock


def test_virtual_clock_moves_only_when_told() -> None:
    clock = VirtualClock(datetime(2026, 6, 1, 8, 30))
    assert clock.now() == datetime(2026, 6, 1, 8, 30)
    clock.advance(90.5)
    assert clock.now() == datetime(2026, 6, 1, 8, 31, 30, 500000)
    with pytest.raises(ValueError):
        clock.advance(-1)


def test_real_clock_is_naive_whole_seconds() -> None:
    now = RealClock("Europe/Lisbon").now()
    assert now.tzinfo is None and now.microsecond == 0
    assert RealClock().now().tzinfo is None


def test_simulated_device_state_is_a_copy_and_writes_are_checked() -> None:
    device: Device = SimulatedDevice("light.desk", "light", "desk lamp", initial={"on": True})
    state = device.state()
    state["on"] = False
    assert device.state() == {"on": True, "brightness": 100}
    device.set(brightness=30.0, on=False)
    assert device.state() == {"on": False, "brightness": 30}
    with pytest.raises(ValueError, match="unknown light attribute 'speed'"):
        device.set(speed=3)
    assert device.state() == {"on": False, "brightness": 30}


def test_failed_write_changes_nothing() -> None:
    device = SimulatedDevice("light.desk", "light", "desk lamp")
    with pytest.raises(ValueError):
        device.set(on=True, brightness=300)
    assert device.state() == {"on": False, "brightness": 100}


def test_restore_puts_back_read_only_values() -> None:
    device = SimulatedDevice("sensor.t", "sensor", "t", initial={"value": 4})
    device.restore({"value": 9, "unit": "C"})
    assert device.state() == {"value": 9, "unit": "C"}
