"""Benchmark: end of speech to the first audio of the reply, streaming against a naive turn.

The single-turn commands of the held-out cases (tests/data/holdout) are spoken
by piper with the shipped voice (`bench/spoken_cases.py`), with `--silence`
seconds of silence after the words in all (1.0 by default: a microphone goes on
delivering after the user stops). Each clip is then fed at microphone pace
through several paths, interleaved in the same run, with the same speech model
and recognizer as `sottovoce run` and `sottovoce eval` (whisper biased to the
world's commands, grammar-aware: `--speech agent`; `--speech names` is plain
whisper with the world's names, what this bench used before 2026-12-05 21:00),
the same agent and the same voice:

- stream: recognized while it arrives (`Hearing.hear`, ending the turn early
  when the agent says the words so far are a whole command), then the agent,
  then the first sentence of the reply is synthesized;
- stream_wait: the same, but always waiting out the endpoint's silence (0.6 s):
  what grammar-aware endpointing saves;
- naive: told exactly when speech ended (the VAD's end of speech in the whole
  clip, known in advance), it transcribes the speech then, then the agent,
  then the first sentence: the fair sequential baseline, with no endpoint to
  wait for; it uses the same recognizer as the streaming paths, with the
  window whisper reads cut to the audio (`STTConfig.window_pad_s`);
- naive_30s: the same, with whisper reading its usual 30 s window, as
  faster-whisper's own `transcribe` does (and sottovoce did before).

With `--before`, the paths of before (`bench/latency_before.py`): the old
endpointing, and the voice's settings of b91767b.

Latency is `stt_final + turn + first_audio` for both: the final transcript's
wait after the end of speech (as that path's VAD placed it), the agent's turn,
and the synthesis of the reply's first sentence, one after another, as
`sottovoce eval` reports `speech_end_to_first_audio`. Each run gets a fresh
world and agent. Clips are grouped by the route their typed text takes
(grammar, llm, ...); `--limit` keeps at most that many clips per route, spread
over the file. Which path runs first alternates from clip to clip.

    .venv/bin/python bench/voice_latency.py [--limit 30] [--no-llm] [--before] [--json OUT]
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import math
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from latency_before import BEFORE, OLD, hear_as_before, old_voice, unscored
from spoken_cases import piper

from sottovoce.agent.agent import Agent
from sottovoce.agent.grammar import Grammar
from sottovoce.agent.toolselect import ToolSelector
from sottovoce.cli.llm import add_llm_options, open_llm
from sottovoce.cli.speech import open_ears
from sottovoce.devices import World, load_world
from sottovoce.eval.cases import Case, load_cases
from sottovoce.eval.wer import word_error_rate, words
from sottovoce.models import LLMEngine
from sottovoce.models.catalog import Catalog, default_models_dir
from sottovoce.models.stt_choice import GrammarAwareSTT
from sottovoce.models.tts import PiperTTS, voice_path
from sottovoce.tools import Registry
from sottovoce.voice.audio import FileSource, MemorySource, read_all
from sottovoce.voice.hearing import Heard, Hearing

HOLDOUT = Path(__file__).parent.parent / "tests" / "data" / "holdout"
PATHS = ["stream", "stream_wait", "naive", "naive_30s"]
CLIP_SILENCE_S = 0.5  # what spoken_cases.piper already puts after the words
RATE = 16_000


@dataclass
class Run:
    """One clip through one path."""

    heard: str
    route: str
    stt_final: float
    turn: float
    first_audio: float
    latency: float
    words: float = 0.0  # end of speech to the words alone (streaming: the endpoint may come later)


@dataclass
class Clip:
    """A spoken command and what its typed text does."""

    id: str
    said: str
    area: str | None
    route: str  # of the typed text
    pcm: bytes = b""


class Bench:
    """The shared models and world of one run."""

    def __init__(self, registry: Registry, world_path: Path, engine: LLMEngine | None) -> None:
        self.registry = registry
        self.world_path = world_path
        self.engine = engine
        first = self.world()
        self.grammar = Grammar(registry, first)
        self.selector = ToolSelector(registry, first) if engine is not None else None

    def world(self) -> World:
        """A fresh copy of the world on a virtual clock."""
        return load_world(self.world_path, virtual=True)

    def agent(self) -> Agent:
        """A fresh agent on a fresh world."""
        return Agent(
            self.registry,
            self.world(),
            self.engine,
            grammar=self.grammar,
            selector=self.selector,
        )


def _commands(path: Path) -> tuple[list[Case], Path]:
    """The single-turn spoken commands of a case file, and its world."""
    found = load_cases(path)
    if found.world is None:
        raise SystemExit(f"{path} names no world")
    cases = found.cases
    turns = [c for c in cases if len(c.turns) == 1 and c.turns[0].say and not c.turns[0].advance_s]
    return turns, found.world


async def _typed_routes(bench: Bench, cases: list[Case]) -> list[Clip]:
    clips = []
    for case in cases:
        turn = case.turns[0]
        area = turn.area or case.area
        result = await bench.agent().handle(turn.say or "", area=area)
        clips.append(Clip(case.id, turn.say or "", area, result.route))
    return clips


def _spread(clips: list[Clip], limit: int | None) -> list[Clip]:
    """At most `limit` clips per route, evenly spaced over the file."""
    chosen: list[Clip] = []
    for route in sorted({c.route for c in clips}):
        mine = [c for c in clips if c.route == route]
        step = 1 if limit is None else max(1, math.ceil(len(mine) / limit))
        chosen += mine[::step][:limit]
    order = {c.id: i for i, c in enumerate(clips)}
    return sorted(chosen, key=lambda c: order[c.id])


def _speak(clips: list[Clip], silence_s: float) -> None:
    speak = piper(None, None)
    tail = bytes(int(max(0.0, silence_s - CLIP_SILENCE_S) * RATE) * 2)
    with tempfile.TemporaryDirectory() as tmp:
        for clip in clips:
            path = Path(tmp) / f"{clip.id}.wav"
            speak(clip.said, path)
            clip.pcm = read_all(FileSource(path)) + tail


def _first_audio_s(voice: PiperTTS, text: str) -> float:
    """Seconds to synthesize the first sentence of `text` (0 when there is nothing to say)."""
    if not text.strip():
        return 0.0
    started = time.perf_counter()
    sentences = voice.sentences(text)
    next(sentences, None)
    elapsed = time.perf_counter() - started
    sentences.close()  # type: ignore[attr-defined]  # a generator: the rest is not needed
    return elapsed


def full_window(stt: Any) -> Any:
    """The same loaded model and way of choosing, reading whisper's whole 30 s window."""
    if isinstance(stt, GrammarAwareSTT):
        return GrammarAwareSTT(
            full_window(stt.stt), stt.accepts, margin=stt.margin, count=stt.count
        )
    whole = copy.copy(stt)
    whole.config = replace(stt.config, window_pad_s=None)
    return whole


