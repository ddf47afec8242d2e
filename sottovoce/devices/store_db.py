"""The SQLite database behind a persistent `Store`, shared safely by many processes.

`chat`, `run` and (soon) `serve` may all use one data directory at once. So the
store is a database, not a file rewritten whole: every plugin's record a row
(WAL mode, a busy timeout, synchronous writes), and a turn's changes are applied
as a difference, in one IMMEDIATE transaction, to whatever the other processes
have committed meanwhile: an item another process added is never overwritten.
A `generation` counter in `meta`, bumped by every write, tells a process cheaply
whether anyone else changed anything. Ids come from the database; what comes due
is taken out inside one `transaction()`, so one process announces it.

The tables and the SQL that reads and writes them are in `store_sql.py`.

This module deals in plain rows (`Rows`: each plugin's records, as JSON values);
older stores are migrated on open (`store_migrate.py`).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreError, StoreUnsaved
from .store_migrate import migrate_tables, migrate_v1
from .store_sql import TABLES, Rows, apply_changes, bump, empty_rows, generation, read_rows

# 3 and 2 kept the built-ins' things in tables of their own (2 had no plugin records);
# 1 was JSON sections rewritten whole.
SCHEMA_VERSION = 4
BUSY_TIMEOUT_MS = 10_000


def damaged(path: Path, exc: BaseException | str) -> StoreError:
    """The error for a store file that cannot be read back."""
    return StoreError(f"{path}: cannot read the store ({exc}); move the file away to start afresh")


def _why(exc: BaseException) -> str:
    text = str(exc)
    if "full" in text or isinstance(exc, OSError) and exc.errno == 28:
        return "the disk is full"
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return "the store is read-only"
    if "locked" in text or "busy" in text:
        return "another program kept the store locked"
    if "disk i/o error" in text.casefold():  # SQLite's word for a write the system refused
        return "the disk is full or failing"
    return text


class StoreDB:
    """One store file: reads, applies a turn's changes, hands out ids, claims due items."""

    def __init__(self, path: Path, conn: sqlite3.Connection | None, read_only: str | None) -> None:
        self.path = path
        self._conn = conn
        self.read_only = read_only  # why nothing can be written, or None
        self._lock = threading.Lock()  # one connection, used from the loop and worker threads

    @classmethod
    def open(cls, path: Path) -> StoreDB:
        """The store at `path`, created (with its folders) or migrated as needed.

        A place that cannot be written gives a read-only store (`read_only` says why):
        what is there can still be read.
        """
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a store file")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except PermissionError as exc:
            return cls._read_only(path, _why(exc))
        except OSError as exc:
            raise StoreError(f"{path}: cannot make its folder ({exc.strerror})") from None
        try:
            conn = _connect(str(path), uri=False)
            try:
                _prepare_patiently(conn, path)
            except BaseException:
                conn.close()
                raise
            return cls(path, conn, None)
        except StoreError:
            raise
        except (OSError, sqlite3.Error) as exc:
            if not _unwritable(exc):
                raise damaged(path, exc) from None
            return cls._read_only(path, _why(exc))

    @classmethod
    def _read_only(cls, path: Path, why: str) -> StoreDB:
        if not path.exists():
            return cls(path, None, why)
        for mode in ("mode=ro", "immutable=1"):
            try:
                conn = _connect(f"file:{path}?{mode}", uri=True)
                _check_version(conn, path)
                return cls(path, conn, why)
            except sqlite3.Error:
                continue
        raise StoreError(f"{path}: cannot open the store ({why})")

    def close(self) -> None:
        """Close the connection (the store can no longer be read or written)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def generation(self) -> int:
        """How many writes the store has seen: changes when any process writes."""
        with self._use() as conn:
            if conn is None:
                return 0
            row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
            return int(row[0]) if row else 0

    def read(self) -> tuple[Rows, int]:
        """Everything stored, and the generation it belongs to, from one snapshot."""
        with self._use() as conn:
            if conn is None:
                return empty_rows(), 0
            try:
                conn.execute("BEGIN")
                try:
                    return read_rows(conn), generation(conn)
                finally:
                    conn.execute("COMMIT")
            except (sqlite3.Error, ValueError) as exc:
                raise damaged(self.path, exc) from None

    def apply(self, base: Rows, ours: Rows) -> tuple[Rows, int]:
        """Write what changed from `base` to `ours` onto what is stored; return the result."""
        with self._write() as conn:
            return Transaction(conn).apply(base, ours)

    def next_id(self) -> int:
        """A fresh id for a plugin's record, unique across every process."""
        with self._write() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'last_id'").fetchone()
            new = (int(row[0]) if row else 0) + 1
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('last_id', ?)", (str(new),))
            bump(conn)
            return new

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One IMMEDIATE transaction: a read-modify-write no other process can come between."""
        with self._write() as conn:
            yield Transaction(conn)

    @contextmanager
    def _use(self) -> Iterator[sqlite3.Connection | None]:
        with self._lock:
            yield self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction; a failure rolls back and says why in one line."""
        with self._lock:
            conn = self._conn
            if conn is None or self.read_only:
                raise StoreUnsaved(self.path, self.read_only or "the store is closed")
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except (OSError, sqlite3.Error, ValueError) as exc:
                if conn.in_transaction:  # a failed COMMIT can leave it open
                    conn.execute("ROLLBACK")
                raise StoreUnsaved(self.path, _why(exc)) from None


