"""Benchmark: does the language model do harm? False actions on out-of-domain sentences.

Runs case files in-process on one loaded model (the default, SmolLM2-135M via
llama.cpp), each in several set-ups, in the same run:

- `grammar`: the sentence grammar alone (`--engine none`);
- `before`: grammar + model with the model guard off (no tool grounding, no
  reply checks, no repeat penalty): the router as it was before issue 13 part 5;
- `after`: grammar + model as shipped;
- `before-nogrammar` / `after-nogrammar`: the model alone (`--no-grammar`).

For the out-of-domain set (every case `expect: {state: {}}`) a failed case is
a false action: the world changed. For command sets the figure is cases passed.

    .venv/bin/python bench/llm_harm.py [--sets ood,ood_blind,ood2,ood3,ood4,cases,holdout]
        [--json out.json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sottovoce.agent.grounding import Grounding
from sottovoce.agent.router import spoken_reply
from sottovoce.cli.llm import local_model
from sottovoce.eval.cases import load_cases
from sottovoce.eval.evaluate import Evaluator
from sottovoce.models import toolcall
from sottovoce.models.llamacpp import REPEAT_PENALTY, LlamaCppEngine
from sottovoce.models.llm_config import LLMConfig
from sottovoce.tools import Registry

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "ood": ROOT / "bench/data/ood_dev.yaml",
    "cases": ROOT / "sottovoce/data/cases.yaml",
    "holdout": ROOT / "tests/data/holdout/cases.yaml",
    # Written blind by people who had not read the code (tests/data/*/README.md).
    "ood_blind": ROOT / "tests/data/ood/cases.yaml",
    "ood2": ROOT / "tests/data/ood2/cases.yaml",
    "ood3": ROOT / "tests/data/ood3/cases.yaml",
    "ood4": ROOT / "tests/data/ood4/cases.yaml",
}
# (label, use the model, use the grammar, guard on)
SETUPS = {
    "ood": [
        ("grammar", False, True, True),
        ("before", True, True, False),
        ("after", True, True, True),
    ],
    "cases": [
        ("before", True, True, False),
        ("after", True, True, True),
        ("before-nogrammar", True, False, False),
        ("after-nogrammar", True, False, True),
    ],
}


@contextlib.contextmanager
def guard_off(engine: LlamaCppEngine) -> Iterator[None]:
    """The router as it was: every grounded call carried out, every reply said, no penalty."""
    refused, reply = Grounding.refused, Grounding.reply
    Grounding.refused = lambda self, spec, text: None  # type: ignore[method-assign]
    Grounding.reply = _said_as_is  # type: ignore[method-assign,assignment]
    engine.repeat_penalty = 1.0
    try:
        yield
    finally:
        Grounding.refused, Grounding.reply = refused, reply  # type: ignore[method-assign]
        engine.repeat_penalty = REPEAT_PENALTY


def _said_as_is(self: Grounding, text: str, said: str) -> tuple[str | None, str]:
    return spoken_reply(text), ""


def run(path: Path, engine: LlamaCppEngine | None, grammar: bool, every: int) -> dict[str, Any]:
    """One case file in one set-up: the eval report as JSON, plus its wall time."""
    cases = load_cases(path)
    cases = dataclasses.replace(cases, cases=cases.cases[::every])
    if cases.world is None:
        raise SystemExit(f"{path}: the case file names no world")
    registry = Registry.builtin()
    evaluator = Evaluator(registry, cases.world, engine=engine, use_grammar=grammar)
    started = time.perf_counter()
    report = asyncio.run(evaluator.run(cases))
    result = report.as_json()
    result["wall_s"] = round(time.perf_counter() - started, 1)
    return result


def measure(name: str, engine: LlamaCppEngine, only: str, every: int) -> dict[str, dict[str, Any]]:
    """Every set-up of one case set (whose label contains `only`)."""
    out = {}
    for label, model, grammar, guard in SETUPS["ood" if name.startswith("ood") else "cases"]:
        if only not in label:
            continue
        chosen = engine if model else None
        with contextlib.nullcontext() if guard else guard_off(engine):
            out[label] = run(SETS[name], chosen, grammar, every)
        report = out[label]
        print(f"{name:8} {label:17} {report['passed']:4} passed {report['failed']:4} failed"
              f"  ({report['wall_s']} s)", flush=True)  # fmt: skip
    return out


def false_actions(report: dict[str, Any]) -> list[str]:
    """The cases whose world changed, with what was heard and called."""
    lines = []
    for case in report["cases"]:
        if case["passed"]:
            continue
        for turn in case["turns"]:
            calls = ", ".join(f"{c['tool']}{c['args']}" for c in turn["calls"])
            lines.append(f"{case['id']}: {turn['heard']!r} -> {turn['route']}: {calls}")
    return lines


def main() -> int:
    """Run the chosen sets and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="ood,cases,holdout")
    parser.add_argument("--json", type=Path, help="write every report here")
    # One thread: llama.cpp's threads spin while they wait for each other, and
    # on a shared 2-core machine two threads ran a turn 100 times slower.
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--only", default="", help="only set-ups whose label contains this")
    parser.add_argument("--every", type=int, default=1, help="every Nth case (a sample)")
    args = parser.parse_args()
    engine = LlamaCppEngine(local_model(None), LLMConfig(threads=args.threads))
    print(f"model: {engine.model_path.name}; reply at most {toolcall.REPLY_CHARS} characters")
    results = {name: measure(name, engine, args.only, args.every) for name in args.sets.split(",")}
    for name, reports in results.items():
        for label in ("grammar", "before", "after") if name.startswith("ood") else ():
            if label in reports:
                print(f"\nfalse actions, {name}, {label}:")
                print("\n".join(f"  {line}" for line in false_actions(reports[label])))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    engine.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