def told_the_end(ears: Hearing, pcm: bytes, stt: Any = None) -> Heard:
    """Transcribe the speech of `pcm` the moment it ends, as if told when that is."""
    spans = ears.vad.speech_spans(pcm)
    duration = len(pcm) / 2 / RATE
    if not spans:
        return Heard("", None, 0.0, duration)
    begin, end = spans[0][0], spans[-1][1]
    speech = pcm[2 * int(begin * RATE) : 2 * int(end * RATE)]
    started = time.perf_counter()
    text = (stt or ears.stt).transcribe(speech, ears.prompt).text
    return Heard(text, end, time.perf_counter() - started, duration)


async def _run(bench: Bench, voice: PiperTTS, hear: Callable[[Agent], Heard], clip: Clip) -> Run:
    """One clip through one path: heard, handled by a fresh agent, the first sentence said."""
    agent = bench.agent()
    heard = await asyncio.to_thread(hear, agent)
    result = await agent.handle(heard.text, area=clip.area)
    first = await asyncio.to_thread(_first_audio_s, voice, result.reply)
    turn = result.timings_s["turn"]
    latency = heard.stt_final_s + turn + first
    words = heard.words_s or heard.stt_final_s
    return Run(heard.text, result.route, heard.stt_final_s, turn, first, latency, words)


