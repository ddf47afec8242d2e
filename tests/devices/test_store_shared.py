"""One store file shared by several processes: nothing saved is lost, due items fire once.

Each `Store.open_sqlite` here is its own connection, as another process would be
(SQLite locks per connection); the kill -9 test uses real processes. Records
are laid out as the built-in plugins keep them (lists under "lists", timers by id).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from sottovoce.devices import Store, StoreError, StoreUnsaved


def _lists(store: Store) -> dict[str, list[str]]:
    lists: dict[str, list[str]] = store.records.setdefault("lists", {}).setdefault("lists", {})
    return lists


def _notes(store: Store) -> list[str]:
    notes: list[str] = store.records.setdefault("lists", {}).setdefault("notes", [])
    return notes


def _add(store: Store, item: str) -> None:
    store.refresh()
    _lists(store).setdefault("shopping", []).append(item)
    store.commit()


def test_two_writers_keep_each_others_items(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    one, two = Store.open_sqlite(path), Store.open_sqlite(path)
    for i in range(6):
        _add(one, f"apple {i}")
        _add(two, f"banana {i}")
    expected = sorted([f"apple {i}" for i in range(6)] + [f"banana {i}" for i in range(6)])
    assert sorted(_lists(Store.open_sqlite(path))["shopping"]) == expected
    assert one.refresh() and sorted(_lists(one)["shopping"]) == expected


def test_a_change_made_without_refreshing_still_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    one, two = Store.open_sqlite(path), Store.open_sqlite(path)
    _lists(one)["shopping"] = ["milk", "eggs"]
    one.commit()
    two.refresh()
    _lists(one)["shopping"].append("apple")
    _lists(two)["shopping"].remove("milk")  # two never saw the apple
    _notes(two).append("parking level 3")
    one.commit()
    two.commit()
    assert _lists(two)["shopping"] == ["eggs", "apple"]  # the save reads back what is stored
    again = Store.open_sqlite(path)
    assert _lists(again) == {"shopping": ["eggs", "apple"]} and _notes(again) == ["parking level 3"]


def test_ids_are_unique_across_processes(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    one, two = Store.open_sqlite(path), Store.open_sqlite(path)
    one.records.setdefault("timers", {})[str(one.next_id())] = {"label": "eggs"}
    two.records.setdefault("timers", {})[str(two.next_id())] = {"label": "tea"}
    one.commit()
    two.commit()
    assert Store.open_sqlite(path).records["timers"] == {
        "1": {"label": "eggs"},
        "2": {"label": "tea"},
    }


def test_a_due_item_is_taken_by_exactly_one_process(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    writer = Store.open_sqlite(path)
    writer.records["timers"] = {"1": {"label": "eggs"}, "2": {"label": "tea"}}
    writer.commit()
    stores = [Store.open_sqlite(path) for _ in range(3)]
    taken: list[str] = []
    for store in stores:
        with store.exclusive():  # as the agent's due checks run
            taken += [t["label"] for t in store.records.pop("timers", {}).values()]
    assert taken == ["eggs", "tea"]
    assert all("timers" not in s.records for s in stores)
    writer.commit()  # the writer's stale copy does not bring them back
    assert "timers" not in Store.open_sqlite(path).records


def test_a_record_removed_elsewhere_stays_removed_when_changed_here(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    one = Store.open_sqlite(path)
    one.records["timers"] = {"1": {"label": "pasta", "paused": False}}
    one.commit()
    two = Store.open_sqlite(path)
    one.records["timers"]["1"]["paused"] = True
    del two.records["timers"]["1"]  # announced by the other process meanwhile
    two.commit()
    one.commit()
    assert "timers" not in Store.open_sqlite(path).records


def test_fields_of_one_record_changed_by_two_processes_both_stay(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    one = Store.open_sqlite(path)
    one.records["workout"] = {"workout": {"active": False, "kind": None, "goal": 5}}
    one.commit()
    two = Store.open_sqlite(path)
    one.records["workout"]["workout"]["goal"] = 10
    two.records["workout"]["workout"].update(active=True, kind="run")
    one.commit()
    two.commit()
    stored = Store.open_sqlite(path).records["workout"]["workout"]
    assert stored == {"active": True, "kind": "run", "goal": 10}


def test_a_failed_save_keeps_what_was_stored_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    store = Store.open_sqlite(path)
    _notes(store).append("kept")
    store.commit()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another process holds the file: the busy timeout runs out
    _notes(store).append("not kept")
    store._db._conn.execute("PRAGMA busy_timeout = 50")  # type: ignore[union-attr]  # noqa: SLF001
    with pytest.raises(StoreUnsaved) as info:
        store.commit()
    assert (
        "\n" not in str(info.value) and info.value.reason == "another program kept the store locked"
    )
    other.execute("ROLLBACK")
    other.close()
    store.discard()
    assert _notes(store) == ["kept"]
    _notes(store).append("now kept")
    store.commit()  # the connection is usable again: no transaction left open
    assert _notes(Store.open_sqlite(path)) == ["kept", "now kept"]


def test_a_full_disk_is_one_line_and_nothing_half_written(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    store = Store.open_sqlite(path)
    _notes(store).append("small")
    store.commit()
    conn = store._db._conn  # type: ignore[union-attr]  # noqa: SLF001
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "database or disk is full"
    _notes(store).append("x" * 100_000)
    with pytest.raises(StoreUnsaved) as info:
        store.commit()
    assert info.value.reason == "the disk is full"
    store.discard()
    assert _notes(Store.open_sqlite(path)) == ["small"]


def test_a_read_only_place_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "ro" / "store.sqlite3"
    store = Store.open_sqlite(path)
    _lists(store)["shopping"] = ["milk"]
    store.commit()
    del store
    path.chmod(0o444)
    path.parent.chmod(0o555)
    try:
        if _can_write(path.parent):
            pytest.skip("running as a user who can write anywhere")
        reader = Store.open_sqlite(path)
        assert reader.read_only and _lists(reader) == {"shopping": ["milk"]}
        _lists(reader)["shopping"].append("eggs")
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


@pytest.mark.parametrize(
    ("sql", "problem"),
    [
        ("UPDATE meta SET value = 'abc' WHERE key = 'schema_version'", "schema version 'abc'"),
        ("INSERT INTO records VALUES ('timers', '1', 'not json')", "cannot read the store"),
        ("INSERT INTO records VALUES ('timers', '1', X'00ff')", "cannot read the store"),
        ("UPDATE meta SET value = 'x' WHERE key = 'last_id'", "cannot read the store"),
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
    _lists(one)["shopping"] = ["eggs", "apple"]  # both made the list, neither knew of the other
    _lists(two)["shopping"] = ["eggs", "pear"]
    one.commit()
    two.commit()
    assert _lists(Store.open_sqlite(path)) == {"shopping": ["eggs", "apple", "pear"]}


def test_records_keep_the_order_they_were_first_saved_in(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    store = Store.open_sqlite(path)
    for key in ("b", "a", "c"):
        store.records.setdefault("p", {})[key] = 1
        store.commit()
    store.records["p"]["b"] = 2  # changed in place: keeps its place
    store.commit()
    assert list(Store.open_sqlite(path).records["p"]) == ["b", "a", "c"]


def test_a_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    with pytest.raises(StoreError, match="cannot make its folder") as info:
        Store.open_sqlite(blocker / "sub" / "store.sqlite3")  # a file where a folder must be
    assert "\n" not in str(info.value)
