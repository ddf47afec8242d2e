"""Several real processes on one store: kill -9s, two `chat`s, a full disk, a read-only place.

What a process printed after `commit()` returned is confirmed: it must be in the
store afterwards, whatever was killed when; what it confirmed removing must not be.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sottovoce.devices import Store

WORKER = """
import sys
from pathlib import Path
from sottovoce.devices import Store

store = Store.open_sqlite(Path(sys.argv[1]))
name, mine = sys.argv[2], []
for i in range(int(sys.argv[3])):
    store.refresh()
    lists = store.records.setdefault("lists", {}).setdefault("lists", {})  # the lists plugin's
    if i % 4 == 3 and mine:
        item = mine.pop(0)
        print("~" + item, flush=True)  # about to remove: killed from here on, either is right
        lists["shopping"].remove(item)
        store.commit()
        print("-" + item, flush=True)
        continue
    item = f"{name}-{i}"
    lists.setdefault("shopping", []).append(item)
    if i % 5 == 0:  # as the timers plugin keeps a timer: under a fresh id
        store.records.setdefault("timers", {})[str(store.next_id())] = {"label": item}
    store.commit()
    mine.append(item)
    print("+" + item, flush=True)
"""


def _worker(path: Path, name: str, turns: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(path), name, str(turns)],
        stdout=subprocess.PIPE,
        text=True,
    )


def test_kill_9_across_processes_loses_nothing_confirmed(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    Store.open_sqlite(path)
    rng = random.Random(15)
    added: set[str] = set()
    removed: set[str] = set()
    removing: set[str] = set()
    for generation in range(3):
        workers = [_worker(path, f"w{n}g{generation}", 60) for n in range(3)]
        for worker in workers:
            assert worker.stdout is not None
            lines = [worker.stdout.readline() for _ in range(rng.randint(3, 12))]
            if generation < 2:
                worker.send_signal(signal.SIGKILL)  # mid-turn, wherever it is
            lines += worker.stdout.readlines()  # printed before the kill: confirmed
            worker.stdout.close()
            worker.wait()
            for line in filter(None, (line.strip() for line in lines)):
                {"+": added, "-": removed, "~": removing}[line[0]].add(line[1:])
    final = Store.open_sqlite(path)
    items = final.records["lists"]["lists"]["shopping"]
    assert added - removing <= set(items), "a confirmed item was lost"
    assert not removed & set(items), "a confirmed removal came back"
    assert len(items) == len(set(items))
    labels = [t["label"] for t in final.records["timers"].values()]
    assert len(labels) == len(set(labels))  # each timer under its own id, none lost to a clash
    assert len(added) > 60  # the processes really overlapped and did work


def _chat(data: Path, *, prefix: tuple[str, ...] = (), **popen: object) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "sottovoce.cli", "chat", "--engine", "none"]
    return subprocess.Popen(
        [*prefix, *command, "--data-dir", str(data)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,  # type: ignore[call-overload]
    )


def _say(chat: subprocess.Popen[str], line: str) -> str:
    assert chat.stdin is not None and chat.stdout is not None
    chat.stdin.write(line + "\n")
    chat.stdin.flush()
    return chat.stdout.readline().strip().removeprefix("sottovoce: ")


@pytest.mark.slow
def test_two_chats_on_one_data_dir_keep_each_others_items(tmp_path: Path) -> None:
    one, two = _chat(tmp_path), _chat(tmp_path)
    try:
        for fruit in ("apple", "banana", "cherry"):
            assert "added" in _say(one, f"add {fruit} to the shopping list")
            assert "added" in _say(two, f"add {fruit} juice to the shopping list")
        reply = _say(one, "what's on my shopping list")
        assert _say(one, "remove apple from the shopping list").startswith("I removed")
        after = _say(two, "what's on my shopping list")
    finally:
        for chat in (one, two):
            chat.communicate("", timeout=60)
    for fruit in ("apple", "banana", "cherry"):
        assert fruit in reply and f"{fruit} juice" in reply
    assert "banana" in after and "apple juice" in after and "apple," not in after


def _limit_file_size(limit: int) -> Callable[[], None]:
    def apply() -> None:
        # The process ignores SIGXFSZ (Python does at start), so a write past the
        # limit fails with EFBIG, as on a full disk.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.slow
def test_a_full_disk_is_said_and_the_conversation_goes_on(tmp_path: Path) -> None:
    _chat(tmp_path).communicate("add milk to the shopping list\n", timeout=120)
    # Room for SQLite's 32 KiB shared-memory index and a few write-ahead log pages only.
    chat = _chat(tmp_path, preexec_fn=_limit_file_size(32768))
    notes = "".join(f"take a note number {n} {'about the garden ' * 20}\n" for n in range(12))
    out, err = chat.communicate(notes + "what's on my shopping list\n", timeout=120)
    assert chat.returncode == 0, err
    lines = out.strip().splitlines()
    full = [line for line in lines if "couldn't save it because the disk is full" in line]
    assert full and len(lines) == 13, out
    assert "milk" in lines[-1]
    assert "Traceback" not in err


@pytest.mark.slow
def test_a_read_only_store_still_answers() -> None:
    # Outside pytest's private (0700) folders, so that another user can reach it.
    base = Path(tempfile.mkdtemp(prefix="sottovoce-ro-"))
    data, home = base / "data", base / "home"
    try:
        base.chmod(0o755)
        home.mkdir(mode=0o777)
        home.chmod(0o777)
        _chat(data).communicate("add kiwis to the shopping list\n", timeout=120)
        (data / "store.sqlite3").chmod(0o444)
        data.chmod(0o555)
        prefix: tuple[str, ...] = ()
        if os.geteuid() == 0:  # root writes anywhere: be nobody, as a service user would
            if shutil.which("setpriv") is None:
                pytest.skip("running as root without setpriv to become another user")
            prefix = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")
        env = {**os.environ, "HOME": str(home), "SOTTOVOCE_CONFIG": str(home / "none.toml")}
        chat = _chat(data, prefix=prefix, env=env)
        out, err = chat.communicate(
            "what's on my shopping list\nadd plums to the shopping list\n"
            "what's on my shopping list\n",
            timeout=120,
        )
    finally:
        data.chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)
    assert chat.returncode == 0, err
    first, added, listed = out.strip().splitlines()
    assert "kiwis" in first and "plums" in listed  # kept while it runs
    assert "couldn't save it because the store is read-only" in added
    assert err.count("read-only") == 1 and "Traceback" not in err


OPENER = """
import sys, time
from pathlib import Path
from sottovoce.devices import Store

folder, start = Path(sys.argv[1]), float(sys.argv[2])
for n in range(6):
    while time.time() < start + 0.25 * n:
        pass  # every process at the same moment: the first open of a fresh file races
    store = Store.open_sqlite(folder / f"store{n}.sqlite3")
    store.records.setdefault("lists", {"lists": {"shopping": ["eggs"]}})  # as a world seeds it
    store.commit()
"""


def test_processes_starting_together_on_a_fresh_store_all_open_it(tmp_path: Path) -> None:
    # Switching a fresh file to WAL needs it alone, and SQLite's busy handler does not
    # wait for that: this failed 14 times in 160 opens before the open waited itself.
    start = time.time() + 1.5
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(tmp_path), str(start)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    errors = [opener.communicate(timeout=120)[1] for opener in openers]
    assert [opener.returncode for opener in openers] == [0] * 4, errors
    seeded = Store.open_sqlite(tmp_path / "store5.sqlite3").records
    assert seeded == {"lists": {"lists": {"shopping": ["eggs"]}}}