async def measure(
    bench: Bench, ears: Hearing, voices: dict[str, PiperTTS], clips: list[Clip]
) -> dict[str, list[Run]]:
    """Each clip through every path, the first path alternating.

    `voices` has the voice of every path under its name, or under "" for all others.
    """
    results: dict[str, list[Run]] = {path: [] for path in PATHS}
    old = unscored(ears)
    whole = full_window(ears.stt)
    for index, clip in enumerate(clips):
        # The streaming path ends a turn early when its words are a whole command.
        hears: dict[str, Callable[[Agent], Heard]] = {
            "stream": lambda agent, pcm=clip.pcm: ears.hear(
                MemorySource(pcm), realtime=True, complete=agent.would_act
            ),
            "stream_wait": lambda agent, pcm=clip.pcm: ears.hear(MemorySource(pcm), realtime=True),
            "naive": lambda agent, pcm=clip.pcm: told_the_end(ears, pcm),
            "naive_30s": lambda agent, pcm=clip.pcm: told_the_end(ears, pcm, whole),
            BEFORE: lambda agent, pcm=clip.pcm: hear_as_before(old, pcm, agent.would_act),
            OLD: lambda agent, pcm=clip.pcm: ears.hear(
                MemorySource(pcm), realtime=True, complete=agent.would_act
            ),
        }
        first = index % len(PATHS)
        order = PATHS[first:] + PATHS[:first]  # each path first in turn
        runs = {
            path: await _run(bench, voices.get(path, voices[""]), hears[path], clip)
            for path in order
        }
        for path in PATHS:
            results[path].append(runs[path])
        print(
            f"{clip.id} [{clip.route}]: "
            + ", ".join(f"{p} {runs[p].latency:.2f} s ({runs[p].route})" for p in PATHS),
            flush=True,
        )
    return results


def _quantile(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q * 100) - 1]


def _stats(runs: list[Run]) -> dict[str, float]:
    def q(name: str, p: float) -> float:
        return round(_quantile([getattr(r, name) for r in runs], p), 4)

    figures = {f"p50_{n}": q(n, 0.5) for n in ("stt_final", "words", "turn", "first_audio")}
    # Clips whose final waited for the endpoint's silence after the words were known.
    waited = [r.stt_final - r.words for r in runs if r.stt_final - r.words > 0.005]
    figures["waited"] = len(waited)
    figures["p50_wait"] = round(statistics.median(waited), 4) if waited else 0.0
    return {**figures, "p50": q("latency", 0.5), "p90": q("latency", 0.9)}


def _wer(clips: list[Clip], runs: list[Run]) -> float:
    total = sum(len(words(c.said)) for c in clips)
    pairs = zip(clips, runs, strict=True)
    errors = sum(word_error_rate(c.said, r.heard) * len(words(c.said)) for c, r in pairs)
    return round(errors / total, 4)


def summarize(clips: list[Clip], results: dict[str, list[Run]]) -> dict[str, Any]:
    """Per route and over all: p50/p90 per path, the ratio of p50s, word error rates."""
    groups = {"all": list(range(len(clips)))}
    for route in sorted({c.route for c in clips}):
        groups[route] = [i for i, c in enumerate(clips) if c.route == route]
    summary: dict[str, Any] = {}
    for name, indexes in groups.items():
        mine = [clips[i] for i in indexes]
        row: dict[str, Any] = {"clips": len(indexes)}
        for path in PATHS:
            runs = [results[path][i] for i in indexes]
            row[path] = {**_stats(runs), "wer": _wer(mine, runs)}
            row[path]["other_route"] = sum(
                r.route != c.route for r, c in zip(runs, mine, strict=True)
            )
        row["ratio_p50"] = round(row["stream"]["p50"] / row["naive"]["p50"], 3)
        row["ratio_p50_wait"] = round(row["stream_wait"]["p50"] / row["naive"]["p50"], 3)
        row["ratio_p50_30s"] = round(row["stream"]["p50"] / row["naive_30s"]["p50"], 3)
        for path in (BEFORE, OLD):
            if path in row:
                row[f"ratio_p50_{path}_30s"] = round(row[path]["p50"] / row["naive_30s"]["p50"], 3)
        summary[name] = row
    return summary


