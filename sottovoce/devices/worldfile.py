"""Reading the sections of a world file into records and devices, strictly.

Every problem raises a one-line `WorldError` that names the file, where in it the
problem is (`devices[3] (light.kitchen)`), and what is wrong, because a world file
is written by hand and the person fixing it only sees that line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from sottovoce.models.limits import (
    MAX_ALIASES,
    MAX_CLOCK_YEAR,
    MAX_DEVICES,
    MAX_WORLD_TEXT_CHARS,
    MIN_CLOCK_YEAR,
)

from .device import SimulatedDevice
from .errors import WorldError
from .kinds import KINDS, check_write
from .records import Area, Contact, Forecast, Location, MediaItem, Scene, Weather, find_area

_ID = re.compile(r"^([a-z][a-z0-9_]*)\.([a-z0-9][a-z0-9_]*)$")


class Reader:
    """Type checks on a world file's data that fail with a WorldError naming the file."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> NoReturn:
        """Raise the one-line error for `problem` at `where`."""
        raise WorldError(
            f"{self.source}: {where}: {problem}" if where else f"{self.source}: {problem}"
        )

    def mapping(
        self, value: Any, where: str, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()
    ) -> Mapping[str, Any]:
        """`value` as a mapping with these keys (others only if they start with `x-`)."""
        if not isinstance(value, Mapping):
            self.fail(where, f"expected a mapping, got {_describe(value)}")
        known = required + optional
        for key in value:
            if not isinstance(key, str):
                self.fail(where, f"keys must be text, got {key!r}")
            if known and key not in known and not key.startswith("x-"):
                self.fail(where, f"unknown key {key!r}; known keys: {', '.join(known)}")
        for key in required:
            if value.get(key) is None:
                self.fail(where, f"missing required key {key!r}")
        return value

    def items(self, value: Any, where: str) -> list[Any]:
        """`value` as a list (None, an absent section, is empty)."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(where, f"expected a list, got {_describe(value)}")
        return value

    def text(self, value: Any, where: str) -> str:
        """`value` as non-empty text (numbers are accepted as their text)."""
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"expected non-empty text, got {_describe(value)}")
        if len(value) > MAX_WORLD_TEXT_CHARS:
            self.fail(where, f"text longer than the limit of {MAX_WORLD_TEXT_CHARS} characters")
        return value.strip()

    def opt_text(self, value: Any, where: str) -> str | None:
        """`value` as text, or None if absent."""
        return None if value is None else self.text(value, where)

    def number(self, value: Any, where: str) -> float:
        """`value` as a number."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(where, f"expected a number, got {_describe(value)}")
        return value


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    shown = repr(value)
    return f"{type(value).__name__} {shown if len(shown) <= 40 else shown[:37] + '...'}"


def read_location(r: Reader, value: Any) -> Location:
    """The `location` section."""
    if value is None:
        return Location()
    data = r.mapping(value, "location", optional=("city", "timezone"))
    timezone = r.opt_text(data.get("timezone"), "location.timezone")
    if timezone is not None:
        try:
            ZoneInfo(timezone)
        except (KeyError, ValueError, OSError):  # ZoneInfoNotFoundError is a KeyError
            r.fail("location.timezone", f"unknown timezone {timezone!r}")
    return Location(r.opt_text(data.get("city"), "location.city"), timezone)


