"""The store: timers, due items, checkpoints, seeding, and SQLite persistence."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from sottovoce.devices import Call, Message, Reminder, Store, StoreError, Timer, Workout

T0 = datetime(2026, 6, 1, 8, 30)


def test_running_timer_counts_down_and_paused_timer_holds() -> None:
    timer = Timer.start(1, 300, T0, label="eggs")
    assert timer.remaining(T0 + timedelta(seconds=100)) == 200
    assert timer.remaining(T0 + timedelta(seconds=999)) == 0
    timer.pause(T0 + timedelta(seconds=100))
    assert (timer.paused, timer.ends_at, timer.remaining_s) == (True, None, 200)
    assert timer.remaining(T0 + timedelta(hours=5)) == 200
    timer.resume(T0 + timedelta(seconds=1000))
    assert timer.ends_at == T0 + timedelta(seconds=1200)


def test_pop_due_timers_oldest_first_and_never_paused() -> None:
    store = Store.in_memory()
    long = Timer.start(store.next_id(), 600, T0, "long")
    short = Timer.start(store.next_id(), 60, T0, "short")
    paused = Timer(store.next_id(), "paused", 30, None, 0.0, True)
    later = Timer.start(store.next_id(), 5000, T0, "later")
    store.timers = [long, short, paused, later]
    assert store.pop_due_timers(T0 + timedelta(seconds=59)) == []
    assert store.pop_due_timers(T0 + timedelta(seconds=600)) == [short, long]
    assert store.timers == [paused, later]


def test_pop_due_reminders_oldest_first() -> None:
    store = Store.in_memory()
    a = Reminder(1, "a", T0 + timedelta(minutes=10))
    b = Reminder(2, "b", T0 + timedelta(minutes=5))
    c = Reminder(3, "c", T0 + timedelta(days=1))
    store.reminders = [a, b, c]
    assert store.pop_due_reminders(T0 + timedelta(minutes=10)) == [b, a]
    assert store.reminders == [c]


def test_next_id_is_fresh() -> None:
    store = Store.in_memory()
    assert [store.next_id() for _ in range(3)] == [1, 2, 3]


def test_checkpoint_and_restore_deep_copy() -> None:
    store = Store.in_memory()
    store.lists["shopping"] = ["eggs"]
    store.timers.append(Timer.start(store.next_id(), 60, T0))
    saved = store.checkpoint()
    store.lists["shopping"].append("milk")
    store.timers[0].pause(T0)
    store.notes.append("x")
    store.workout.active = True
    store.restore(saved)
    assert store.lists == {"shopping": ["eggs"]}
    assert not store.timers[0].paused and store.notes == [] and not store.workout.active
    store.notes.append("again")
    store.restore(saved)  # a checkpoint stays reusable
    assert store.notes == []
    with pytest.raises(TypeError):
        store.restore(object())


def test_seed_lists_does_not_duplicate() -> None:
    store = Store.in_memory()
    store.seed_lists({"shopping": ["eggs"]})
    store.lists["shopping"].append("milk")
    store.seed_lists({"shopping": ["eggs"], "todo": ["call mum"]})
    assert store.lists == {"shopping": ["eggs", "milk"], "todo": ["call mum"]}


def _fill(store: Store) -> None:
    store.timers.append(Timer.start(store.next_id(), 300, T0, "eggs"))
    store.timers.append(Timer(store.next_id(), None, 60, None, 12.5, True))
    store.reminders.append(Reminder(store.next_id(), "stretch", T0 + timedelta(minutes=10)))
    store.lists["shopping"] = ["milk", "eggs"]
    store.notes.append("parking spot is level 3")
    store.messages.append(Message("Anna", "I'll be late"))
    store.calls.append(Call("Anna"))
    store.workout = Workout(True, "run", T0)


def test_sqlite_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "store.db"
    store = Store.open_sqlite(path)
    assert path.exists()
    _fill(store)
    store.commit()
    reopened = Store.open_sqlite(path)
    assert reopened == store
    assert reopened.next_id() == 4


def test_sqlite_uncommitted_changes_are_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    store = Store.open_sqlite(path)
    store.notes.append("kept")
    store.commit()
    store.notes.append("lost")
    assert Store.open_sqlite(path).notes == ["kept"]


def test_in_memory_commit_is_a_no_op() -> None:
    store = Store.in_memory()
    _fill(store)
    store.commit()


@pytest.mark.parametrize(
    "content", [b"this is not a database at all" * 100, b"SQLite format 3\0junk"]
)
def test_corrupt_sqlite_file_is_a_store_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "store.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        Store.open_sqlite(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_foreign_sqlite_file_is_a_store_error(tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    with pytest.raises(StoreError, match="not a sottovoce store"):
        Store.open_sqlite(path)


def test_store_in_a_directory_path_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        Store.open_sqlite(tmp_path)
