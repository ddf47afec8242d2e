"""Attaching the real devices of the user's config file (`[devices.*]`) to a loaded world.

Used by `chat` and `run`, which act on the user's home; `eval` and `demo`
keep to simulated worlds.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any

from sottovoce.config import load_config
from sottovoce.devices import World


def attach_configured(world: World, stack: ExitStack, tables: dict[str, Any] | None = None) -> None:
    """Put the config file's real devices in place of the world's simulated ones."""
    from sottovoce.devices.backends import BackendError, attach_backends

    tables = load_config() if tables is None else tables
    table = tables.get("devices", {})
    if not isinstance(table, dict):
        raise BackendError("[devices] in the config file must be a table of device ids")
    attached = attach_backends(world, table, stack)
    if attached:
        print(f"sottovoce: real devices: {', '.join(attached)}", file=sys.stderr)


def announcement_hooks(tables: dict[str, Any] | None = None) -> Callable[[str], None] | None:
    """What to do with each timer or reminder announcement besides saying it, or None.

    With `[desktop] notify = true` in the config file, that is a desktop
    notification (`Agent(..., on_announce=announcement_hooks())`).
    """
    tables = load_config() if tables is None else tables
    if "desktop" not in tables:
        return None
    from sottovoce.devices.backends.desktop import notifier_from_config

    notifier = notifier_from_config(tables["desktop"])
    return None if notifier is None else notifier.notify
