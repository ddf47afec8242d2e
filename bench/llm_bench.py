"""Benchmark: the llama.cpp engine against llama-cpp-python called directly, and the prefix cache.

1. Tokens per second of a constrained tool call through `LlamaCppEngine.decide`
   (streaming, reply-text extraction, parsing) against one direct
   `Llama.create_chat_completion` call with the same messages, the same
   grammar object and the same sampling settings, on the same loaded model;
   once with the prompt already in the KV cache (generation alone) and once
   with the cache cleared before every run (prompt evaluation included). Runs
   alternate, so both see the same machine load; ratios of medians.
2. Time to the first generated piece of a second turn, with the KV cache of
   the first turn kept (the static system prompt is reused) and with it
   cleared (`forget()`, everything evaluated again); ratio of medians.
3. Peak memory (max RSS) of `sottovoce eval` on a few cases with the default
   model, against the same command with `--engine none`, each in its own process.

    .venv/bin/python bench/llm_bench.py [--repeat 7] [--model PATH]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sottovoce.agent.prompt import build_messages, static_prompt
from sottovoce.agent.toolselect import ToolSelector
from sottovoce.cli.llm import local_model
from sottovoce.devices import default_world_path, load_world
from sottovoce.models import ChatMessage, ToolSchema
from sottovoce.models.llamacpp import LlamaCppEngine
from sottovoce.models.llm import chat_messages
from sottovoce.models.llm_config import LLMConfig
from sottovoce.tools import Registry

SENTENCES = (
    "could you switch the reading lamp on",
    "i would like the bedroom blinds down",
    "how warm is it in the kitchen right now",
    "put oat milk on the shopping list",
)


def _turn(
    selector: ToolSelector, static: str, text: str
) -> tuple[list[ChatMessage], list[ToolSchema]]:
    tools = selector.schemas(selector.select(text))
    return build_messages(static, tools, [], text), tools


def _ours(
    engine: LlamaCppEngine,
    messages: list[ChatMessage],
    tools: list[ToolSchema],
    cold: bool,
    listen: bool = False,
) -> tuple[float, str]:
    if cold:
        engine.forget()
    started = time.perf_counter()
    decision = engine.decide(messages, tools, (lambda text: None) if listen else None)
    return time.perf_counter() - started, decision.raw


def _direct(
    engine: LlamaCppEngine, messages: list[ChatMessage], tools: list[ToolSchema], cold: bool
) -> tuple[float, str, int]:
    if cold:
        engine.forget()
    config = engine.config
    grammar = engine.grammar_for(tools)  # cached: the same object the engine uses
    started = time.perf_counter()
    result = engine.llm.create_chat_completion(
        messages=chat_messages(messages),  # type: ignore[arg-type]
        grammar=grammar,
        temperature=config.temperature,
        top_k=config.top_k,
        top_p=config.top_p,
        max_tokens=config.max_tokens,
        seed=config.seed,
    )
    elapsed = time.perf_counter() - started
    text = str(result["choices"][0]["message"]["content"])  # type: ignore[index]
    return elapsed, text, int(result["usage"]["completion_tokens"])  # type: ignore[index]


def _direct_text(
    engine: LlamaCppEngine, messages: list[ChatMessage], tools: list[ToolSchema], cold: bool
) -> tuple[float, str]:
    elapsed, text, _ = _direct(engine, messages, tools, cold)
    return elapsed, text


def tokens_per_second(engine: LlamaCppEngine, turns: list, repeat: int, cold: bool) -> None:
    """Generated tokens per second of wall time; `cold` clears the KV cache before each run.

    Cold runs include evaluating the whole prompt; warm runs find the same
    prompt cached (each is run once first), so they time generation itself.
    The engine is timed as a tool call is made (nobody listening for reply
    text) and streaming to a listener, as a spoken answer is made.
    """
    times: dict[str, list[float]] = {"engine": [], "streaming": [], "direct": []}
    for _ in range(repeat):
        for messages, tools in turns:
            # Re-tokenizing the text would undercount (constrained generation often
            # picks shorter tokens), so every run is credited with the tokens the
            # direct call reports generating for the same, identical output.
            runs: dict[str, Callable[[], tuple[float, str]]] = {
                "direct": partial(_direct_text, engine, messages, tools, cold),
                "engine": partial(_ours, engine, messages, tools, cold),
                "streaming": partial(_ours, engine, messages, tools, cold, True),
            }
            if not cold:
                engine.decide(messages, tools)
            _, expected, tokens = _direct(engine, messages, tools, cold)
            for name, run in runs.items():
                if not cold:
                    engine.decide(messages, tools)
                elapsed, text = run()
                assert text == expected, (name, text, expected)
                times[name].append(tokens / elapsed)
    a, s, b = (statistics.median(times[k]) for k in ("engine", "streaming", "direct"))
    label = "prompt evaluated every time" if cold else "prompt already cached"
    print(
        f"tool call tokens/s ({label}): engine {a:.1f}, engine streaming {s:.1f}, "
        f"direct llama-cpp-python {b:.1f}; ratios {a / b:.3f} and {s / b:.3f}"
    )


def _first_piece(
    engine: LlamaCppEngine, messages: list[ChatMessage], tools: list[ToolSchema]
) -> float:
    started = time.perf_counter()
    stream = engine.stream(messages, tools)
    next(stream)
    elapsed = time.perf_counter() - started
    for _ in stream:
        pass
    return elapsed


def prefix_cache(engine: LlamaCppEngine, turns: list, repeat: int) -> None:
    cached, cold = [], []
    pairs = list(zip(turns, turns[1:] + turns[:1], strict=True))
    for _ in range(repeat):
        for first, second in pairs:
            engine.forget()
            engine.decide(*first)  # turn one fills the cache
            cached.append(_first_piece(engine, *second))
            engine.forget()
            cold.append(_first_piece(engine, *second))
    a, b = statistics.median(cached), statistics.median(cold)
    print(
        f"second-turn time to first token: cached prefix {a * 1000:.0f} ms, "
        f"cleared cache {b * 1000:.0f} ms, ratio {a / b:.3f}"
    )


def _max_rss_mb(args: list[str]) -> float:
    code = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=False,"
        " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        " print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    return int(out.stdout.strip()) / 1024


def peak_memory() -> None:
    cases = """cases:
  - id: grammar
    turns: [{say: turn on the kitchen light}]
  - id: model
    turns: [{say: could you possibly illuminate the reading area}]
