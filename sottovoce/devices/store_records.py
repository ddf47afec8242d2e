"""The records a `Store` holds (timers, reminders, messages, calls, the workout), and
their conversion to and from the plain rows the database keeps.

Rows come from a file other programs (or a careless hand) may have written, so
`decode` checks every value's type and says which record is wrong in one line.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any


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


@dataclass
class Reminder:
    """Something to say at a given local time."""

    id: int
    text: str
    due: datetime


@dataclass
class Message:
    """A message sent (after the user confirmed)."""

    to: str
    text: str


@dataclass
class Call:
    """A call placed (after the user confirmed)."""

    to: str


@dataclass
class Workout:
    """The current workout, if any."""

    active: bool = False
    kind: str | None = None
    started: datetime | None = None


class BadRow(ValueError):
    """A stored value of the wrong type or shape: the message names the record."""


@dataclass
class Contents:
    """Everything a store holds, as records."""

    timers: list[Timer]
    reminders: list[Reminder]
    lists: dict[str, list[str]]
    notes: list[str]
    messages: list[Message]
    calls: list[Call]
    workout: Workout
    records: dict[str, dict[str, Any]]  # a plugin's own records: plugin -> key -> JSON value
    last_id: int


def encode(c: Contents) -> dict[str, Any]:
    """The contents as plain rows (see `store_db.Rows`)."""
    return {
        "timers": {
            t.id: {
                "label": t.label,
                "duration_s": t.duration_s,
                "ends_at": _iso(t.ends_at),
                "remaining_s": t.remaining_s,
                "paused": bool(t.paused),
            }
            for t in c.timers
        },  # fmt: skip
        "reminders": {r.id: {"text": r.text, "due": _iso(r.due)} for r in c.reminders},
        "lists": {name: list(items) for name, items in c.lists.items()},
        "notes": list(c.notes),
        "messages": [[m.to, m.text] for m in c.messages],
        "calls": [call.to for call in c.calls],
        "workout": {
            "active": c.workout.active,
            "kind": c.workout.kind,
            "started": _iso(c.workout.started),
        },  # fmt: skip
        "records": copy.deepcopy(c.records),
        "last_id": c.last_id,
    }


def decode(rows: dict[str, Any]) -> Contents:
    """Records from plain rows; BadRow naming the record if a value is wrong."""
    timers = [_timer(i, row) for i, row in rows["timers"].items()]
    reminders = [_reminder(i, row) for i, row in rows["reminders"].items()]
    lists = {
        _text(name, "a list's name"): [_text(item, f"an item of list {name!r}") for item in items]
        for name, items in rows["lists"].items()
    }
    workout = rows["workout"]
    if not isinstance(workout, dict):
        raise BadRow(f"the workout is {workout!r}, not a record")
    return Contents(
        timers=sorted(timers, key=lambda t: t.id),
        reminders=reminders,
        lists=lists,
        notes=[_text(note, "a note") for note in rows["notes"]],
        messages=[
            Message(_text(to, "a message's recipient"), _text(text, "a message"))
            for to, text in rows["messages"]
        ],  # fmt: skip
        calls=[Call(_text(to, "a call's recipient")) for to in rows["calls"]],
        workout=Workout(
            active=_flag(workout.get("active", False), "the workout"),
            kind=_maybe_text(workout.get("kind"), "the workout's kind"),
            started=_maybe_naive(workout.get("started"), "the workout's start"),
        ),
        records=_records(rows.get("records", {})),
        last_id=_id(rows["last_id"], "last id"),
    )


def _records(rows: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(rows, dict) or not all(isinstance(v, dict) for v in rows.values()):
        raise BadRow(f"the plugins' records are {rows!r}, not records by plugin")
    return {
        _text(plugin, "a plugin's name"): {_text(k, f"a key of {plugin}'s records"): v
                                           for k, v in keyed.items()}
        for plugin, keyed in rows.items()
    }  # fmt: skip


def _timer(i: Any, row: dict[str, Any]) -> Timer:
    what = f"timer {i}"
    duration = _number(row["duration_s"], what)
    return Timer(
        id=_id(i, "timer"),
        label=_maybe_text(row["label"], f"{what}'s label"),
        duration_s=int(duration),
        ends_at=_maybe_naive(row["ends_at"], f"{what}'s end"),
        remaining_s=_number(row["remaining_s"], what),
        paused=_flag(row["paused"], what),
    )


def _reminder(i: Any, row: dict[str, Any]) -> Reminder:
    what = f"reminder {i}"
    return Reminder(_id(i, "reminder"), _text(row["text"], what), _naive(row["due"], what))


def _id(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BadRow(f"{what} has the id {value!r}, not a whole number")
    return value


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 1e9:
        raise BadRow(f"{what} holds {value!r} where a number of seconds belongs")
    return float(value)


def _flag(value: Any, what: str) -> bool:
    if value not in (0, 1, True, False):
        raise BadRow(f"{what} holds {value!r} where yes or no belongs")
    return bool(value)


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise BadRow(f"{what} is {value!r}, not text")
    return value


def _maybe_text(value: Any, what: str) -> str | None:
    return None if value is None else _text(value, what)


def _naive(value: Any, what: str) -> datetime:
    try:
        when = datetime.fromisoformat(_text(value, what))
    except ValueError:
        raise BadRow(f"{what} is {value!r}, not a date and time") from None
    if when.tzinfo is not None:
        # The store keeps the home's local wall-clock time; an offset means another writer.
        raise BadRow(f"{what} is {value!r}, with a timezone offset the store does not use")
    return when


def _maybe_naive(value: Any, what: str) -> datetime | None:
    return None if value is None else _naive(value, what)


def _iso(when: datetime | None) -> str | None:
    return None if when is None else when.isoformat()
