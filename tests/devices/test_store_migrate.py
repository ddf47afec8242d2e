"""Older stores (schema 1, 2 and 3) become the built-in plugins' records, nothing lost."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from sottovoce.devices import Store

TIMER = {"label": "eggs", "duration_s": 60, "ends_at": "2026-06-01T08:31:00",
         "remaining_s": 60.0, "paused": False}  # fmt: skip
EXPECTED: dict[str, dict[str, Any]] = {
    "timers": {"3": TIMER},
    "reminders": {"4": {"text": "stretch", "due": "2026-06-01T09:00:00"}},
    "lists": {"lists": {"shopping": ["milk", "eggs"], "packing": []}, "notes": ["level 3"]},
    "phone": {"messages": [["Anna", "late"]], "calls": ["Anna"]},
    "workout": {"workout": {"active": True, "kind": "run", "started": "2026-06-01T08:00:00"}},
}


def test_a_version_1_store_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    sections = {
        "timers": '[{"id": 3, "label": "eggs", "duration_s": 60, "ends_at": "2026-06-01T08:31:00",'
        ' "remaining_s": 60.0, "paused": false}]',
        "reminders": '[{"id": 4, "text": "stretch", "due": "2026-06-01T09:00:00"}]',
        "lists": '{"shopping": ["milk", "eggs"], "packing": []}',
        "notes": '["level 3"]',
        "messages": '[{"to": "Anna", "text": "late"}]',
        "calls": '[{"to": "Anna"}]',
        "workout": '{"active": true, "kind": "run", "started": "2026-06-01T08:00:00"}',
        "last_id": "4",
    }
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("CREATE TABLE sections (name TEXT PRIMARY KEY, data TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        conn.executemany("INSERT INTO sections VALUES (?, ?)", sections.items())
    store = Store.open_sqlite(path)
    assert store.records == EXPECTED
    assert store.next_id() == 5
    assert _tables(path) == {"meta", "records"}


def _version_3(path: Path, *, with_records: bool) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        for sql in (
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE timers (id INTEGER PRIMARY KEY, label TEXT, duration_s INTEGER,"
            " ends_at TEXT, remaining_s REAL, paused INTEGER)",
            "CREATE TABLE reminders (id INTEGER PRIMARY KEY, text TEXT, due TEXT)",
            "CREATE TABLE lists (seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE)",
            "CREATE TABLE list_items (seq INTEGER PRIMARY KEY AUTOINCREMENT, list TEXT, item TEXT)",
            "CREATE TABLE notes (seq INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT)",
            "CREATE TABLE messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, recipient TEXT,"
            " text TEXT)",
            "CREATE TABLE calls (seq INTEGER PRIMARY KEY AUTOINCREMENT, recipient TEXT)",
            "CREATE TABLE workout (one INTEGER PRIMARY KEY CHECK (one = 1), data TEXT)",
            "INSERT INTO meta VALUES ('schema_version', ?)",
            "INSERT INTO meta VALUES ('last_id', '4')",
            "INSERT INTO meta VALUES ('generation', '9')",
            "INSERT INTO timers VALUES (3, 'eggs', 60, '2026-06-01T08:31:00', 60.0, 0)",
            "INSERT INTO reminders VALUES (4, 'stretch', '2026-06-01T09:00:00')",
            "INSERT INTO lists (name) VALUES ('shopping'), ('packing')",
            "INSERT INTO list_items (list, item) VALUES ('shopping', 'milk'), ('shopping', 'eggs')",
            "INSERT INTO notes (text) VALUES ('level 3')",
            "INSERT INTO messages (recipient, text) VALUES ('Anna', 'late')",
            "INSERT INTO calls (recipient) VALUES ('Anna')",
            """INSERT INTO workout VALUES (1, '{"active": true, "kind": "run","""
            """ "started": "2026-06-01T08:00:00"}')""",
        ):
            conn.execute(sql, ("3" if with_records else "2",) if "?" in sql else ())
        if with_records:
            conn.execute("CREATE TABLE records (plugin TEXT NOT NULL, key TEXT NOT NULL,"
                         " value TEXT NOT NULL, PRIMARY KEY (plugin, key))")  # fmt: skip
            conn.execute("""INSERT INTO records VALUES ('coffee', 'orders', '["latte"]')""")


def test_a_version_3_store_is_migrated_with_the_plugins_records(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    _version_3(path, with_records=True)
    store = Store.open_sqlite(path)
    assert store.records == {"coffee": {"orders": ["latte"]}, **EXPECTED}
    assert store.next_id() == 5
    assert _tables(path) == {"meta", "records"}
    assert Store.open_sqlite(path).records == store.records  # migrated once, then read


def test_a_version_2_store_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    _version_3(path, with_records=False)
    assert Store.open_sqlite(path).records == EXPECTED


def _tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in names} - {"sqlite_sequence"}
