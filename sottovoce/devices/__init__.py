"""Device protocol and backends (simulated world, clock, persistent store). Imports nothing above."""  # noqa: E501

from .clock import Clock, RealClock, VirtualClock
from .device import Device, SimulatedDevice
from .errors import StoreError, StoreUnsaved, WorldError
from .kinds import KINDS, AttrSpec, KindSpec, check_state, check_write, default_state
from .records import Area, Contact, Forecast, Location, MediaItem, Scene, Weather
from .store import Store
from .world import World, default_world_path, load_world, parse_world, read_world_data
from .yamlfile import load_yaml

__all__ = [
    "KINDS",
    "Area",
    "AttrSpec",
    "Clock",
    "Contact",
    "Device",
    "Forecast",
    "KindSpec",
    "Location",
    "MediaItem",
    "RealClock",
    "Scene",
    "SimulatedDevice",
    "Store",
    "StoreError",
    "StoreUnsaved",
    "VirtualClock",
    "Weather",
    "World",
    "WorldError",
    "check_state",
    "check_write",
    "default_state",
    "default_world_path",
    "load_world",
    "load_yaml",
    "parse_world",
    "read_world_data",
]
