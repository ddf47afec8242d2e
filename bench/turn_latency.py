"""Benchmark: time per typed turn through the agent, against bare hassil on the same text.

Every `say` of the shipped case file is handled by a fresh agent on the default
world (grammar route, tools, reply). The baseline, in the same run on the same
machine, is one `hassil.recognize_all` call of the same normalized sentence
against the same compiled intents: the floor any hassil-based router pays. The
ratio shows what normalization, splitting, follow-ups, name repair, validation,
rollback and the tools add on top.

    .venv/bin/python bench/turn_latency.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import time

from hassil import recognize_all

from sottovoce.agent.agent import Agent
from sottovoce.agent.grammar import Grammar
from sottovoce.agent.normalize import normalize
from sottovoce.devices import default_world_path, load_world
from sottovoce.eval.cases import load_cases
from sottovoce.tools import Registry


def _sentences() -> list[str]:
    cases = load_cases(default_world_path().parent / "cases.yaml")
    return [turn.say for case in cases.cases for turn in case.turns if turn.say]


async def _agent_times(registry: Registry, grammar: Grammar, sentences: list[str]) -> list[float]:
    times = []
    for text in sentences:
        world = load_world(default_world_path(), virtual=True)
        agent = Agent(registry, world, grammar=grammar)
        start = time.perf_counter()
        await agent.handle(text)
        times.append(time.perf_counter() - start)
    return times


def _hassil_times(grammar: Grammar, sentences: list[str]) -> list[float]:
    times = []
    for text in sentences:
        normalized = normalize(text)
        start = time.perf_counter()
        list(recognize_all(normalized, grammar._intents, slot_lists=grammar._lists))
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    registry = Registry.builtin()
    started = time.perf_counter()
    grammar = Grammar(registry, load_world(default_world_path(), virtual=True))
    compile_s = time.perf_counter() - started
    sentences = _sentences()
    agent_p50, base_p50, agent_p90 = [], [], []
    for _ in range(args.repeat):
        ours = sorted(asyncio.run(_agent_times(registry, grammar, sentences)))
        base = sorted(_hassil_times(grammar, sentences))
        agent_p50.append(statistics.median(ours))
        agent_p90.append(ours[int(len(ours) * 0.9)])
        base_p50.append(statistics.median(base))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ours_ms, base_ms = min(agent_p50) * 1000, min(base_p50) * 1000
    print(f"sentences: {len(sentences)}, tools: {len(registry)}, repeats: {args.repeat}")
    print(f"grammar compile: {compile_s * 1000:.0f} ms")
    print(f"agent turn p50: {ours_ms:.1f} ms, p90: {min(agent_p90) * 1000:.1f} ms")
    print(f"bare hassil p50: {base_ms:.1f} ms")
    print(f"ratio agent/hassil p50: {ours_ms / base_ms:.2f}")
    print(f"peak RSS: {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
