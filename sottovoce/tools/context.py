"""The typed context injected as the first parameter of every tool (and due check).

It gives a tool the world (devices, clock), its plugin's own records,
where the user is speaking from, what "it" refers to, and the user's
confirmation. It is not part of a tool's schema: the language model never
sees it. Every attribute is stable API, documented for plugin authors in
docs/plugins.md ("What a tool gets").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sottovoce.devices import Device, World
from sottovoce.tools.errors import NeedsConfirmation
from sottovoce.tools.records import PluginRecords


@dataclass
class ToolContext:
    """What a tool may touch during one call."""

    world: World  # the home; a tool's view of its devices is guarded by its declared kinds
    area: str | None = None  # where the user is speaking from, None when unknown
    referent: tuple[str, ...] = ()  # the device ids "it"/"them" refers to
    confirmed: bool = False  # whether the user has said yes to this call
    touched: list[str] = field(default_factory=list)  # device ids acted on in this call
    plugin: str = ""  # the plugin whose tool (or due check) this is: `records` is its own

    @property
    def records(self) -> PluginRecords:
        """This plugin's own persistent records (JSON values by key), saved with the turn."""
        return PluginRecords(self.world.store, self.plugin)

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
