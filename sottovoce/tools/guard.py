"""Permissions enforced before the hardware is touched: a tool writes only the kinds it declared.

The executor hands a tool a view of the world whose devices refuse `set()` on
a device of a kind the tool did not declare, before the real device is
reached: a relay that has clicked cannot be rolled back. A tool that needs the
user's yes and has not got it is stopped the same way at its first `set()`
(it should have called `ctx.confirm` first): the guard asks instead. Reading any device's
state stays allowed. Everything else in the world (store, clock, areas) is
the real thing; checkpoints and rollback use the real world, never this view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sottovoce.devices import Device, World
from sottovoce.tools.errors import NeedsConfirmation, ToolError

REFUSAL = "Sorry, I'm not allowed to do that."


class NotPermitted(ToolError):
    """A tool tried to change a device of a kind it did not declare; spoken as a refusal."""

    def __init__(self, problem: str) -> None:
        super().__init__(REFUSAL)
        self.problem = problem


@dataclass
class Guard:
    """The kinds one tool call may write, and the writes it was refused."""

    tool: str
    kinds: Sequence[str]
    refused: list[str] = field(default_factory=list)
    ask_first: str | None = None  # the question to ask at a write not yet confirmed
    asked: str | None = None  # set when a write was stopped to ask `ask_first`

    def view(self, world: World) -> World:
        """The world as the tool sees it: the same world, its devices behind the guard."""
        devices: dict[str, Device] = {
            device_id: GuardedDevice.around(device, self)
            for device_id, device in world.devices.items()
        }
        return replace(world, devices=devices)

    def check(self, device: Device) -> None:
        """Raise NotPermitted (and remember it) unless the tool declared the device's kind.

        Raise NeedsConfirmation (and remember it) if the write needs a yes not given.
        """
        if device.kind in self.kinds:
            if self.ask_first is not None:
                self.asked = self.ask_first
                raise NeedsConfirmation(self.ask_first)
            return
        problem = f"{self.tool} tried to change {device.id}, a {device.kind} it did not declare"
        self.refused.append(problem)
        raise NotPermitted(problem)


@dataclass(eq=False)
class GuardedDevice:
    """A device as a tool sees it: state readable, `set` only for declared kinds."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    area: str | None
    _device: Device = field(repr=False)
    _guard: Guard = field(repr=False)

    @classmethod
    def around(cls, device: Device, guard: Guard) -> GuardedDevice:
        """Wrap `device` for the tool whose permissions `guard` holds."""
        return cls(device.id, device.kind, device.name, device.aliases, device.area, device, guard)

    def state(self) -> dict[str, Any]:
        """A copy of the device's current state (always allowed)."""
        return self._device.state()

    def set(self, **attrs: Any) -> None:
        """Write attributes, after checking the tool may act on this kind of device."""
        self._guard.check(self)
        self._device.set(**attrs)
