"""Clocks: the world's idea of "now", real or virtual.

All times are naive datetimes in the world's local time, so that timers, reminders
and spoken times ("at eight") need no timezone arithmetic downstream.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    """Something that tells the world's local time."""

    def now(self) -> datetime:
        """The current local time, naive."""
        ...


class VirtualClock:
    """A clock that only moves when told to (tests, eval, the demo)."""

    def __init__(self, start: datetime) -> None:
        self._now = start.replace(tzinfo=None)

    def now(self) -> datetime:
        """The current virtual time."""
        return self._now

    def advance(self, seconds: float) -> None:
        """Move the clock forward by `seconds` (never backwards)."""
        if seconds < 0:
            raise ValueError(f"a clock cannot go back in time (advance {seconds})")
        self._now += timedelta(seconds=seconds)


class RealClock:
    """The wall clock, in the given IANA timezone (default: the system's)."""

    def __init__(self, timezone: str | None = None) -> None:
        self._zone = ZoneInfo(timezone) if timezone else None

    def now(self) -> datetime:
        """The current local time, naive, whole seconds."""
        if self._zone is None:
            current = datetime.now()
        else:
            current = datetime.now(self._zone).replace(tzinfo=None)
        return current.replace(microsecond=0)
