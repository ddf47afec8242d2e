"""Timers as the timers plugin keeps them: one record per timer in `ctx.records`.

Layout (fixed: the store's migration writes old stores into it): key str(id) ->
{"label": str|None, "duration_s": int, "ends_at": ISO local time|None,
"remaining_s": float, "paused": bool}. Records may come from a file another
program or a careless hand wrote, so a record of the wrong shape is skipped
with a warning, never a crash (the due check runs a few times a second).
The decoding helpers here serve the reminders' records too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

log = logging.getLogger(__name__)

Records = MutableMapping[str, Any]
T = TypeVar("T")

# Bad records already warned about: the due check reads them 4 times a second,
# and one warning per record (and per shape it takes) is enough.
_warned: set[tuple[str, str, str]] = set()


class BadRecord(ValueError):
    """A record of the wrong shape: the message says what is wrong."""


@dataclass
class Timer:
    """A countdown. Running: `ends_at` is set. Paused: `ends_at` is None, `remaining_s` is left."""

    id: int
    label: str | None
    duration_s: int
    ends_at: datetime | None
    remaining_s: float
    paused: bool = False

    @classmethod
    def start(cls, id: int, duration_s: int, now: datetime, label: str | None = None) -> Timer:
        """A timer of `duration_s` seconds that starts running at `now`."""
        ends_at = now + timedelta(seconds=duration_s)
        return cls(id, label, duration_s, ends_at, float(duration_s), False)

    def remaining(self, now: datetime) -> float:
        """Seconds left at `now` (never negative)."""
        if self.paused or self.ends_at is None:
            return max(0.0, self.remaining_s)
        return max(0.0, (self.ends_at - now).total_seconds())

    def pause(self, now: datetime) -> None:
        """Stop the countdown, keeping what is left."""
        self.remaining_s = self.remaining(now)
        self.ends_at = None
        self.paused = True

    def resume(self, now: datetime) -> None:
        """Restart the countdown from what was left."""
        self.ends_at = now + timedelta(seconds=self.remaining(now))
        self.paused = False


def encode_timer(timer: Timer) -> dict[str, Any]:
    """The timer's record."""
    return {
        "label": timer.label,
        "duration_s": timer.duration_s,
        "ends_at": None if timer.ends_at is None else timer.ends_at.isoformat(),
        "remaining_s": timer.remaining_s,
        "paused": timer.paused,
    }


def decode_timer(key: str, value: Any) -> Timer:
    """The timer a record holds; BadRecord if it is not one."""
    row = record_map(value)
    label = row.get("label")
    if label is not None and not isinstance(label, str):
        raise BadRecord(f"its label is {label!r}, not text")
    paused = row.get("paused", False)
    if not isinstance(paused, bool):
        raise BadRecord(f"its paused flag is {paused!r}, not true or false")
    ends_at = row.get("ends_at")
    return Timer(
        id=record_id(key),
        label=label,
        duration_s=int(seconds(row.get("duration_s"), "duration_s")),
        ends_at=None if ends_at is None else local_time(ends_at, "ends_at"),
        remaining_s=seconds(row.get("remaining_s"), "remaining_s"),
        paused=paused,
    )


def load_timers(records: Records) -> list[Timer]:
    """Every well-formed timer, by id."""
    return load_all(records, "timers", decode_timer)


def save_timer(records: Records, timer: Timer) -> None:
    """Store the timer (new or changed) under its id."""
    records[str(timer.id)] = encode_timer(timer)


def delete_timer(records: Records, timer: Timer) -> None:
    """Take the timer out (nothing happens if it is already gone)."""
    records.pop(str(timer.id), None)


def load_all(records: Records, plugin: str, decode: Callable[[str, Any], T]) -> list[T]:
    """Every record `decode` accepts, by numeric key; the others skipped with a warning."""
    found: list[tuple[int, T]] = []
    for key in records:
        value = records.get(key)
        try:
            found.append((record_id(key), decode(key, value)))
        except BadRecord as exc:
            _warn(plugin, key, str(exc))
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _warn(plugin: str, key: str, problem: str) -> None:
    if (plugin, key, problem) in _warned:
        return
    _warned.add((plugin, key, problem))
    log.warning("plugin %s: record %r skipped: %s", plugin, key, problem)


def record_map(value: Any) -> dict[str, Any]:
    """The record as a map; BadRecord if it is something else."""
    if not isinstance(value, dict):
        raise BadRecord(f"it is {value!r}, not a map")
    return value


def record_id(key: str) -> int:
    """The id a key spells ("12" -> 12); BadRecord for any other key."""
    if not (key.isascii() and key.isdigit()) or key != str(int(key)):
        raise BadRecord("its key is not an id")
    return int(key)


def seconds(value: Any, name: str) -> float:
    """A number of seconds; BadRecord for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1e9:
        raise BadRecord(f"its {name} is {value!r}, not a number of seconds")
    return float(value)


def local_time(value: Any, name: str) -> datetime:
    """A naive local date and time from ISO text; BadRecord for anything else."""
    if not isinstance(value, str):
        raise BadRecord(f"its {name} is {value!r}, not a date and time")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise BadRecord(f"its {name} is {value!r}, not a date and time") from None
    if when.tzinfo is not None:
        # The home's wall-clock time is kept; an offset means another writer's idea of time.
        raise BadRecord(f"its {name} is {value!r}, with a timezone offset")
    return when
