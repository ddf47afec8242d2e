"""The store's tables and the SQL that reads them into plain rows and writes a difference.

Used inside the transactions `store_db.StoreDB` opens: nothing here commits.
Every record is a JSON value kept under its plugin and key. A difference is
applied to what the table holds now, which may already include other processes'
changes: each record this turn changed is merged with the stored one
(`store_merge.merge`), and no other record is touched.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .store_merge import MISSING, merge

# {"records": {plugin: {key: JSON value}}, "last_id": int}
Rows = dict[str, Any]

TABLES = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS records"
    " (plugin TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (plugin, key))",
)


def empty_rows() -> Rows:
    """The rows of a store with nothing in it."""
    return {"records": {}, "last_id": 0}


def generation(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(row[0]) if row else 0


def bump(conn: sqlite3.Connection) -> int:
    new = generation(conn) + 1
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(new),))
    return new


def read_rows(conn: sqlite3.Connection) -> Rows:
    rows = empty_rows()
    # rowid order is the order records were first saved in: updates keep their place.
    for plugin, key, value in conn.execute("SELECT plugin, key, value FROM records ORDER BY rowid"):
        rows["records"].setdefault(plugin, {})[key] = json.loads(value)
    row = conn.execute("SELECT value FROM meta WHERE key = 'last_id'").fetchone()
    rows["last_id"] = int(row[0]) if row else 0
    return rows


def apply_changes(conn: sqlite3.Connection, base: Rows, ours: Rows) -> None:
    """Make the changes from `base` to `ours`, and only those, on what the table holds."""
    before_all, after_all = base["records"], ours["records"]
    for plugin in [*after_all, *(p for p in before_all if p not in after_all)]:
        before, after = before_all.get(plugin, {}), after_all.get(plugin, {})
        for key in [*after, *(k for k in before if k not in after)]:
            old, new = before.get(key, MISSING), after.get(key, MISSING)
            if old is MISSING or new is MISSING or old != new:
                _write(conn, plugin, key, old, new)


def write_record(conn: sqlite3.Connection, plugin: str, key: str, value: Any) -> None:
    """Store `value` as the record `plugin`/`key`, in place if it exists."""
    text = json.dumps(value, allow_nan=False)
    updated = conn.execute(
        "UPDATE records SET value = ? WHERE plugin = ? AND key = ?", (text, plugin, key)
    ).rowcount
    if not updated:
        conn.execute("INSERT INTO records VALUES (?, ?, ?)", (plugin, key, text))


def _write(conn: sqlite3.Connection, plugin: str, key: str, old: Any, new: Any) -> None:
    row = conn.execute(
        "SELECT value FROM records WHERE plugin = ? AND key = ?", (plugin, key)
    ).fetchone()
    stored = MISSING if row is None else json.loads(row[0])
    value = merge(old, new, stored)
    if value is MISSING:
        conn.execute("DELETE FROM records WHERE plugin = ? AND key = ?", (plugin, key))
    elif value != stored or stored is MISSING:
        write_record(conn, plugin, key, value)
