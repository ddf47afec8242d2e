"""`sottovoce demo`, run again and again: is every scripted line heard and acted on, every run?

Each run is a fresh process. A run passes when every line of the script
appears among the `you:` lines word for word (case and punctuation aside),
every turn did something (no `route: none`), the unlock was asked and done,
and the announcement was talked over. Prints each run and the per-turn
latency (end of speech to first reply audio) over all runs.

    python bench/demo_runs.py [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from sottovoce.voice.demo import DEMO_SCRIPT


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def check(out: str) -> list[str]:
    """What went wrong in one run's output (nothing: it passed)."""
    lines = out.splitlines()
    heard = [_words(line.removeprefix("you: ")) for line in lines if line.startswith("you: ")]
    problems = [f"not heard: {line!r}" for line in DEMO_SCRIPT if _words(line) not in heard]
    if any("(route: none)" in line for line in lines):
        problems.append("a turn did nothing")
    if "sottovoce: The front door is unlocked." not in lines:
        problems.append("the door was not unlocked")
    if "  (interrupted: the user spoke)" not in lines:
        problems.append("the announcement was not talked over")
    return problems


def _load() -> str:
    """The 1, 5 and 15 minute load averages: how busy the machine was."""
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def main() -> None:
    """Run the demo `--runs` times; print each run's problems and the latencies."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    passed, latencies = 0, []
    print(f"load average at the start: {_load()}", flush=True)
    for run in range(1, args.runs + 1):
        began = time.perf_counter()
        done = subprocess.run(
            [str(Path(sys.executable).parent / "sottovoce"), "demo"],
            capture_output=True,
            text=True,
            check=False,
        )
        problems = check(done.stdout) if done.returncode == 0 else [f"exit {done.returncode}"]
        passed += not problems
        latencies += [float(m.group(1)) for m in re.finditer(r"latency: ([0-9.]+) s", done.stdout)]
        took = time.perf_counter() - began
        print(
            f"run {run}: {'ok' if not problems else '; '.join(problems)} ({took:.0f} s)", flush=True
        )
        if problems:
            print(done.stdout, done.stderr, sep="\n", flush=True)
    print(f"{passed} of {args.runs} runs heard every line and did every action")
    print(f"load average at the end: {_load()}")
    if latencies:
        cuts = statistics.quantiles(latencies, n=10)
        print(
            "per turn, end of speech to first reply audio: "
            f"p50 {statistics.median(latencies):.2f} s, p90 {cuts[8]:.2f} s "
            f"over {len(latencies)} turns"
        )


if __name__ == "__main__":
    main()
