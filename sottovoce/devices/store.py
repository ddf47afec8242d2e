"""The user's things that must outlive a turn and a restart.

Timers, reminders, lists, notes, sent messages, placed calls and the workout live in
a `Store`. Tools mutate its plain fields; the agent takes a `checkpoint()` before a
turn, `restore()`s it if the turn fails, and `commit()`s after a good turn. A store
opened with `Store.open_sqlite` writes itself to disk on commit; an in-memory store
(tests, eval) forgets everything when dropped.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from . import sqlite_file


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


@dataclass(frozen=True)
class _Checkpoint:
    """An opaque deep copy of a store's contents."""

    contents: dict[str, Any]


@dataclass
class Store:
    """The user's timers, reminders, lists, notes, messages, calls and workout."""

    timers: list[Timer] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    workout: Workout = field(default_factory=Workout)
    last_id: int = 0
    path: Path | None = field(default=None, compare=False)

    @classmethod
    def in_memory(cls) -> Store:
        """A store that lives only as long as the process."""
        return cls()

    @classmethod
    def open_sqlite(cls, path: Path) -> Store:
        """The store kept in the SQLite file `path` (created, with its folders, if absent)."""
        path = Path(path)
        data = sqlite_file.load(path)
        store = cls() if data is None else _decode(data, path)
        store.path = path
        if data is None:
            store.commit()  # fail now, not after the first turn, if the place is unwritable
        return store

    def next_id(self) -> int:
        """A fresh id for a timer or a reminder."""
        self.last_id += 1
        return self.last_id

    def checkpoint(self) -> object:
        """A copy of everything, for `restore` to roll back a failed turn."""
        return _Checkpoint(copy.deepcopy(self._contents()))

    def restore(self, checkpoint: object) -> None:
        """Put back what `checkpoint()` copied (the checkpoint stays reusable)."""
        if not isinstance(checkpoint, _Checkpoint):
            raise TypeError(f"not a store checkpoint: {checkpoint!r}")
        for name, value in copy.deepcopy(checkpoint.contents).items():
            setattr(self, name, value)

    def commit(self) -> None:
        """Persist the current contents in one transaction (no-op in memory)."""
        if self.path is not None:
            sqlite_file.save(self.path, _encode(self))

    def pop_due_timers(self, now: datetime) -> list[Timer]:
        """Remove and return the running timers that have ended by `now`, oldest first."""
        due = [
            t for t in self.timers if not t.paused and t.ends_at is not None and t.ends_at <= now
        ]
        self.timers = [t for t in self.timers if not any(t is d for d in due)]
        return sorted(due, key=lambda t: (t.ends_at or now, t.id))

    def pop_due_reminders(self, now: datetime) -> list[Reminder]:
        """Remove and return the reminders due by `now`, oldest first."""
        due = [r for r in self.reminders if r.due <= now]
        self.reminders = [r for r in self.reminders if not any(r is d for d in due)]
        return sorted(due, key=lambda r: (r.due, r.id))

    def seed_lists(self, lists: Mapping[str, list[str]]) -> None:
        """Add a world's initial lists, except those the store already holds."""
        for name, items in lists.items():
            if name not in self.lists:
                self.lists[name] = list(items)

    def _contents(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "path"}


def _when(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _iso(when: datetime | None) -> str | None:
    return None if when is None else when.isoformat()


def _encode(store: Store) -> dict[str, Any]:
    """The store as JSON-ready sections."""
    return {
        "timers": [{**vars(t), "ends_at": _iso(t.ends_at)} for t in store.timers],
        "reminders": [{**vars(r), "due": _iso(r.due)} for r in store.reminders],
        "lists": store.lists,
        "notes": store.notes,
        "messages": [vars(m) for m in store.messages],
        "calls": [vars(c) for c in store.calls],
        "workout": {**vars(store.workout), "started": _iso(store.workout.started)},
        "last_id": store.last_id,
    }


def _decode(data: Mapping[str, Any], path: Path) -> Store:
    """A store from the sections `_encode` wrote; StoreError if they are damaged."""
    try:
        workout = data.get("workout") or {}
        return Store(
            timers=[Timer(**{**t, "ends_at": _when(t["ends_at"])}) for t in data.get("timers", [])],
            reminders=[
                Reminder(**{**r, "due": _when(r["due"])}) for r in data.get("reminders", [])
            ],
            lists={str(k): [str(i) for i in v] for k, v in data.get("lists", {}).items()},
            notes=[str(n) for n in data.get("notes", [])],
            messages=[Message(**m) for m in data.get("messages", [])],
            calls=[Call(**c) for c in data.get("calls", [])],
            workout=Workout(**{**workout, "started": _when(workout.get("started"))}),
            last_id=int(data.get("last_id", 0)),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise sqlite_file.damaged(path, exc) from None
