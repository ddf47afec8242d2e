"""Benchmark: end of speech to final transcript, streaming against whole-clip recognition.

On the committed spoken commands of tests/data/audio (transcripts in
SOURCES.md), with the default speech model, in the same run, interleaved:

- naive: the clip is fed at microphone pace; once it has all arrived, its
  speech (found by the VAD) is transcribed (`hear_whole` in
  tests/voice/speech_fakes.py);
- stream: fed at microphone pace into the streaming path (`Hearing.hear`),
  with partial transcripts on, as `sottovoce listen` shows them;
- stream, no partials: the same without partials, as spoken eval turns run.

The clips end where their speech ends, but a microphone goes on delivering
silence after the user stops, so `--silence` seconds (1.0 by default) are
appended to every clip for every path. Latency is each path's `stt_final_s`:
from the end of speech (as that path's VAD placed it) to the final transcript.
The order of the paths rotates from round to round so that drift in the
machine's load falls on all of them alike.

    .venv/bin/python bench/stream_bench.py [--repeat 3] [--silence 1.0]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from sottovoce.eval.wer import word_error_rate, words
from sottovoce.models.catalog import Catalog, default_models_dir
from sottovoce.models.stt import STTConfig, WhisperSTT
from sottovoce.models.stt_files import whisper_dir
from sottovoce.models.vad import SileroVAD
from sottovoce.voice.audio import FileSource, MemorySource, read_all
from sottovoce.voice.hearing import PAUSE_S, Heard, Hearing
from sottovoce.voice.partials import Partial

sys.path.insert(0, str(Path(__file__).parent.parent))
from tests.voice.speech_fakes import hear_whole  # noqa: E402

AUDIO = Path(__file__).parent.parent / "tests" / "data" / "audio"
CLIPS = {
    "kitchen-light-on.wav": "turn on the kitchen light please",
    "timer-ten-minutes.wav": "set a timer for 10 minutes",
    "alexa-turn-on-the-light.wav": "alexa, turn on the light",
    "alsa-Front_Center.wav": "front center",
    "alsa-Front_Left.wav": "front left",
    "alsa-Rear_Right.wav": "rear right",
    "alsa-Side_Left.wav": "side left",
    "jfk.wav": "And so my fellow Americans, ask not what your country can do for you, "
    "ask what you can do for your country.",
}
PATHS = ("naive", "stream", "stream, no partials")

Run = Callable[[Hearing, bytes], tuple[Heard, int]]


def _naive(hearing: Hearing, pcm: bytes) -> tuple[Heard, int]:
    return hear_whole(hearing, MemorySource(pcm), realtime=True), 0


def _stream(hearing: Hearing, pcm: bytes) -> tuple[Heard, int]:
    partials: list[Partial] = []
    return hearing.hear(MemorySource(pcm), realtime=True, on_partial=partials.append), len(partials)


def _stream_quiet(hearing: Hearing, pcm: bytes) -> tuple[Heard, int]:
    return hearing.hear(MemorySource(pcm), realtime=True), 0


RUNS: dict[str, Run] = {"naive": _naive, "stream": _stream, "stream, no partials": _stream_quiet}


def measure(hearing: Hearing, clips: dict[str, bytes], repeat: int) -> dict[str, dict[str, list]]:
    """Per path and clip: the (Heard, partial count) of each round."""
    results: dict[str, dict[str, list]] = {path: {clip: [] for clip in clips} for path in PATHS}
    for round_ in range(repeat):
        for clip, pcm in clips.items():
            # Rotate the order each round: no path always runs first.
            order = PATHS[round_ % 3 :] + PATHS[: round_ % 3]
            for path in order:
                results[path][clip].append(RUNS[path](hearing, pcm))
    return results


def _wer(runs: dict[str, list]) -> float:
    errors = total = 0.0
    for clip, said in CLIPS.items():
        for heard, _ in runs[clip]:
            errors += word_error_rate(said, heard.text) * len(words(said))
            total += len(words(said))
    return errors / total


def report(results: dict[str, dict[str, list]]) -> None:
    """Per-clip medians, the overall median, the ratio to naive and the word error rates."""
    print("| clip | speech end (s) | " + " | ".join(f"{p} (s)" for p in PATHS) + " | partials |")
    print("|---|---|" + "---|" * len(PATHS) + "---|")
    for clip in CLIPS:
        end = statistics.median(h.speech_end_s or 0.0 for h, _ in results["naive"][clip])
        cells = [statistics.median(h.stt_final_s for h, _ in results[p][clip]) for p in PATHS]
        shown = statistics.median(n for _, n in results["stream"][clip])
        print(f"| {clip} | {end:.2f} | " + " | ".join(f"{c:.2f}" for c in cells) + f" | {shown} |")
    medians = {
        p: statistics.median(h.stt_final_s for runs in results[p].values() for h, _ in runs)
        for p in PATHS
    }
    print("\nmedian over all runs: " + ", ".join(f"{p} {m:.2f} s" for p, m in medians.items()))
    for path in PATHS[1:]:
        print(f"ratio {path} / naive: {medians[path] / medians['naive']:.2f}")
    print("word error rate: " + ", ".join(f"{p} {_wer(results[p]):.3f}" for p in PATHS))
    for path in PATHS:
        texts = {h.text for runs in results[path].values() for h, _ in runs}
        print(f"{path} heard: {sorted(texts)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--silence", type=float, default=1.0, help="seconds appended to clips")
    parser.add_argument("--pause", type=float, default=PAUSE_S, help="speculate after this pause")
    args = parser.parse_args()
    catalog = Catalog(default_models_dir())
    entry = catalog.default("stt")
    config = STTConfig()
    stt = WhisperSTT(whisper_dir(catalog, entry), config)
    hearing = Hearing(stt, SileroVAD(), pause_s=args.pause)
    tail = bytes(int(args.silence * 16000) * 2)
    clips = {clip: read_all(FileSource(AUDIO / clip)) + tail for clip in CLIPS}
    # The first call pays for loading; and an agent has recognized speech before.
    hearing.hear(MemorySource(clips["kitchen-light-on.wav"]))
    load = os.getloadavg()[0]
    print(f"{entry.name}, {os.cpu_count()} CPUs, {config.threads} threads, {config.compute_type}")
    print(f"{args.repeat} rounds, {args.silence:.1f} s of silence appended, pause {args.pause} s")
    print(f"load average at the start: {load:.1f}")
    results = measure(hearing, clips, args.repeat)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}\n")
    report(results)


if __name__ == "__main__":
    main()