def report(summary: dict[str, Any]) -> None:
    """The summary as a table."""
    print(
        "\n| route | clips | path | p50 (s) | p90 (s) | p50 stt_final | p50 words "
        "| waited for silence (clips, p50 s) | p50 turn | p50 first_audio | WER | other route |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, row in summary.items():
        for path in PATHS:
            s = row[path]
            print(
                f"| {name} | {row['clips']} | {path} | {s['p50']:.3f} | {s['p90']:.3f} "
                f"| {s['p50_stt_final']:.3f} | {s['p50_words']:.3f} "
                f"| {s['waited']}, {s['p50_wait']:.3f} "
                f"| {s['p50_turn']:.3f} | {s['p50_first_audio']:.3f} "
                f"| {s['wer']:.3f} | {s['other_route']} |"
            )
    print()
    for name, row in summary.items():
        print(
            f"ratio of p50s to naive, {name}: stream {row['ratio_p50']:.3f}, "
            f"stream_wait {row['ratio_p50_wait']:.3f}; "
            f"stream to naive_30s {row['ratio_p50_30s']:.3f}"
            + "".join(
                f", {path} to naive_30s {row[f'ratio_p50_{path}_30s']:.3f}"
                for path in (BEFORE, OLD)
                if path in row
            )
        )


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="at most this many clips per route")
    parser.add_argument("--silence", type=float, default=1.0, help="seconds after the words")
    parser.add_argument("--no-llm", action="store_true", help="grammar only (no language model)")
    parser.add_argument("--json", type=Path, dest="json_out", help="write the figures here")
    parser.add_argument(
        "--cases",
        type=Path,
        default=HOLDOUT / "cases.yaml",
        help="a case file (its world is used); the held-out cases by default",
    )
    parser.add_argument(
        "--before",
        action="store_true",
        help=f"add the paths {BEFORE} and {OLD} (before/after; bench/latency_before.py)",
    )
    parser.add_argument(
        "--speech",
        choices=("agent", "names"),
        default="agent",
        help="agent: the recognizer `run` and `eval` use (grammar-aware, example prompt); "
        "names: plain whisper with the world's names as prompt (the bench before 2026-12-05 21:00)",
    )
    add_llm_options(parser)
    args = parser.parse_args()
    if args.before:
        PATHS.extend([BEFORE, OLD])
    if args.no_llm:
        args.engine = "none"
    commands, world_path = _commands(args.cases)
    engine = open_llm(args, required=False)
    bench = Bench(Registry.builtin(), world_path, engine)
    try:
        clips = _spread(asyncio.run(_typed_routes(bench, commands)), args.limit)
        _speak(clips, args.silence)
        ears = open_ears(world_path, registry=bench.registry if args.speech == "agent" else None)
        path = voice_path(Catalog(default_models_dir()))
        voices = {"": PiperTTS(path)} | ({OLD: old_voice(path)} if args.before else {})
        # The first calls pay for loading; an agent has heard and spoken before.
        ears.hear(MemorySource(clips[0].pcm))
        for voice in voices.values():
            _first_audio_s(voice, "Warming up.")
        load = os.getloadavg()[0]
        results = asyncio.run(measure(bench, ears, voices, clips))
    finally:
        if engine is not None:
            engine.close()
    engine_name = "none" if engine is None else type(engine).__name__
    print(
        f"\n{len(clips)} clips, {os.cpu_count()} CPUs, language model: {engine_name}, "
        f"speech: {args.speech}"
    )
    print(f"load average: {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    summary = summarize(clips, results)
    report(summary)
    if args.json_out is not None:
        data = {
            "clips": [
                {"id": c.id, "said": c.said, "route": c.route}
                | {p: asdict(results[p][i]) for p in PATHS}
                for i, c in enumerate(clips)
            ],
            "summary": summary,
        }
        args.json_out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
