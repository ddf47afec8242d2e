"""The simulated world: devices, the user's store, a clock, and the records around them.

`load_world` reads a world file (SPEC.md section 1); `World.snapshot` gives the state
that eval and tests compare (SPEC.md section 2). Top-level keys starting with `x-`
are ignored, so that other tools can keep their own data in a world file; any other
unknown key is an error, because it is most likely a typo.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from sottovoce.models.limits import MAX_WORLD_FILE_BYTES, MAX_WORLD_TEXT_CHARS

from . import worldfile as wf
from .clock import Clock, RealClock, VirtualClock
from .device import Device, SimulatedDevice
from .kinds import KINDS
from .records import Area, Contact, Location, MediaItem, Scene, Weather, find_area
from .store import Store
from .yamlfile import load_yaml, read_limited

log = logging.getLogger(__name__)
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{2,4})?")

TOP_LEVEL_KEYS = (
    "name",
    "language",
    "location",
    "clock",
    "areas",
    "listener",
    "devices",
    "contacts",
    "weather",
    "wearable",
    "lists",
    "scenes",
    "media_library",
)


@dataclass
class World:
    """Everything the agent acts on and reads from, loaded from one world file."""

    name: str
    location: Location
    clock: Clock
    areas: list[Area]
    listener_area: str | None
    devices: dict[str, Device]
    contacts: list[Contact]
    weather: Weather | None
    wearable: dict[str, float]
    scenes: list[Scene]
    media_library: list[MediaItem]
    store: Store
    source: str
    language: str = "en"  # the household's language (SPEC: optional, default en)
    lists: dict[str, list[str]] = field(default_factory=dict)  # the world file's, to start with
    # What the plugins attached to this world (Registry.attach) show of their records:
    # snapshot sections by name, and the slot values (names a user may say) they hold.
    sections: dict[str, Callable[[World], Any]] = field(default_factory=dict)
    name_sources: list[tuple[str, Callable[[World], Iterable[str]]]] = field(default_factory=list)

    def snapshot(self) -> dict[str, Any]:
        """The world's state in the shape of SPEC.md section 2 (fresh, JSON-ready).

        Besides the devices, each section comes from a plugin attached to the world
        (`Registry.attach`): the built-ins give timers, lists, reminders, messages,
        calls, workout and notes.
        """
        devices = {device_id: d.state() for device_id, d in self.devices.items()}
        return {"devices": devices} | {name: show(self) for name, show in self.sections.items()}

    def record_names(self, slot: str | None = None) -> list[str]:
        """Names the plugins' records hold for `slot` ("list_name"), or for every slot."""
        names = (n for s, source in self.name_sources if slot in (None, s) for n in source(self))
        return list(dict.fromkeys(str(name) for name in names))

    def checkpoint(self) -> object:
        """A copy of device states and the store, for `restore` after a failed turn."""
        return _WorldCheckpoint(
            {device_id: d.state() for device_id, d in self.devices.items()},
            self.store.checkpoint(),
        )

    def restore(self, checkpoint: object) -> None:
        """Put back the device states and store that `checkpoint()` copied."""
        if not isinstance(checkpoint, _WorldCheckpoint):
            raise TypeError(f"not a world checkpoint: {checkpoint!r}")
        for device_id, state in checkpoint.devices.items():
            device = self.devices.get(device_id)
            if isinstance(device, SimulatedDevice):
                device.restore(state)
            elif device is not None:
                _restore_writable(device, state)
        self.store.restore(checkpoint.store)

    def area(self, name: str) -> Area | None:
        """The area called `name` (case-insensitive), or None."""
        return find_area(self.areas, name)

    def floors(self) -> list[str]:
        """The distinct floors named by areas, in file order."""
        return list(dict.fromkeys(a.floor for a in self.areas if a.floor is not None))

    def floor_words(self) -> dict[str, list[str]]:
        """What each spoken floor means: the floors themselves, and "upstairs"/"downstairs".

        In a house whose floors are "ground floor", "first floor" and "second
        floor", "upstairs" is every floor above the ground one and "downstairs"
        the ground floor (the one so called or called "main", else the first listed
        that is no basement; a basement is neither).
        """
        floors = self.floors()
        words = {floor: [floor] for floor in floors}
        # A basement is below the ground floor: neither "downstairs" nor "upstairs".
        above = [f for f in floors if not _BELOW.search(f.lower())] or floors
        if len(above) >= 2:
            named = [f for f in above if _GROUND.search(f.lower())]
            ground = named[0] if named else above[0]
            words.setdefault("downstairs", [ground])
            words.setdefault("upstairs", [f for f in above if f != ground])
        return words


