"""The kind table: defaults, state checks for world files, write checks for tools."""

from __future__ import annotations

import pytest

from sottovoce.devices import KINDS, check_state, check_write, default_state


def test_every_spec_kind_is_known() -> None:
    expected = {"light", "switch", "fan", "thermostat", "media_player", "cover", "lock"}
    expected |= {"sensor", "binary_sensor", "vacuum", "valve"}
    assert set(KINDS) == expected


def test_defaults() -> None:
    assert default_state("light") == {"on": False, "brightness": 100}
    assert default_state("thermostat") == {"target": 20, "current": 20, "mode": "heat"}
    assert default_state("media_player") == {
        "status": "stopped",
        "volume": 50,
        "muted": False,
        "media": "",
    }
    assert default_state("lock") == {"locked": True}
    assert default_state("vacuum") == {"status": "docked"}


def test_check_state_fills_defaults_and_allows_read_only() -> None:
    assert check_state("sensor", {"value": 3.5}) == {"value": 3.5, "unit": ""}
    assert check_state("light", {"color": "red"})["color"] == "red"


@pytest.mark.parametrize(
    ("kind", "state", "message"),
    [
        ("light", {"dim": 3}, "unknown light attribute 'dim'; known: on, brightness, color"),
        ("light", {"on": "yes"}, "'on': expected true or false"),
        ("light", {"brightness": 150}, "expected a percentage 0-100"),
        ("light", {"brightness": True}, "expected a number"),
        ("thermostat", {"mode": "warm"}, "expected one of heat, cool, auto, off"),
        ("thermostat", {"target": float("nan")}, "finite"),
        ("sensor", {"unit": 3}, "expected a string"),
        ("hottub", {}, "unknown kind 'hottub'; known kinds: light, switch"),
    ],
)
def test_check_state_rejects(kind: str, state: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        check_state(kind, state)


def test_check_write_normalizes() -> None:
    written = check_write("light", {"brightness": 50.0})
    assert written == {"brightness": 50} and isinstance(written["brightness"], int)
    assert check_write("thermostat", {"target": 21.5, "mode": "Cool"}) == {
        "target": 21.5,
        "mode": "cool",
    }


def test_check_write_rejects_read_only_and_never_clamps() -> None:
    with pytest.raises(ValueError, match="read-only"):
        check_write("thermostat", {"current": 25})
    with pytest.raises(ValueError, match="read-only"):
        check_write("binary_sensor", {"on": True})
    with pytest.raises(ValueError, match="0-100"):
        check_write("fan", {"speed": 101})
