"""The store's tables and the SQL that reads them into plain rows and writes a difference.

Used inside the transactions `store_db.StoreDB` opens: nothing here commits.
A difference is applied to what the tables hold now, which may already include
other processes' changes: keyed records (timers, reminders) by id, everything
else (list items, notes, messages, calls) by how often each value occurs, so
neither order nor another process's rows are disturbed.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import Any

# timers, reminders, lists, notes, messages, calls, workout, records (plugin -> key -> value),
# last_id
Rows = dict[str, Any]

TABLES = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS timers (id INTEGER PRIMARY KEY, label TEXT, duration_s INTEGER,"
    " ends_at TEXT, remaining_s REAL, paused INTEGER)",
    "CREATE TABLE IF NOT EXISTS reminders (id INTEGER PRIMARY KEY, text TEXT, due TEXT)",
    "CREATE TABLE IF NOT EXISTS lists (seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE)",
    "CREATE TABLE IF NOT EXISTS list_items"
    " (seq INTEGER PRIMARY KEY AUTOINCREMENT, list TEXT NOT NULL, item TEXT)",
    "CREATE TABLE IF NOT EXISTS notes (seq INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT)",
    "CREATE TABLE IF NOT EXISTS messages"
    " (seq INTEGER PRIMARY KEY AUTOINCREMENT, recipient TEXT, text TEXT)",
    "CREATE TABLE IF NOT EXISTS calls (seq INTEGER PRIMARY KEY AUTOINCREMENT, recipient TEXT)",
    "CREATE TABLE IF NOT EXISTS workout (one INTEGER PRIMARY KEY CHECK (one = 1), data TEXT)",
    "CREATE TABLE IF NOT EXISTS records"
    " (plugin TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (plugin, key))",
)
TIMER_COLUMNS = ("label", "duration_s", "ends_at", "remaining_s", "paused")


def empty_rows() -> Rows:
    """The rows of a store with nothing in it."""
    return {
        "timers": {},
        "reminders": {},
        "lists": {},
        "notes": [],
        "messages": [],
        "calls": [],
        "workout": {"active": False, "kind": None, "started": None},
        "records": {},
        "last_id": 0,
    }


def generation(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(row[0]) if row else 0


def bump(conn: sqlite3.Connection) -> int:
    new = generation(conn) + 1
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(new),))
    return new


def read_rows(conn: sqlite3.Connection) -> Rows:
    rows = empty_rows()
    for row in conn.execute(
        "SELECT id, label, duration_s, ends_at, remaining_s, paused FROM timers"
    ):
        rows["timers"][row[0]] = dict(zip(TIMER_COLUMNS, row[1:], strict=True))
    for i, text, due in conn.execute("SELECT id, text, due FROM reminders ORDER BY id"):
        rows["reminders"][i] = {"text": text, "due": due}
    for (name,) in conn.execute("SELECT name FROM lists ORDER BY seq"):
        rows["lists"][name] = []
    for name, item in conn.execute("SELECT list, item FROM list_items ORDER BY seq"):
        rows["lists"].setdefault(name, []).append(item)
    rows["notes"] = [t for (t,) in conn.execute("SELECT text FROM notes ORDER BY seq")]
    rows["messages"] = [list(m) for m in conn.execute(
        "SELECT recipient, text FROM messages ORDER BY seq")]  # fmt: skip
    rows["calls"] = [c for (c,) in conn.execute("SELECT recipient FROM calls ORDER BY seq")]
    for plugin, key, value in conn.execute("SELECT plugin, key, value FROM records"):
        rows["records"].setdefault(plugin, {})[key] = json.loads(value)
    row = conn.execute("SELECT data FROM workout").fetchone()
    if row is not None:
        rows["workout"] = json.loads(row[0])
    row = conn.execute("SELECT value FROM meta WHERE key = 'last_id'").fetchone()
    rows["last_id"] = int(row[0]) if row else 0
    return rows


def apply_changes(conn: sqlite3.Connection, base: Rows, ours: Rows) -> None:
    """Make the changes from `base` to `ours`, and only those, on what the tables hold."""
    for table in ("timers", "reminders"):
        _apply_keyed(conn, table, base[table], ours[table])
    _apply_lists(conn, base["lists"], ours["lists"])
    _apply_bag(conn, "notes", ("text",), base["notes"], ours["notes"])
    _apply_bag(conn, "messages", ("recipient", "text"), base["messages"], ours["messages"])
    _apply_bag(conn, "calls", ("recipient",), base["calls"], ours["calls"])
    _apply_records(conn, base["records"], ours["records"])
    if ours["workout"] != base["workout"]:
        conn.execute("INSERT OR REPLACE INTO workout VALUES (1, ?)", (json.dumps(ours["workout"]),))


def _apply_records(
    conn: sqlite3.Connection, base: dict[str, dict[str, Any]], ours: dict[str, dict[str, Any]]
) -> None:
    """Plugins' records, by plugin and key: a changed value replaces the stored one whole."""
    for plugin in base.keys() | ours.keys():
        before, after = base.get(plugin, {}), ours.get(plugin, {})
        for key in before.keys() - after.keys():
            conn.execute("DELETE FROM records WHERE plugin = ? AND key = ?", (plugin, key))
        for key, value in after.items():
            if key not in before or before[key] != value:
                conn.execute(
                    "INSERT OR REPLACE INTO records VALUES (?, ?, ?)",
                    (plugin, key, json.dumps(value)),
                )