"""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.yaml"
        path.write_text(cases, encoding="utf-8")
        exe = str(Path(sys.executable).with_name("sottovoce"))
        with_model = _max_rss_mb([exe, "eval", str(path), "-q"])
        without = _max_rss_mb([exe, "eval", str(path), "-q", "--engine", "none"])
    print(
        f"peak RSS of `sottovoce eval`: with the default model {with_model:.0f} MB, "
        f"grammar only {without:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--model", type=Path, help="GGUF file (default: the default model)")
    args = parser.parse_args()
    model = args.model or local_model(None)
    config = LLMConfig()
    print(f"model {model.name}, {config.n_threads} threads, {os.cpu_count()} CPUs")
    engine = LlamaCppEngine(model, config)
    world = load_world(default_world_path())
    selector = ToolSelector(Registry.builtin(), world)
    static = static_prompt(world)
    turns = [_turn(selector, static, text) for text in SENTENCES]
    engine.decide(*turns[0])  # warm up: page the weights in
    tokens_per_second(engine, turns, args.repeat, cold=False)
    tokens_per_second(engine, turns, args.repeat, cold=True)
    prefix_cache(engine, turns, args.repeat)
    engine.close()
    peak_memory()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(this benchmark process: max RSS {rss:.0f} MB)")


if __name__ == "__main__":
    main()
