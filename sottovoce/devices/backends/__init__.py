"""Real device backends, mapped onto world device ids by the user's config file.

The world file says what is in the home (ids, kinds, names, areas); the
config file's `[devices.<id>]` tables say which of those devices are real
and how to reach them:

    [devices.porch_light]
    backend = "gpio"        # a backend named in BACKENDS
    ...                     # the backend's own options

A backend replaces the world's simulated device with one that implements the
same `Device` protocol (same id, kind, name, aliases, area), so tools never
know the difference. Backends are imported only when a config uses them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from typing import Any, Protocol

from sottovoce.devices.device import Device
from sottovoce.devices.world import World

# backend name -> "module:function" making a real device (imported on use).
BACKENDS: Mapping[str, str] = {
    "gpio": "sottovoce.devices.backends.gpio:make_device",
    "desktop": "sottovoce.devices.backends.desktop:make_device",
}


class BackendError(Exception):
    """A device backend that cannot be set up or reached: one line, naming device and cause."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


class DeviceFactory(Protocol):
    """Makes the real device standing in for `like` (a world device) from its config options."""

    def __call__(self, like: Device, options: Mapping[str, Any]) -> Device: ...


def take_identity(real: Any, like: Device) -> None:
    """Give a real device the world device's id, kind, name, aliases and area."""
    real.id, real.kind, real.name = like.id, like.kind, like.name
    real.aliases, real.area = like.aliases, like.area


def factory(backend: str) -> DeviceFactory:
    """The factory of a backend by name; BackendError names the known ones."""
    target = BACKENDS.get(backend)
    if target is None:
        known = ", ".join(sorted(BACKENDS))
        raise BackendError(f"unknown device backend {backend!r}; known backends: {known}")
    module_name, _, attribute = target.partition(":")
    made: DeviceFactory = getattr(importlib.import_module(module_name), attribute)
    return made


def attach_backends(world: World, table: Mapping[str, Any], stack: ExitStack) -> list[str]:
    """Replace the configured world devices by real ones; returns their ids.

    Each real device with a `close()` is closed when `stack` closes. Raises
    BackendError for a config entry that names no device of the world, an
    unknown backend, or a backend that cannot reach its hardware.
    """
    attached = []
    for device_id, options in table.items():
        if not isinstance(options, Mapping):
            raise BackendError(f"config [devices.{device_id}] must be a table")
        like = world.devices.get(device_id)
        if like is None:
            known = ", ".join(sorted(world.devices)) or "none"
            raise BackendError(
                f"config [devices.{device_id}]: the world {world.name!r} has no device "
                f"{device_id!r}{_quoting_hint(device_id, options)} (its devices: {known})"
            )
        backend = options.get("backend")
        if not isinstance(backend, str):
            raise BackendError(f'config [devices.{device_id}] needs backend = "gpio" or "desktop"')
        real = factory(backend)(like, {k: v for k, v in options.items() if k != "backend"})
        close: Callable[[], None] | None = getattr(real, "close", None)
        if close is not None:
            stack.callback(close)
        world.devices[device_id] = real
        attached.append(device_id)
    return attached


def _quoting_hint(device_id: str, options: Mapping[str, Any]) -> str:
    # TOML reads [devices.light.desk] as tables nested in "light": world ids need quotes.
    inner = next(iter(options), "")
    if "backend" in options or not isinstance(options.get(inner), Mapping):
        return ""
    return f'; a world id with a dot needs quotes: [devices."{device_id}.{inner}"]'
