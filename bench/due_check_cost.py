"""What the voice loop's due check costs when nothing is due, on a real store file.

    .venv/bin/python bench/due_check_cost.py [--checks 2000] [--items 0,100,1000]

The voice loop runs every plugin's due checks four times a second, inside one
store transaction (`fire_due`). This times that with nothing due, on the
default world with the built-in plugins, while the lists plugin holds 0, 100 or
1000 items; the baseline in the same run is one `Store.refresh()` (what every
turn starts with), so the ratio holds on a busy machine.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from functools import partial
from pathlib import Path

from sottovoce.agent.agent import Agent
from sottovoce.agent.announce import fire_due
from sottovoce.devices import Store, default_world_path, load_world
from sottovoce.tools import Registry


def _per_call_ms(call: object, checks: int) -> float:
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(checks):
            call()  # type: ignore[operator]
        samples.append((time.perf_counter() - start) / checks * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checks", type=int, default=2000)
    parser.add_argument("--items", default="0,100,1000")
    args = parser.parse_args()
    for items in (int(n) for n in args.items.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            store = Store.open_sqlite(Path(folder) / "store.sqlite3")
            world = load_world(default_world_path(), store=store, virtual=True)
            registry = Registry.builtin()
            Agent(registry, world)  # attaches the plugins, seeds the lists
            shopping = store.records["lists"]["lists"].setdefault("shopping", [])
            shopping += [f"item {i}" for i in range(items)]
            store.commit()
            due = _per_call_ms(partial(fire_due, world, registry), args.checks)
            refresh = _per_call_ms(store.refresh, args.checks)
            print(f"{items:>5} items: due check {due:.3f} ms, refresh {refresh:.3f} ms,"
                  f" ratio {due / refresh:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
