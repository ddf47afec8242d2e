"""The typed context injected as the first parameter of every tool.

It gives a tool the world (devices, clock, store), where the user is
speaking from, what "it" refers to, and the user's confirmation. It is not
part of a tool's schema: the language model never sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sottovoce.devices import Device, Store, World
from sottovoce.tools.errors import NeedsConfirmation
from sottovoce.tools.records import PluginRecords


@dataclass
class ToolContext:
    """What a tool may touch during one call."""

    world: World
    area: str | None = None
    referent: tuple[str, ...] = ()
    confirmed: bool = False
    touched: list[str] = field(default_factory=list)
    plugin: str = ""  # the plugin whose tool (or due check) this is: `records` is its own

    @property
    def records(self) -> PluginRecords:
        """This plugin's own persistent records (JSON values by key), saved with the turn."""
        return PluginRecords(self.world.store, self.plugin)

    @property
    def store(self) -> Store:
        """The user's persistent things: timers, reminders, lists, notes, messages."""
        return self.world.store

    def now(self) -> datetime:
        """The world's current local time."""
        return self.world.clock.now()

    def confirm(self, prompt: str) -> None:
        """Stop here and ask `prompt` unless the user has already said yes."""
        if not self.confirmed:
            raise NeedsConfirmation(prompt)

    def touch(self, devices: list[Device]) -> None:
        """Record the devices acted on, so that a later "it" can refer to them."""
        for device in devices:
            if device.id not in self.touched:
                self.touched.append(device.id)
