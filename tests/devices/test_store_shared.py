"""One store file shared by several processes: nothing saved is lost, due items fire once.

Each `Store.open_sqlite` here is its own connection, as another process would be
(SQLite locks per connection); the kill -9 test uses real processes.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from sottovoce.devices import Reminder, Store, StoreError, StoreUnsaved, Timer

T0 = datetime(2026, 6, 1, 8, 30)


def _add(store: Store, item: str) -> None:
    store.refresh()
    store.lists.setdefault("shopping", []).append(item)
    store.commit()


def test_two_writers_keep_each_others_items(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    one, two = Store.open_sqlite(path), Store.open_sqlite(path)
    for i in range(6):
        _add(one, f"apple {i}")
        _add(two, f"banana {i}")
    expected = sorted([f"apple {i}" for i in range(6)] + [f"banana {i}" for i in range(6)])
    assert sorted(Store.open_sqlite(path).lists["shopping"]) == expected
    assert one.refresh() and sorted(one.lists["shopping"]) == expected


def test_a_change_made_without_refreshing_still_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    one, two = Store.open_sqlite(path), Store.open_sqlite(path)
    one.lists["shopping"] = ["milk", "eggs"]
    one.commit()
    two.refresh()
    one.lists["shopping"].append("apple")
    two.lists["shopping"].remove("milk")  # two never saw the apple
    two.notes.append("parking level 3")
    one.commit()
    two.commit()
    assert two.lists["shopping"] == ["eggs", "apple"]  # the save reads back what is stored
    again = Store.open_sqlite(path)
    assert again.lists == {"shopping": ["eggs", "apple"]} and again.notes == ["parking level 3"]


def test_ids_are_unique_across_processes(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    one, two = Store.open_sqlite(path), Store.open_sqlite(path)
    one.timers.append(Timer.start(one.next_id(), 60, T0, "eggs"))
    two.timers.append(Timer.start(two.next_id(), 90, T0, "tea"))
    one.commit()
    two.commit()
    assert sorted((t.id, t.label) for t in Store.open_sqlite(path).timers) == [
        (1, "eggs"), (2, "tea")]  # fmt: skip


def test_a_due_timer_is_announced_by_exactly_one_process(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    writer = Store.open_sqlite(path)
    writer.timers.append(Timer.start(writer.next_id(), 60, T0, "eggs"))
    writer.reminders.append(Reminder(writer.next_id(), "stretch", T0 + timedelta(minutes=1)))
    writer.commit()
    stores = [Store.open_sqlite(path) for _ in range(3)]
    later = T0 + timedelta(minutes=2)
    timers: list[str | None] = []
    reminders: list[str] = []
    for store in stores:
        with store.exclusive():  # as the agent's due checks run
            timers += [t.label for t in store.pop_due_timers(later)]
            reminders += [r.text for r in store.pop_due_reminders(later)]
    assert timers == ["eggs"] and reminders == ["stretch"]
    assert all(s.timers == [] and s.reminders == [] for s in stores)
    writer.commit()  # the writer's stale copy does not bring them back
    assert Store.open_sqlite(path).timers == []


def test_a_paused_timer_kept_while_another_process_changes_it(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    one = Store.open_sqlite(path)
    one.timers.append(Timer.start(one.next_id(), 600, T0, "pasta"))
    one.commit()
    two = Store.open_sqlite(path)
    two.timers[0].pause(T0 + timedelta(minutes=1))
    two.commit()
    assert one.refresh() and one.timers[0].paused and one.timers[0].remaining_s == 540


def test_a_failed_save_keeps_what_was_stored_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    store = Store.open_sqlite(path)
    store.notes.append("kept")
    store.commit()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process holds the file: the busy timeout runs out
    store.notes.append("not kept")
    store._db._conn.execute("PRAGMA busy_timeout = 50")  # type: ignore[union-attr]  # noqa: SLF001
    with pytest.raises(StoreUnsaved) as info:
        store.commit()
    assert (
        "\n" not in str(info.value) and info.value.reason == "another program kept the store locked"
    )
    other.execute("ROLLBACK")
    other.close()
    store.discard()
    assert store.notes == ["kept"]
    store.notes.append("now kept")
    store.commit()  # the connection is usable again: no transaction left open
    assert Store.open_sqlite(path).notes == ["kept", "now kept"]


def test_a_full_disk_is_one_line_and_nothing_half_written(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    store = Store.open_sqlite(path)
    store.notes.append("small")
    store.commit()
    conn = store._db._conn  # type: ignore[union-attr]  # noqa: SLF001
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "database or disk is full"
    store.notes.append("x" * 100_000)
    with pytest.raises(StoreUnsaved) as info:
        store.commit()
    assert info.value.reason == "the disk is full"
    store.discard()
    assert Store.open_sqlite(path).notes == ["small"]


def test_a_read_only_place_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "ro" / "store.sqlite3"
    store = Store.open_sqlite(path)
    store.lists["shopping"] = ["milk"]
    store.commit()
    del store
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        if _can_write(path.parent):
            pytest.skip("running as a user who can write anywhere")
        reader = Store.open_sqlite(path)
        assert reader.read_only and reader.lists == {"shopping": ["milk"]}
        reader.lists["shopping"].append("eggs")
        with pytest.raises(StoreUnsaved, match="cannot save"):
            reader.commit()
    finally:
        path.parent.chmod(0o755)
        path.chmod(0o644)


def _can_write(folder: Path) -> bool:
    try:
        (folder / ".probe").touch()
    except OSError:
        return False
    (folder / ".probe").unlink()
    return True


def test_a_version_1_store_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    sections = {
        "timers": '[{"id": 3, "label": "eggs", "duration_s": 60, "ends_at": "2026-06-01T08:31:00",'
        ' "remaining_s": 60.0, "paused": false}]',
        "lists": '{"shopping": ["milk", "eggs"]}',
        "notes": '["level 3"]',
        "messages": '[{"to": "Anna", "text": "late"}]',
        "calls": '[{"to": "Anna"}]',
        "workout": '{"active": true, "kind": "run", "started": "2026-06-01T08:00:00"}',
        "last_id": "3",
        "reminders": "[]",
    }
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("CREATE TABLE sections (name TEXT PRIMARY KEY, data TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
        conn.executemany("INSERT INTO sections VALUES (?, ?)", sections.items())
    store = Store.open_sqlite(path)
    assert [(t.id, t.label, t.ends_at) for t in store.timers] == [
        (3, "eggs", T0 + timedelta(minutes=1))
    ]
    assert store.lists == {"shopping": ["milk", "eggs"]} and store.notes == ["level 3"]
    assert store.messages[0].to == "Anna" and store.calls[0].to == "Anna"
    assert store.workout.active and store.workout.kind == "run"
    assert store.next_id() == 4


@pytest.mark.parametrize(
    ("sql", "problem"),
    [
        ("UPDATE meta SET value = 'abc' WHERE key = 'schema_version'", "schema version 'abc'"),
        ("INSERT INTO timers VALUES (1, 'x', 60, '2026-06-01T08:31:00+02:00', 60, 0)", "offset"),
        ("INSERT INTO timers VALUES (1, 'x', 'sixty', NULL, 60, 1)", "timer 1"),
        ("INSERT INTO reminders VALUES (1, 'x', 'tomorrow')", "reminder 1"),
        ("INSERT INTO workout VALUES (1, '[1, 2]')", "workout"),
        ("INSERT INTO workout VALUES (1, 'not json')", "cannot read the store"),
        ("INSERT INTO list_items (list, item) VALUES ('shopping', X'00ff')", "not text"),
    ],
)
def test_damaged_rows_are_one_line(tmp_path: Path, sql: str, problem: str) -> None:
    path = tmp_path / "store.sqlite3"
    Store.open_sqlite(path)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(sql)
    with pytest.raises(StoreError) as info:
        Store.open_sqlite(path)
    assert problem in str(info.value) and "\n" not in str(info.value)
    assert str(path) in str(info.value)


def test_a_list_both_made_before_either_saved_keeps_both_additions(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    one, two = Store.open_sqlite(path), Store.open_sqlite(path)
    one.lists["shopping"] = ["eggs", "apple"]  # both made the list, neither knew of the other
    two.lists["shopping"] = ["eggs", "pear"]
    one.commit()
    two.commit()
    assert Store.open_sqlite(path).lists == {"shopping": ["eggs", "apple", "pear"]}


def test_seeded_lists_are_saved_at_once(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    one = Store.open_sqlite(path)
    one.seed_lists({"shopping": ["eggs"]})
    two = Store.open_sqlite(path)
    two.seed_lists({"shopping": ["eggs"]})
    _add(two, "milk")
    assert one.refresh() and one.lists == {"shopping": ["eggs", "milk"]}


def test_a_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    with pytest.raises(StoreError, match="cannot make its folder") as info:
        Store.open_sqlite(blocker / "sub" / "store.sqlite3")  # a file where a folder must be
    assert "\n" not in str(info.value)
