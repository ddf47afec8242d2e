"""Benchmark: typed understanding on case files, with and without Home Assistant's sentences.

Every case file given (default: the shipped cases, the held-out flat, the
blind practice house, the out-of-domain sentences, and Home Assistant's own
English test sentences converted by bench/ha_cases.py when present) is run
through the eval with the grammar alone (no language model), twice in the
same run: with the grammar as shipped (our templates plus Home Assistant's
sentence library) and with our templates alone, the baseline. For each it
prints passed/total, the out-of-domain cases that changed the world, and the
median time per case of both.

    .venv/bin/python bench/understanding.py [CASES.yaml ...]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

from sottovoce.agent.grammar import Grammar
from sottovoce.devices import default_world_path
from sottovoce.eval.cases import load_cases
from sottovoce.eval.evaluate import EvalReport, Evaluator
from sottovoce.tools import Registry

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILES = [
    ROOT / "sottovoce/data/cases.yaml",
    ROOT / "tests/data/holdout/cases.yaml",
    ROOT / "tests/data/blind2/cases.yaml",
    ROOT / "tests/data/ood/cases.yaml",
    ROOT / "bench/data/ha_en/actions-off.yaml",
    ROOT / "bench/data/ha_en/actions-on.yaml",
    ROOT / "bench/data/ha_en/queries.yaml",
]


def _run(path: Path, library: bool) -> tuple[EvalReport, float]:
    cases = load_cases(path)
    world = cases.world or default_world_path()
    registry = Registry.builtin()
    probe = Evaluator(registry, world, use_grammar=False)
    grammar = Grammar(registry, probe.fresh_world(), library=library)
    evaluator = Evaluator(registry, world, grammar=grammar)
    times: list[float] = []

    async def run() -> EvalReport:
        reports = []
        for case in cases.cases:
            start = time.perf_counter()
            reports.append(await evaluator.run_case(case))
            times.append(time.perf_counter() - start)
        return EvalReport(reports)

    report = asyncio.run(run())
    return report, statistics.median(times) if times else 0.0


def main() -> None:
    """Run the benchmark and print one line per case file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    files = args.files or [f for f in DEFAULT_FILES if f.exists()]
    print("| case file | cases | with HA library | our templates alone | ms/case with / alone |")
    print("|---|---|---|---|---|")
    for path in files:
        shipped, with_s = _run(path, library=True)
        alone, alone_s = _run(path, library=False)
        total = len(shipped.cases)
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(
            f"| `{rel}` | {total} | {shipped.passed} ({shipped.passed / total:.1%})"
            f" | {alone.passed} ({alone.passed / total:.1%})"
            f" | {with_s * 1000:.1f} / {alone_s * 1000:.1f} |"
        )


if __name__ == "__main__":
    main()