def read_clock(r: Reader, value: Any, timezone: str | None) -> datetime | None:
    """The `clock` section: a start time (YAML datetime or ISO text), naive local time."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            r.fail("clock", f"expected a time like 2026-06-01T08:30:00, got {value!r}")
    elif isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if not isinstance(value, datetime):
        r.fail("clock", f"expected a time like 2026-06-01T08:30:00, got {_describe(value)}")
    start: datetime = value
    if not MIN_CLOCK_YEAR <= start.year <= MAX_CLOCK_YEAR:  # timers past 9999 overflowed
        r.fail("clock", f"the year must be from {MIN_CLOCK_YEAR} to {MAX_CLOCK_YEAR}")
    if start.tzinfo is not None and timezone:
        start = start.astimezone(ZoneInfo(timezone))
    return start.replace(tzinfo=None, microsecond=0)


def read_areas(r: Reader, value: Any) -> list[Area]:
    """The `areas` section: names, or `{name, floor}` mappings."""
    areas: list[Area] = []
    for i, item in enumerate(r.items(value, "areas")):
        where = f"areas[{i}]"
        if isinstance(item, Mapping):
            data = r.mapping(item, where, required=("name",), optional=("floor",))
            area = Area(
                r.text(data["name"], where + ".name"),
                r.opt_text(data.get("floor"), where + ".floor"),
            )
        else:
            area = Area(r.text(item, where))
        if find_area(areas, area.name):
            r.fail(where, f"area {area.name!r} is listed twice")
        areas.append(area)
    return areas


def area_name(r: Reader, areas: list[Area], value: Any, where: str) -> str:
    """The canonical name of the known area `value`."""
    name = r.text(value, where)
    area = find_area(areas, name)
    if area is None:
        known = ", ".join(a.name for a in areas) or "none defined"
        r.fail(where, f"unknown area {name!r}; areas: {known}")
    return area.name


def read_listener(r: Reader, value: Any, areas: list[Area]) -> str | None:
    """The `listener` section: where the listening device stands."""
    if value is None:
        return None
    if isinstance(value, str):
        return area_name(r, areas, value, "listener")
    data = r.mapping(value, "listener", optional=("area",))
    area = data.get("area")
    return None if area is None else area_name(r, areas, area, "listener.area")


def read_devices(r: Reader, value: Any, areas: list[Area]) -> dict[str, SimulatedDevice]:
    """The `devices` section, in file order."""
    devices: dict[str, SimulatedDevice] = {}
    items = r.items(value, "devices")
    if len(items) > MAX_DEVICES:
        r.fail("devices", f"{len(items)} devices, more than the limit of {MAX_DEVICES}")
    for i, item in enumerate(items):
        device = read_device(r, item, f"devices[{i}]", areas)
        if device.id in devices:
            r.fail(f"devices[{i}] ({device.id})", f"duplicate device id {device.id!r}")
        devices[device.id] = device
    return devices


def read_device(r: Reader, item: Any, where: str, areas: list[Area]) -> SimulatedDevice:
    """One device entry."""
    if isinstance(item, Mapping) and isinstance(item.get("id"), str):
        where = f"{where} ({item['id']})"
    keys = ("id", "kind", "name"), ("aliases", "area", "state")
    data = r.mapping(item, where, *keys)
    device_id, kind = r.text(data["id"], where + ".id"), r.text(data["kind"], where + ".kind")
    if kind not in KINDS:
        r.fail(where, f"unknown kind {kind!r}; known kinds: {', '.join(KINDS)}")
    match = _ID.match(device_id)
    if match is None:
        r.fail(where, f"bad id {device_id!r}: expected '<kind>.<slug>' like '{kind}.kitchen'")
    if match.group(1) != kind:
        r.fail(where, f"id {device_id!r} must start with its kind: '{kind}.{match.group(2)}'")
    area = data.get("area")
    try:
        return SimulatedDevice(
            id=device_id,
            kind=kind,
            name=r.text(data["name"], where + ".name"),
            aliases=_aliases(r, data.get("aliases"), where + ".aliases"),
            area=None if area is None else area_name(r, areas, area, where + ".area"),
            initial=dict(r.mapping(_or_empty(data.get("state")), where + ".state")),
        )
    except ValueError as exc:
        r.fail(where + ".state", str(exc))


def _or_empty(value: Any) -> Any:
    return {} if value is None else value


def _aliases(r: Reader, value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (r.text(value, where),)
    items = r.items(value, where)
    if len(items) > MAX_ALIASES:
        r.fail(where, f"{len(items)} aliases, more than the limit of {MAX_ALIASES}")
    return tuple(r.text(v, f"{where}[{i}]") for i, v in enumerate(items))


def read_contacts(r: Reader, value: Any) -> list[Contact]:
    """The `contacts` section."""
    contacts: list[Contact] = []
    for i, item in enumerate(r.items(value, "contacts")):
        where = f"contacts[{i}]"
        data = r.mapping(item, where, required=("name",), optional=("phone",))
        contact = Contact(
            r.text(data["name"], where + ".name"),
            r.opt_text(data.get("phone"), where + ".phone") or "",
        )
        if any(c.name.casefold() == contact.name.casefold() for c in contacts):
            r.fail(where, f"contact {contact.name!r} is listed twice")
        contacts.append(contact)
    return contacts


def read_weather(r: Reader, value: Any) -> Weather | None:
    """The `weather` section (None when the world has no weather service)."""
    if value is None:
        return None
    data = r.mapping(value, "weather", required=("current",), optional=("forecast",))
    current = r.mapping(data["current"], "weather.current", required=("condition", "temperature"))
    forecast = [
        _forecast(r, f, f"weather.forecast[{i}]")
        for i, f in enumerate(r.items(data.get("forecast"), "weather.forecast"))
    ]
    return Weather(
        r.text(current["condition"], "weather.current.condition"),
        r.number(current["temperature"], "weather.current.temperature"),
        forecast,
    )


def _forecast(r: Reader, value: Any, where: str) -> Forecast:
    data = r.mapping(value, where, required=("day", "condition", "high", "low"))
    return Forecast(
        r.text(data["day"], where + ".day"),
        r.text(data["condition"], where + ".condition"),
        r.number(data["high"], where + ".high"),
        r.number(data["low"], where + ".low"),
    )


def read_wearable(r: Reader, value: Any) -> dict[str, float]:
    """The `wearable` section: sensor name -> number."""
    if value is None:
        return {}
    data = r.mapping(value, "wearable")
    return {key: r.number(v, f"wearable.{key}") for key, v in data.items()}


def read_lists(r: Reader, value: Any) -> dict[str, list[str]]:
    """The `lists` section: list name -> items."""
    if value is None:
        return {}
    data = r.mapping(value, "lists")
    return {
        r.text(name, "lists"): [
            r.text(item, f"lists.{name}[{i}]")
            for i, item in enumerate(r.items(items, f"lists.{name}"))
        ]
        for name, items in data.items()
    }


def read_scenes(r: Reader, value: Any, devices: Mapping[str, SimulatedDevice]) -> list[Scene]:
    """The `scenes` section; each setting is checked as a tool write would be."""
    scenes: list[Scene] = []
    for i, item in enumerate(r.items(value, "scenes")):
        where = f"scenes[{i}]"
        data = r.mapping(item, where, required=("name", "sets"))
        name = r.text(data["name"], where + ".name")
        sets = r.mapping(data["sets"], f"{where} ({name}).sets")
        scenes.append(
            Scene(
                name,
                {
                    d: _scene_set(r, devices, d, v, f"{where} ({name}).sets.{d}")
                    for d, v in sets.items()
                },
            )
        )
    return scenes


def _scene_set(
    r: Reader, devices: Mapping[str, SimulatedDevice], device_id: str, value: Any, where: str
) -> dict[str, Any]:
    device = devices.get(device_id)
    if device is None:
        r.fail(where, f"unknown device {device_id!r}")
    try:
        return check_write(device.kind, r.mapping(value, where))
    except ValueError as exc:
        r.fail(where, str(exc))


def read_media(r: Reader, value: Any) -> list[MediaItem]:
    """The `media_library` section."""
    media: list[MediaItem] = []
    for i, item in enumerate(r.items(value, "media_library")):
        where = f"media_library[{i}]"
        data = r.mapping(item, where, required=("title",), optional=("kind", "artist"))
        media.append(
            MediaItem(
                r.text(data["title"], where + ".title"),
                r.opt_text(data.get("kind"), where + ".kind") or "track",
                r.opt_text(data.get("artist"), where + ".artist"),
            )
        )
    return media
