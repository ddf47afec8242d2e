"""Soak of the shared store: several processes adding, removing, setting timers, killed at random.

    .venv/bin/python bench/store_soak.py [--processes 4] [--seconds 60] [--kill-every 0.5]
        [--seed 15]

Each worker process opens the same store file and, turn after turn, refreshes,
adds an item to a list or removes one it added, sometimes sets a timer of one to
three seconds, commits, and prints what it confirmed; between turns it takes out
due timers in one store transaction (`Store.exclusive`, as the agent's due
checks do) and prints each one it announces. Every `--kill-every` seconds (on
average) one worker gets kill -9 wherever it is and a new one takes its place.
At the end the store is checked against everything printed: an item confirmed
added and never about to be removed must be there, one confirmed removed must not,
and no timer may be announced twice. A timer claimed by a process killed
before it printed is counted (it is at most once, not exactly once).

The baseline in the same run is one process alone, without kills, for a quarter
of the time: the ratio says what sharing costs per process.
"""

from __future__ import annotations

import argparse
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sottovoce.devices import Store

WORKER = """
import random, sys, time
from datetime import datetime
from pathlib import Path
from sottovoce.devices import Store, Timer

store = Store.open_sqlite(Path(sys.argv[1]))
name, rng, mine = sys.argv[2], random.Random(sys.argv[2]), []
for i in range(10**9):
    with store.exclusive():  # as the agent's due checks run: one process takes each out
        due = store.pop_due_timers(datetime.now())
    for timer in due:
        print("!" + str(timer.label), flush=True)
    started = time.perf_counter()
    store.refresh()
    if rng.random() < 0.3 and mine:
        item = mine.pop(rng.randrange(len(mine)))
        print("~" + item, flush=True)  # killed from here on, kept or removed are both right
        store.lists["shopping"].remove(item)
        sign = "-"
    else:
        item = f"{name}-{i}"
        store.lists.setdefault("shopping", []).append(item)
        mine.append(item)
        sign = "+"
        if rng.random() < 0.2:
            label = "t-" + item
            seconds = rng.randint(1, 3)
            store.timers.append(Timer.start(store.next_id(), seconds, datetime.now(), label))
    store.commit()
    took = time.perf_counter() - started
    print(f"{sign}{item} {took:.6f}", flush=True)
    if sign == "+" and store.timers and store.timers[-1].label == "t-" + item:
        print("@t-" + item, flush=True)
"""


@dataclass
class Tally:
    """What the workers printed: confirmed adds, removals, timers, announcements, turn times."""

    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    removing: set[str] = field(default_factory=set)
    timers: set[str] = field(default_factory=set)
    announced: Counter[str] = field(default_factory=Counter)
    turn_s: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def read(self, worker: subprocess.Popen[str]) -> None:
        """Take in every line the worker prints until it ends."""
        assert worker.stdout is not None
        for line in worker.stdout:
            kind, rest = line[0], line[1:].split()
            if not rest:
                continue  # cut by the kill mid-line: not confirmed
            with self.lock:
                if kind == "!":
                    self.announced[rest[0]] += 1
                elif kind == "~":
                    self.removing.add(rest[0])
                elif kind == "@":
                    self.timers.add(rest[0])
                elif len(rest) == 2:
                    (self.added if kind == "+" else self.removed).add(rest[0])
                    self.turn_s.append(float(rest[1]))
        worker.stdout.close()


def _start(path: Path, name: str, tally: Tally) -> tuple[subprocess.Popen[str], threading.Thread]:
    worker = subprocess.Popen(
        [sys.executable, "-c", WORKER, str(path), name], stdout=subprocess.PIPE, text=True
    )
    reader = threading.Thread(target=tally.read, args=(worker,), daemon=True)
    reader.start()
    return worker, reader


def soak(path: Path, processes: int, seconds: float, kill_every: float | None, seed: int) -> Tally:
    """Run the workers for `seconds`, killing one every `kill_every` s on average."""
    rng, tally = random.Random(seed), Tally()
    running = [_start(path, f"p{n}", tally) for n in range(processes)]
    readers = [reader for _, reader in running]
    kills, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(rng.expovariate(1 / kill_every) if kill_every else end - time.monotonic())
        if kill_every and time.monotonic() < end:
            index = rng.randrange(processes)
            running[index][0].send_signal(signal.SIGKILL)
            kills += 1
            running[index] = _start(path, f"p{index}k{kills}", tally)
            readers.append(running[index][1])
    for worker, _ in running:
        worker.send_signal(signal.SIGKILL)
    for worker, _ in running:
        worker.wait()
    for reader in readers:
        reader.join()
    print(f"  {processes} processes, {seconds:g} s, {kills} kill -9s")
    return tally


def check(path: Path, tally: Tally, seconds: float) -> dict[str, float]:
    """Compare the store with what was confirmed; print and return the figures."""
    store = Store.open_sqlite(path)
    items = set(store.lists.get("shopping", []))
    left = {t.label for t in store.timers}
    figures = {
        "turns": len(tally.turn_s),
        "turns_per_s": len(tally.turn_s) / seconds,
        "turn_p50_ms": 1000 * statistics.median(tally.turn_s),
        "turn_p95_ms": 1000 * statistics.quantiles(tally.turn_s, n=20)[18],
        "lost": len(tally.added - tally.removing - items),
        "came_back": len(tally.removed & items),
        "timers": len(tally.timers),
        "announced_twice": sum(1 for n in tally.announced.values() if n > 1),
        "never_announced": len(tally.timers - set(tally.announced) - left),
    }
    for name, value in figures.items():
        print(f"  {name}: {value:.1f}" if isinstance(value, float) else f"  {name}: {value}")
    return figures


def main() -> None:
    """Run the baseline and the soak; print the figures and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--kill-every", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print("baseline: one process, no kills")
        alone_s = args.seconds / 4
        base = Path(folder) / "alone.sqlite3"
        alone = check(base, soak(base, 1, alone_s, None, args.seed), alone_s)
        print(f"soak: {args.processes} processes, kill -9 every {args.kill_every:g} s on average")
        shared = Path(folder) / "shared.sqlite3"
        many = check(shared, soak(shared, args.processes, args.seconds, args.kill_every,
                                  args.seed), args.seconds)  # fmt: skip
    per_process = many["turns_per_s"] / args.processes / alone["turns_per_s"]
    print(f"turns per second per process, shared / alone: {per_process:.2f}")
    print(f"turn p50 shared / alone: {many['turn_p50_ms'] / alone['turn_p50_ms']:.2f}")


if __name__ == "__main__":
    main()
