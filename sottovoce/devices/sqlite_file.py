"""The SQLite file behind a persistent `Store`: sections of JSON, written atomically.

Each commit rewrites every section in one transaction, so a process killed between
turns loses nothing and one killed mid-write leaves the previous state intact.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from .errors import StoreError

SCHEMA_VERSION = 1

_CREATE = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS sections (name TEXT PRIMARY KEY, data TEXT NOT NULL)",
)


def damaged(path: Path, exc: BaseException) -> StoreError:
    """The error for a store file that cannot be read back."""
    return StoreError(f"{path}: cannot read the store ({exc}); move the file away to start afresh")


def load(path: Path) -> dict[str, Any] | None:
    """The sections stored at `path`, or None if there is no store there yet."""
    if not path.exists():
        return None
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a store file")
    try:
        with closing(sqlite3.connect(path)) as conn:
            return _read(conn, path)
    except sqlite3.Error as exc:
        raise damaged(path, exc) from None


def _read(conn: sqlite3.Connection, path: Path) -> dict[str, Any] | None:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        return None  # an empty file: a fresh database
    if "meta" not in tables or "sections" not in tables:
        raise StoreError(f"{path}: not a sottovoce store (tables: {', '.join(sorted(tables))})")
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    version = int(row[0]) if row else 0
    if version != SCHEMA_VERSION:
        raise StoreError(
            f"{path}: store schema version {version}, this sottovoce reads {SCHEMA_VERSION}"
        )
    try:
        return {name: json.loads(data) for name, data in conn.execute("SELECT * FROM sections")}
    except ValueError as exc:
        raise damaged(path, exc) from None


def save(path: Path, sections: dict[str, Any]) -> None:
    """Replace everything stored at `path` with `sections`, in one transaction."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(path, isolation_level=None)) as conn:
            _write(conn, sections)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{path}: cannot write the store ({exc})") from None


def _write(conn: sqlite3.Connection, sections: dict[str, Any]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in _CREATE:
            conn.execute(statement)
        conn.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
        )
        conn.execute("DELETE FROM sections")
        conn.executemany(
            "INSERT INTO sections VALUES (?, ?)",
            [(name, json.dumps(value)) for name, value in sections.items()],
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
