"""Older stores brought to the current schema (4: every record a plugin's).

Version 1 kept JSON sections rewritten whole; versions 2 and 3 kept the
built-in plugins' things in tables of their own (timers, reminders, lists,
notes, messages, calls, workout). They become those plugins' records, in the
layouts the plugins read (docs/plugins.md, "The built-ins' records"), and the
old tables are dropped. This module is the one place in the store that knows
those layouts, because it wrote them once.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .errors import StoreError
from .store_sql import write_record

_TIMER_COLUMNS = ("label", "duration_s", "ends_at", "remaining_s", "paused")
_OLD_TABLES = (
    "timers", "reminders", "lists", "list_items", "notes", "messages", "calls", "workout",
)  # fmt: skip


def migrate_tables(conn: sqlite3.Connection) -> None:
    """Move a version 2 or 3 store's tables into records, then drop them."""
    have = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    try:
        records = _from_tables(conn, have)
    except (sqlite3.Error, TypeError, ValueError) as exc:
        raise StoreError(f"cannot migrate the store's tables ({exc})") from None
    _write_all(conn, records)
    for table in _OLD_TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {table}")


def migrate_v1(conn: sqlite3.Connection) -> None:
    """Move a version 1 store's JSON sections into records, then drop them."""
    try:
        rows = conn.execute("SELECT name, data FROM sections").fetchall()
        sections = {str(name): json.loads(data) for name, data in rows}
        records = _from_sections(sections)
        last_id = int(sections.get("last_id", 0))
    except (sqlite3.Error, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise StoreError(f"cannot migrate the version 1 store ({exc!r})") from None
    _write_all(conn, records)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('last_id', ?)", (str(last_id),))
    conn.execute("DROP TABLE sections")


def _write_all(conn: sqlite3.Connection, records: dict[str, dict[str, Any]]) -> None:
    for plugin, keyed in records.items():
        for key, value in keyed.items():
            write_record(conn, plugin, key, value)


def _from_tables(conn: sqlite3.Connection, have: set[str]) -> dict[str, dict[str, Any]]:
    def rows(table: str, sql: str) -> list[Any]:
        return conn.execute(sql).fetchall() if table in have else []

    columns = ", ".join(_TIMER_COLUMNS)
    timers = {str(i): dict(zip(_TIMER_COLUMNS, rest, strict=True))
              for i, *rest in rows("timers", f"SELECT id, {columns} FROM timers")}  # fmt: skip
    for timer in timers.values():
        timer["paused"] = bool(timer["paused"])
    reminders = {str(i): {"text": text, "due": due} for i, text, due in rows(
        "reminders", "SELECT id, text, due FROM reminders ORDER BY id")}  # fmt: skip
    lists: dict[str, list[Any]] = {
        name: [] for (name,) in rows("lists", "SELECT name FROM lists ORDER BY seq")
    }
    for name, item in rows("list_items", "SELECT list, item FROM list_items ORDER BY seq"):
        lists.setdefault(name, []).append(item)
    notes = [t for (t,) in rows("notes", "SELECT text FROM notes ORDER BY seq")]
    messages = [list(m) for m in rows(
        "messages", "SELECT recipient, text FROM messages ORDER BY seq")]  # fmt: skip
    calls = [c for (c,) in rows("calls", "SELECT recipient FROM calls ORDER BY seq")]
    workouts = [json.loads(d) for (d,) in rows("workout", "SELECT data FROM workout")]
    workout = workouts[0] if workouts else None
    return _built_ins(timers, reminders, lists, notes, messages, calls, workout)


def _from_sections(s: dict[str, Any]) -> dict[str, dict[str, Any]]:
    timers = {str(int(t["id"])): {c: t.get(c) for c in _TIMER_COLUMNS} for t in s.get("timers", [])}
    for timer in timers.values():
        timer["paused"] = bool(timer["paused"])
    reminders = {str(int(r["id"])): {"text": r.get("text"), "due": r.get("due")}
                 for r in s.get("reminders", [])}  # fmt: skip
    return _built_ins(
        timers,
        reminders,
        dict(s.get("lists", {})),
        list(s.get("notes", [])),
        [[m.get("to"), m.get("text")] for m in s.get("messages", [])],
        [c.get("to") for c in s.get("calls", [])],
        s.get("workout"),
    )


def _built_ins(
    timers: dict[str, Any],
    reminders: dict[str, Any],
    lists: dict[str, list[Any]],
    notes: list[Any],
    messages: list[Any],
    calls: list[Any],
    workout: Any,
) -> dict[str, dict[str, Any]]:
    """The built-in plugins' records, leaving out what was empty."""
    records: dict[str, dict[str, Any]] = {"timers": timers, "reminders": reminders}
    records["lists"] = {k: v for k, v in (("lists", lists), ("notes", notes)) if v}
    records["phone"] = {k: v for k, v in (("messages", messages), ("calls", calls)) if v}
    records["workout"] = {"workout": workout} if workout else {}
    return {plugin: keyed for plugin, keyed in records.items() if keyed}
