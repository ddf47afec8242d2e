"""Benchmark: when the streaming path's final transcript is ready, with the recognizer's cost fixed.

On a shared machine whisper's time swings with the load, and it hides what
the endpointer itself adds. Here the recognizer is a stand-in that takes a
fixed time (`--stt-s`, about what whisper base takes for a short command on
an idle 2-core machine) without using the CPU, and returns the words the
clip was made from. Everything else is real: piper speaks each command, the
real Silero VAD endpoints it at microphone pace, and the agent's grammar
says when the words are a whole command. The figure is the streaming path's
`stt_final` (end of speech to final transcript); the naive turn told the
true end of speech would take exactly `--stt-s`, so the difference is what
endpointing costs.

Two paths per clip, interleaved: `now` (the frames after a pause are scored,
a whole command may end on "on" or "in", and ends after 0.35 s of silence, as
`sottovoce run` does) and `before` (silence known only from the VAD's spans,
every word that may promise more waiting for it, 0.3 s: the endpointing
before 2026-12-05 18:00 UTC).

    .venv/bin/python bench/endpoint_timing.py [--cases FILE] [--limit 40] [--stt-s 0.32]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from latency_before import hear_as_before, unscored
from spoken_cases import piper
from voice_latency import HOLDOUT

from sottovoce.agent.agent import Agent
from sottovoce.agent.grammar import Grammar
from sottovoce.devices import load_world
from sottovoce.eval.cases import load_cases
from sottovoce.models.stt import Transcript
from sottovoce.models.vad import SileroVAD
from sottovoce.tools import Registry
from sottovoce.voice.audio import FileSource, MemorySource, read_all
from sottovoce.voice.hearing import Heard, Hearing


class FixedCostSTT:
    """Says the words it is told, after a fixed time, sleeping (no CPU)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.text = ""

    def transcribe(self, pcm: bytes, prompt: str | None = None) -> Transcript:
        """The clip's own words, `seconds` later."""
        time.sleep(self.seconds)
        return Transcript(self.text, len(pcm) / 32000)


def main() -> None:
    """Speak the commands, endpoint them both ways, print stt_final per path."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=HOLDOUT / "cases.yaml")
    parser.add_argument("--limit", type=int, default=40, help="at most this many commands")
    parser.add_argument("--stt-s", type=float, default=0.32, help="the recognizer's fixed cost")
    args = parser.parse_args()
    found = load_cases(args.cases)
    assert found.world is not None
    registry = Registry.builtin()
    world = load_world(found.world, virtual=True)
    agent = Agent(registry, world, None, grammar=Grammar(registry, world))
    said = [c.turns[0].say or "" for c in found.cases if len(c.turns) == 1 and c.turns[0].say]
    step = max(1, len(said) // args.limit)
    said = said[::step][: args.limit]
    stt = FixedCostSTT(args.stt_s)
    ears = Hearing(stt, SileroVAD())
    old = unscored(ears)
    paths: dict[str, Callable[[bytes], Heard]] = {
        "now": lambda pcm: ears.hear(MemorySource(pcm), realtime=True, complete=agent.would_act),
        "before": lambda pcm: hear_as_before(old, pcm, agent.would_act),
    }
    finals: dict[str, list[float]] = {name: [] for name in paths}
    speak = piper(None, None)
    with tempfile.TemporaryDirectory() as tmp:
        for index, text in enumerate(said):
            wav = Path(tmp) / "clip.wav"
            speak(text, wav)
            pcm = read_all(FileSource(wav)) + bytes(16000)  # 1 s of silence in all
            stt.text = text
            names = list(paths) if index % 2 == 0 else list(paths)[::-1]
            for name in names:
                finals[name].append(paths[name](pcm).stt_final_s)
            print(f"{index}: " + ", ".join(f"{n} {finals[n][-1]:.3f}" for n in paths), flush=True)
    for name, values in finals.items():
        ordered = sorted(values)
        p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
        print(f"{name}: stt_final p50 {statistics.median(values):.3f} s, p90 {p90:.3f} s")


if __name__ == "__main__":
    main()