def _apply_keyed(
    conn: sqlite3.Connection, table: str, base: dict[int, Any], ours: dict[int, Any]
) -> None:
    for i in base.keys() - ours.keys():
        conn.execute(f"DELETE FROM {table} WHERE id = ?", (i,))
    for i, row in ours.items():
        if i not in base:
            names = ", ".join(["id", *row])
            marks = ", ".join("?" * (len(row) + 1))
            conn.execute(f"INSERT OR REPLACE INTO {table} ({names}) VALUES ({marks})",
                         (i, *row.values()))  # fmt: skip
        elif row != base[i]:  # gone meanwhile (announced elsewhere): nothing to update
            sets = ", ".join(f"{name} = ?" for name in row)
            conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", (*row.values(), i))


def _apply_lists(
    conn: sqlite3.Connection, base: dict[str, list[str]], ours: dict[str, list[str]]
) -> None:
    for name in base.keys() - ours.keys():
        conn.execute("DELETE FROM list_items WHERE list = ?", (name,))
        conn.execute("DELETE FROM lists WHERE name = ?", (name,))
    for name, items in ours.items():
        if name in base:
            before = base[name]
        else:
            # A list new to this process may have been made by another meanwhile (the
            # same world's seed): add only what it does not hold yet.
            conn.execute("INSERT OR IGNORE INTO lists (name) VALUES (?)", (name,))
            held = {item for (item,) in conn.execute(
                "SELECT item FROM list_items WHERE list = ?", (name,))}  # fmt: skip
            before, items = [], [item for item in items if item not in held]  # adds, never removes
        _apply_bag(conn, "list_items", ("item",), before, items, where=("list", name))


def _apply_bag(
    conn: sqlite3.Connection,
    table: str,
    columns: tuple[str, ...],
    base: list[Any],
    ours: list[Any],
    *,
    where: tuple[str, str] | None = None,
) -> None:
    """Add and remove rows by how often each value occurs: order and others' rows are kept."""

    def key(value: Any) -> tuple[Any, ...]:
        return tuple(value) if isinstance(value, list) else (value,)

    added = Counter(key(v) for v in ours)
    added.subtract(Counter(key(v) for v in base))
    scope = f" AND {where[0]} = ?" if where else ""
    scope_args = (where[1],) if where else ()
    matches = " AND ".join(f"{c} IS ?" for c in columns)
    for value, count in added.items():
        for _ in range(abs(count)):
            if count > 0:
                names = ", ".join([*columns, *(where[:1] if where else ())])
                marks = ", ".join("?" * (len(columns) + len(scope_args)))
                conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})",
                             (*value, *scope_args))  # fmt: skip
            else:
                conn.execute(
                    f"DELETE FROM {table} WHERE seq = (SELECT seq FROM {table}"
                    f" WHERE {matches}{scope} ORDER BY seq DESC LIMIT 1)",
                    (*value, *scope_args),
                )