class Transaction:
    """Reads and writes inside one `StoreDB.transaction()`."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def generation(self) -> int:
        """How many writes the store has seen."""
        return generation(self._conn)

    def read(self) -> tuple[Rows, int]:
        """Everything stored now, and its generation."""
        return read_rows(self._conn), generation(self._conn)

    def apply(self, base: Rows, ours: Rows) -> tuple[Rows, int]:
        """Write what changed from `base` to `ours`; what is stored then, and its generation."""
        apply_changes(self._conn, base, ours)
        return read_rows(self._conn), bump(self._conn)


def _connect(target: str, *, uri: bool) -> sqlite3.Connection:
    conn = sqlite3.connect(
        target, uri=uri, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=False,
    )  # fmt: skip
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _unwritable(exc: BaseException) -> bool:
    text = str(exc).casefold()
    return isinstance(exc, PermissionError) or any(
        word in text for word in ("readonly", "read-only", "unable to open", "permission")
    )


def _prepare_patiently(conn: sqlite3.Connection, path: Path) -> None:
    """`_prepare`, waiting (up to the busy timeout) while another process prepares the file.

    Switching a fresh file to WAL needs it to itself, and SQLite's busy handler does
    not wait for that: two processes starting at once would fail with "database is
    locked".
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    delay = 0.005
    while True:
        try:
            _prepare(conn, path)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() + delay > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Create or migrate the schema, in WAL mode, in one transaction."""
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")  # a confirmed item survives a power cut too
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = _check_version(conn, path)
        if version != SCHEMA_VERSION:
            for statement in TABLES:
                conn.execute(statement)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (
                str(SCHEMA_VERSION),))  # fmt: skip
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('generation', '0')")
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('last_id', '0')")
            if version == 1:
                migrate_v1(conn)
            elif version in (2, 3):
                migrate_tables(conn)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _check_version(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version stored (0: a fresh file); StoreError for anything else."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return 0
    if "meta" not in tables:
        raise StoreError(f"{path}: not a sottovoce store (tables: {', '.join(sorted(tables))})")
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    text = str(row[0]) if row else "0"
    if text not in [str(v) for v in range(1, SCHEMA_VERSION + 1)]:
        raise StoreError(
            f"{path}: store schema version {text[:40]!r} is not one this sottovoce reads "
            f"(1 to {SCHEMA_VERSION}); move the file away to start afresh"
        )
    return int(text)
