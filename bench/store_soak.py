"""Soak of the shared store: several processes adding, removing, setting timers, killed at random.

    .venv/bin/python bench/store_soak.py [--processes 4] [--seconds 60] [--kill-every 0.5]
        [--seed 15]

Each worker process opens the same store file and, turn after turn, refreshes,
adds an item to the lists plugin's shopping list or removes one it added,
sometimes sets a timer of one to three seconds through the timers plugin's tool,
commits, and prints what it confirmed; between turns it runs the plugins' due
checks as the agent does (`fire_due`: one store transaction) and prints each
timer it announces. Every `--kill-every` seconds (on
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
from pathlib import Path
from sottovoce.agent.announce import fire_due
from sottovoce.devices import Store, parse_world
from sottovoce.tools import Registry, ToolContext
from sottovoce.tools.builtin import lists, timers

store = Store.open_sqlite(Path(sys.argv[1]))
world = parse_world({"name": "soak"}, "soak", store=store)
registry = Registry([lists.plugin, timers.plugin])
registry.attach(world)
name, rng, mine = sys.argv[2], random.Random(sys.argv[2]), []
for i in range(10**9):
    for said in fire_due(world, registry):  # the agent's due checks: one process takes each out
        print("!" + said.split()[1], flush=True)  # "Your t-w0-3 timer is done." -> its label
    started = time.perf_counter()
    store.refresh()
    shop = ToolContext(world=world, plugin="lists").records
    kept = shop.get("lists", {})
    if rng.random() < 0.3 and mine:
        item = mine.pop(rng.randrange(len(mine)))
        print("~" + item, flush=True)  # killed from here on, kept or removed are both right
        kept["shopping"].remove(item)
        sign = "-"
    else:
        item = f"{name}-{i}"
        kept.setdefault("shopping", []).append(item)
        mine.append(item)
        sign = "+"
        if rng.random() < 0.2:
            ctx = ToolContext(world=world, plugin="timers")
            timers.timer_start(ctx, seconds=rng.randint(1, 3), label="t-" + item)
    shop["lists"] = kept
    store.commit()
    took = time.perf_counter() - started
    print(f"{sign}{item} {took:.6f}", flush=True)
    if any(t.get("label") == "t-" + item for t in store.records.get("timers", {}).values()):
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
    items = set(store.records.get("lists", {}).get("lists", {}).get("shopping", []))
    left = {t.get("label") for t in store.records.get("timers", {}).values()}
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
