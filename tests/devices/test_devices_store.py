"""The store: plugins' records, checkpoints, ids, and SQLite persistence."""

from __future__ import annotations

from pathlib import Path

import pytest

from sottovoce.devices import Store, StoreError


def test_next_id_is_fresh() -> None:
    store = Store.in_memory()
    assert [store.next_id() for _ in range(3)] == [1, 2, 3]


def test_checkpoint_and_restore_deep_copy() -> None:
    store = Store.in_memory()
    store.records["lists"] = {"lists": {"shopping": ["eggs"]}}
    saved = store.checkpoint()
    store.records["lists"]["lists"]["shopping"].append("milk")
    store.records["notes"] = {"x": 1}
    store.restore(saved)
    assert store.records == {"lists": {"lists": {"shopping": ["eggs"]}}}
    store.records["notes"] = {"again": 1}
    store.restore(saved)  # a checkpoint stays reusable
    assert "notes" not in store.records
    with pytest.raises(TypeError):
        store.restore(object())


def _fill(store: Store) -> None:
    store.records["timers"] = {str(store.next_id()): {"label": "eggs", "ends_at": None}}
    store.records["lists"] = {"lists": {"shopping": ["milk", "eggs"]}, "notes": ["level 3"]}
    store.records["coffee"] = {"orders": [{"drink": "latte", "size": 2, "hot": True}], "n": 1.5}


def test_sqlite_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "store.db"
    store = Store.open_sqlite(path)
    assert path.exists()
    _fill(store)
    store.commit()
    reopened = Store.open_sqlite(path)
    assert reopened == store and reopened.records == store.records
    assert reopened.next_id() == 2


def test_sqlite_uncommitted_changes_are_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    store = Store.open_sqlite(path)
    store.records["p"] = {"k": "kept"}
    store.commit()
    store.records["p"]["k"] = "lost"
    assert Store.open_sqlite(path).records == {"p": {"k": "kept"}}


def test_in_memory_commit_is_a_no_op() -> None:
    store = Store.in_memory()
    _fill(store)
    store.commit()
    assert store.records["lists"]["notes"] == ["level 3"]


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