# Floors below the ground, and names of the ground floor ("main floor"; in a house with
# no "ground floor", the American "first floor").
_BELOW = re.compile(r"\b(basement|cellar|lower level|lower ground)\b")
_GROUND = re.compile(r"\b(ground|downstairs|main|entry)\b")


@dataclass(frozen=True)
class _WorldCheckpoint:
    """Device states and a store checkpoint."""

    devices: dict[str, dict[str, Any]]
    store: object


def _restore_writable(device: Device, state: dict[str, Any]) -> None:
    # A real device is put back through its writable attributes, and only those
    # that changed: a rollback after "Which light?" must not click every relay.
    spec = KINDS[device.kind]
    try:
        now = device.state()
        changed = {k: v for k, v in state.items() if not spec.attrs[k].readonly and now.get(k) != v}
        if changed:
            device.set(**changed)
    except Exception as exc:  # hardware may fail; the rest of the world is still put back
        log.warning(
            "could not put %s back: %s",
            device.id,
            str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
        )


def default_world_path() -> Path:
    """The world file shipped with the package (the demo home)."""
    return Path(str(files("sottovoce").joinpath("data").joinpath("default_world.yaml")))


def load_world(
    path: str | Path,
    *,
    clock: Clock | None = None,
    store: Store | None = None,
    virtual: bool = False,
) -> World:
    """Read the world file at `path`; WorldError (one line) if it is missing or malformed."""
    source = str(path)
    data = read_world_data(Path(path))
    return parse_world(data, source, clock=clock, store=store, virtual=virtual)


def read_world_data(path: Path) -> Any:
    """The parsed YAML of the world file at `path`, within the limits of docs/limits.md."""
    text = read_limited(path, MAX_WORLD_FILE_BYTES, "world file")
    return load_yaml(text, str(path), max_text_chars=MAX_WORLD_TEXT_CHARS)


def parse_world(
    data: Any,
    source: str,
    *,
    clock: Clock | None = None,
    store: Store | None = None,
    virtual: bool = False,
) -> World:
    """A world from already-parsed YAML data; `source` names it in error messages."""
    r = wf.Reader(source)
    if data is None:
        r.fail("", "the world file is empty")
    data = r.mapping(data, "top level", optional=TOP_LEVEL_KEYS)
    location = wf.read_location(r, data.get("location"))
    areas = wf.read_areas(r, data.get("areas"))
    devices = wf.read_devices(r, data.get("devices"), areas)
    world = World(
        name=r.text(data.get("name") or Path(source).stem, "name"),
        location=location,
        clock=clock or _make_clock(r, data.get("clock"), location.timezone, virtual),
        areas=areas,
        listener_area=wf.read_listener(r, data.get("listener"), areas),
        devices=dict(devices),
        contacts=wf.read_contacts(r, data.get("contacts")),
        weather=wf.read_weather(r, data.get("weather")),
        wearable=wf.read_wearable(r, data.get("wearable")),
        scenes=wf.read_scenes(r, data.get("scenes"), devices),
        media_library=wf.read_media(r, data.get("media_library")),
        store=Store.in_memory() if store is None else store,
        source=source,
        language=_language(r, data.get("language")),
    )
    world.lists = wf.read_lists(r, data.get("lists"))  # the lists plugin's setup adds them
    return world


def _language(r: wf.Reader, value: Any) -> str:
    """The `language` key: a language code such as en, de or pt-BR (default en)."""
    if value is None:
        return "en"
    code = r.text(value, "language")
    if not _LANGUAGE.fullmatch(code):
        r.fail("language", f"{code!r} is not a language code (for example en, de, fr, pt-BR)")
    return code


def _make_clock(r: wf.Reader, value: Any, timezone: str | None, virtual: bool) -> Clock:
    start = wf.read_clock(r, value, timezone)
    if start is not None:
        return VirtualClock(start)
    if virtual:
        return VirtualClock(RealClock(timezone).now())
    return RealClock(timezone)
