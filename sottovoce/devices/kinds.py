"""The device kinds of the world file, their attributes, and value checking.

One table (`KINDS`) says, for each kind, which attributes exist, their type, whether
tools may write them, and the default used when a world file leaves them out. Both the
world loader (`check_state`) and device writes (`check_write`) validate against it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

AttrType = Literal["bool", "number", "percent", "enum", "string"]


class _NoDefault:
    """Marker for an optional attribute that is absent unless set."""

    def __repr__(self) -> str:
        return "NO_DEFAULT"


NO_DEFAULT: Any = _NoDefault()


@dataclass(frozen=True)
class AttrSpec:
    """One state attribute of a device kind."""

    type: AttrType
    default: Any = NO_DEFAULT
    readonly: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class KindSpec:
    """A device kind: its name and its attributes, in display order."""

    name: str
    attrs: Mapping[str, AttrSpec] = field(default_factory=dict)


def _kind(name: str, **attrs: AttrSpec) -> KindSpec:
    return KindSpec(name, MappingProxyType(attrs))


def _bool(default: bool, readonly: bool = False) -> AttrSpec:
    return AttrSpec("bool", default, readonly)


def _pct(default: int) -> AttrSpec:
    return AttrSpec("percent", default)


def _enum(default: str, *choices: str) -> AttrSpec:
    return AttrSpec("enum", default, choices=choices)


KINDS: Mapping[str, KindSpec] = MappingProxyType(
    {
        spec.name: spec
        for spec in (
            _kind("light", on=_bool(False), brightness=_pct(100), color=AttrSpec("string")),
            _kind("switch", on=_bool(False)),
            _kind("fan", on=_bool(False), speed=_pct(0)),
            _kind(
                "thermostat",
                target=AttrSpec("number", 20),
                current=AttrSpec("number", 20, readonly=True),
                mode=_enum("heat", "heat", "cool", "auto", "off"),
            ),
            _kind(
                "media_player",
                status=_enum("stopped", "playing", "paused", "stopped"),
                volume=_pct(50),
                muted=_bool(False),
                media=AttrSpec("string", ""),
            ),
            _kind("cover", position=_pct(0)),
            _kind("lock", locked=_bool(True)),
            _kind(
                "sensor",
                value=AttrSpec("number", 0, readonly=True),
                unit=AttrSpec("string", "", readonly=True),
            ),
            _kind(
                "binary_sensor",
                on=_bool(False, readonly=True),
                device_class=AttrSpec("string", "", readonly=True),
            ),
            _kind("vacuum", status=_enum("docked", "docked", "cleaning", "returning")),
            _kind("valve", position=_pct(0)),
        )
    }
)


def kind_spec(kind: str) -> KindSpec:
    """The spec of `kind`, or ValueError naming the known kinds."""
    spec = KINDS.get(kind)
    if spec is None:
        raise ValueError(f"unknown kind {kind!r}; known kinds: {', '.join(KINDS)}")
    return spec


def default_state(kind: str) -> dict[str, Any]:
    """The state of a `kind` device that the world file says nothing about."""
    attrs = kind_spec(kind).attrs
    return {name: a.default for name, a in attrs.items() if a.default is not NO_DEFAULT}


def check_state(kind: str, state: Mapping[str, Any]) -> dict[str, Any]:
    """A full, valid state from a world file's partial one (read-only attributes allowed)."""
    spec = kind_spec(kind)
    result = default_state(kind)
    for name, value in state.items():
        result[name] = check_value(spec, name, value)
    return result


def check_write(kind: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    """The normalized values of a write by a tool; ValueError for read-only or bad values."""
    spec = kind_spec(kind)
    result: dict[str, Any] = {}
    for name, value in attrs.items():
        attr = spec.attrs.get(name)
        if attr is not None and attr.readonly:
            raise ValueError(f"{kind} attribute {name!r} is read-only")
        result[name] = check_value(spec, name, value)
    return result


def check_value(spec: KindSpec, name: str, value: Any) -> Any:
    """`value` normalized for attribute `name` of `spec`, or ValueError saying why not."""
    attr = spec.attrs.get(name)
    if attr is None:
        known = ", ".join(spec.attrs)
        raise ValueError(f"unknown {spec.name} attribute {name!r}; known: {known}")
    checker = _CHECKERS[attr.type]
    try:
        return checker(value, attr)
    except ValueError as exc:
        raise ValueError(f"{spec.name} attribute {name!r}: {exc}") from None


def _check_bool(value: Any, attr: AttrSpec) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _check_number(value: Any, attr: AttrSpec) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number, got {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, got {value!r}")
    return value


def _check_percent(value: Any, attr: AttrSpec) -> int:
    number = _check_number(value, attr)
    if not 0 <= number <= 100:
        raise ValueError(f"expected a percentage 0-100, got {value!r}")
    # Percentages are whole numbers on every device we model; 50.0 (or 49.6) means 50.
    return round(number)


def _check_enum(value: Any, attr: AttrSpec) -> str:
    if isinstance(value, str) and value.strip().lower() in attr.choices:
        return value.strip().lower()
    raise ValueError(f"expected one of {', '.join(attr.choices)}, got {value!r}")


def _check_string(value: Any, attr: AttrSpec) -> str:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    return value


_CHECKERS = {
    "bool": _check_bool,
    "number": _check_number,
    "percent": _check_percent,
    "enum": _check_enum,
    "string": _check_string,
}
