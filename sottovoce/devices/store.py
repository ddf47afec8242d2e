"""The user's things that must outlive a turn, a restart, and other processes.

A `Store` holds every plugin's records (JSON values by plugin and key: the
timers plugin's timers, the lists plugin's lists, a third-party plugin's
orders); tools reach their own through `ctx.records`. The store knows no
plugin. The agent `refresh()`es it before a turn
(taking in what other processes saved), takes a `checkpoint()` to `restore()` if a
turn fails, and `commit()`s after a good turn. A store opened with `open_sqlite`
saves each turn's changes, and only those, to a database that several processes
may share (`store_db.py`); an in-memory store (tests, eval) forgets everything
when dropped.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import StoreError
from .store_db import StoreDB, damaged
from .store_sql import Rows

__all__ = ["Store"]


@dataclass(frozen=True)
class _Checkpoint:
    """An opaque deep copy of a store's contents."""

    contents: dict[str, Any]


@dataclass
class Store:
    """Every plugin's records: JSON values by plugin and key."""

    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # plugin -> key -> value
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
        """A fresh whole number (unique across processes sharing the file)."""
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
        return _Checkpoint(copy.deepcopy({"records": self.records}))

    def restore(self, checkpoint: object) -> None:
        """Put back what `checkpoint()` copied (the checkpoint stays reusable)."""
        if not isinstance(checkpoint, _Checkpoint):
            raise TypeError(f"not a store checkpoint: {checkpoint!r}")
        # The ids handed out stay used: last_id is not put back.
        self.records = copy.deepcopy(checkpoint.contents["records"])

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
        self._load(*self._db.apply(self._base, self.rows()))

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
                saved = tx.apply(self._base, self.rows())
        if saved is not None:  # only once the transaction committed
            self._load(*saved)

    def rows(self) -> dict[str, Any]:
        """The contents as plain rows (a copy): equal rows, equal contents."""
        return {"records": copy.deepcopy(self.records), "last_id": self.last_id}

    def discard(self) -> None:
        """Forget unsaved changes: back to what was last read or saved."""
        if self._base is not None:
            self._load(self._base, self._generation)

    def _changes(self) -> bool:
        # last_id is not a change of its own (ids come from the database).
        return self._base is not None and self.records != self._base["records"]

    def _load(self, rows: Rows, generation: int) -> None:
        records = rows["records"]
        bad = _bad_names(records)
        if bad is not None:
            raise damaged(self.path or Path("store"), bad)
        self.records, self.last_id = copy.deepcopy(records), rows["last_id"]
        self._base, self._generation = rows, generation


def _bad_names(records: Any) -> str | None:
    """What is wrong with the plugins' and keys' names, or None."""
    if not isinstance(records, dict):
        return f"the records are {type(records).__name__}, not records by plugin"
    for plugin, keyed in records.items():
        if not isinstance(plugin, str) or not isinstance(keyed, dict):
            return f"the records of {plugin!r} are not records by key"
        for key in keyed:
            if not isinstance(key, str):
                return f"a key of {plugin}'s records is {key!r}, not text"
    return None
