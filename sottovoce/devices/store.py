"""The user's things that must outlive a turn, a restart, and other processes.

Timers, reminders, lists, notes, sent messages, placed calls and the workout live in
a `Store`. Tools mutate its plain fields; the agent `refresh()`es it before a turn
(taking in what other processes saved), takes a `checkpoint()` to `restore()` if a
turn fails, and `commit()`s after a good turn. A store opened with `open_sqlite`
saves each turn's changes, and only those, to a database that several processes
may share (`store_db.py`); an in-memory store (tests, eval) forgets everything
when dropped.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .errors import StoreError
from .store_db import StoreDB, damaged
from .store_records import BadRow, Call, Contents, Message, Reminder, Timer, Workout, decode, encode
from .store_sql import Rows

__all__ = ["Call", "Message", "Reminder", "Store", "Timer", "Workout"]

# last_id stays last: it is not a change of its own (ids come from the database).
_CONTENTS = (
    "timers", "reminders", "lists", "notes", "messages", "calls", "workout", "records", "last_id",
)  # fmt: skip


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
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # plugins' own, by plugin
    last_id: int = 0
    path: Path | None = field(default=None, compare=False)
    _db: StoreDB | None = field(default=None, init=False, repr=False, compare=False)
    _base: Rows | None = field(default=None, init=False, repr=False, compare=False)
    _generation: int = field(default=0, init=False, repr=False, compare=False)

    @classmethod
    def in_memory(cls) -> Store:
        """A store that lives only as long as the process."""
        return cls()

    @classmethod
    def open_sqlite(cls, path: Path) -> Store:
        """The store kept in the SQLite file `path` (created, with its folders, if absent).

        A place that cannot be written still opens: what it holds can be read, and
        `read_only` says why nothing can be saved.
        """
        path = Path(path)
        store = cls(path=path)
        store._db = StoreDB.open(path)
        store._load(*store._db.read())
        return store

    @property
    def read_only(self) -> str | None:
        """Why changes cannot be saved (a read-only place), or None."""
        return None if self._db is None else self._db.read_only

    def next_id(self) -> int:
        """A fresh id for a timer or a reminder (unique across processes sharing the file)."""
        if self._db is not None and self._db.read_only is None and self._base is not None:
            try:
                new = self._db.next_id()
            except StoreError:  # cannot be saved anyway: an id this process alone uses
                new = self.last_id + 1
            self._base["last_id"] = self.last_id = max(self.last_id, new)
            return self.last_id
        self.last_id += 1
        return self.last_id

    def checkpoint(self) -> object:
        """A copy of everything, for `restore` to roll back a failed turn."""
        return _Checkpoint(copy.deepcopy({name: getattr(self, name) for name in _CONTENTS}))

    def restore(self, checkpoint: object) -> None:
        """Put back what `checkpoint()` copied (the checkpoint stays reusable)."""
        if not isinstance(checkpoint, _Checkpoint):
            raise TypeError(f"not a store checkpoint: {checkpoint!r}")
        for name, value in copy.deepcopy(checkpoint.contents).items():
            if name != "last_id":  # an id handed out stays used
                setattr(self, name, value)

    def refresh(self) -> bool:
        """Take in what other processes saved, unless this one has unsaved changes.

        True if the contents are now what is stored.
        """
        if self._db is None or self._base is None:
            return True
        if self._changes():
            return False
        if self._db.generation() != self._generation:
            self._load(*self._db.read())
        return True

    def commit(self) -> None:
        """Save what changed since the last save, in one transaction (no-op in memory).

        StoreUnsaved (one line) if it cannot be saved: the disk is full, the place
        is read-only. The changes stay in memory, and the next commit tries again.
        """
        if self._db is None or self._base is None or not self._changes():
            return
        self._load(*self._db.apply(self._base, encode(self._contents())))

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """A read-modify-write that no other process sharing the store comes between.

        Inside, the contents are what is stored now; on leaving, what changed is
        saved (StoreUnsaved if it cannot be: the changes stay in memory and the next
        commit tries again). Used to take out what came due, so that one process
        announces it. In memory, read-only, or with unsaved changes it runs on
        what this process holds.
        """
        db = self._db
        if db is None or self._base is None or db.read_only or self._changes():
            yield
            return
        saved = None
        with db.transaction() as tx:
            if tx.generation() != self._generation:
                self._load(*tx.read())
            yield
            if self._changes():
                saved = tx.apply(self._base, encode(self._contents()))
        if saved is not None:  # only once the transaction committed
            self._load(*saved)

    def rows(self) -> dict[str, Any]:
        """The contents as plain rows: equal rows, equal contents."""
        return encode(self._contents())

    def discard(self) -> None:
        """Forget unsaved changes: back to what was last read or saved."""
        if self._base is not None:
            self._load(self._base, self._generation)

    def pop_due_timers(self, now: datetime) -> list[Timer]:
        """Remove and return the running timers that have ended by `now`, oldest first.

        Inside `exclusive()`, a timer shared with other processes is returned by one of them.
        """
        due = [
            t for t in self.timers if not t.paused and t.ends_at is not None and t.ends_at <= now
        ]
        self.timers = [t for t in self.timers if all(t.id != d.id for d in due)]
        return sorted(due, key=lambda t: (t.ends_at or now, t.id))

    def pop_due_reminders(self, now: datetime) -> list[Reminder]:
        """Remove and return the reminders due by `now`, oldest first."""
        due = [r for r in self.reminders if r.due <= now]
        self.reminders = [r for r in self.reminders if all(r.id != d.id for d in due)]
        return sorted(due, key=lambda r: (r.due, r.id))

    def seed_lists(self, lists: Mapping[str, list[str]]) -> None:
        """Add a world's initial lists, except those the store already holds."""
        for name, items in lists.items():
            if name not in self.lists:
                self.lists[name] = list(items)
        try:
            self.commit()  # saved now: unsaved changes would keep others' saves out of view
        except StoreError:
            pass  # a read-only place: the seeded lists live in memory

    def _changes(self) -> bool:
        ours = encode(self._contents())
        return any(ours[name] != (self._base or {}).get(name) for name in _CONTENTS[:-1])

    def _contents(self) -> Contents:
        return Contents(**{name: getattr(self, name) for name in _CONTENTS})

    def _load(self, rows: Rows, generation: int) -> None:
        try:
            contents = decode(rows)
        except (BadRow, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise damaged(self.path or Path("store"), exc) from None
        for name in _CONTENTS:
            setattr(self, name, getattr(contents, name))
        self._base, self._generation = copy.deepcopy(rows), generation
