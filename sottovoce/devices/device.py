"""The Device protocol that tools act on, and the simulated device behind a world file.

A real backend (GPIO, a desktop integration) implements the same protocol, so tools
never know whether the light they switch is simulated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from .kinds import check_state, check_write


class Device(Protocol):
    """A thing in the home whose state tools read and write."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    area: str | None

    def state(self) -> dict[str, Any]:
        """A copy of the current state."""
        ...

    def set(self, **attrs: Any) -> None:
        """Write attributes (validated; ValueError if read-only or bad)."""
        ...


@dataclass
class SimulatedDevice:
    """A device that only exists in memory, as described by a world file."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    area: str | None = None
    initial: dict[str, Any] = field(default_factory=dict, repr=False)
    _state: dict[str, Any] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._state = check_state(self.kind, self.initial)

    def state(self) -> dict[str, Any]:
        """A copy of the current state."""
        return dict(self._state)

    def set(self, **attrs: Any) -> None:
        """Write attributes (validated; ValueError if read-only or bad)."""
        self._state.update(check_write(self.kind, attrs))

    def restore(self, state: dict[str, Any]) -> None:
        """Put back a state taken earlier with `state()` (read-only attributes included)."""
        self._state = check_state(self.kind, state)
