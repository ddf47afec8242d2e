"""Short commands heard right: word error rate and command pass rate, today against grammar-aware.

    .venv/bin/python bench/short_commands.py [--model NAME] [--voices piper,espeak] [--show]

Every sentence below is synthesized by piper (the shipped voice) and by
espeak-ng, written at 48 kHz (as a microphone records), read back through
`FileSource` (resampled to 16 kHz), cut to its speech by Silero VAD as the
eval path does, and recognized by each configuration:

- `today`: `WhisperSTT.transcribe` with the world's names as prompt (`agent/prompt.py`);
- `today+hotwords`: the same, with the vocabulary's words as faster-whisper `hotwords`;
- `examples`: `transcribe` with the example-command prompt of `voice/vocabulary.py`;
- `nbest-old-prompt`: grammar-aware choice (`models/stt_choice.py`) with the names prompt;
- `grammar-aware`: grammar-aware choice with the example-command prompt.

A command passes when the grammar's exact match of what was heard equals
the grammar's exact match of what was said. Free speech (sentences the
grammar does not match) passes when what was heard matches nothing either:
it must not become a command. Word error rate is over normalized words
(`agent/normalize/`: digits for numbers, contractions expanded), summed over
all sentences.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import av
import numpy as np
from pydantic import Field

from sottovoce.agent.grammar import Grammar
from sottovoce.agent.normalize import normalize
from sottovoce.agent.prompt import speech_vocabulary
from sottovoce.devices import World, default_world_path, load_world
from sottovoce.eval.wer import word_error_rate, words
from sottovoce.models.stt import SAMPLE_RATE, WhisperSTT
from sottovoce.models.stt_choice import GrammarAwareSTT
from sottovoce.models.vad import SileroVAD
from sottovoce.tools import Plugin, Registry, ToolContext
from sottovoce.voice.audio import FileSource, byte_offset, read_all, write_wav
from sottovoce.voice.vocabulary import build_vocabulary, grammar_acceptor, speech_prompt

COMMANDS = [
    *("pause", "resume", "stop", "next", "skip", "mute", "unmute", "louder", "quieter"),
    *("pause timer", "resume timer", "timer status", "cancel the timer", "stop the timer"),
    *("pause the timer", "resume the timer", "how much time is left", "volume up"),
    *("volume down", "next song", "previous track", "stop the music", "pause the music"),
    *("what time is it", "what is the weather", "lights on", "lights off"),
    *("turn on the kitchen ceiling light", "turn off the reading lamp", "open the garage door"),
    *("lock the front door", "close the bedroom curtains", "turn on the desk fan"),
    *("turn off the hallway light", "dim the bedroom light", "start the robot vacuum"),
    *("what is the kitchen temperature", "is the back door locked", "call anna"),
    *("activate good night", "add milk to the shopping list", "turn on the coffee maker"),
    *("set a timer for five minutes", "cancel all timers", "turn off all the lights"),
]
COFFEE = [
    *("i would like a latte", "i would like an americano", "can i get an iced mocha"),
    *("i will have a flat white", "a cappuccino with skim milk", "an americano with oat milk"),
    *("cancel my coffee order", "forget my order"),
]
FREE = [
    *("tell me a joke", "how far away is the moon", "who wrote pride and prejudice"),
    *("good morning to you too", "that was a great movie", "i had a lovely day"),
]
CONFIGS = ("today", "today+hotwords", "examples", "nbest-old-prompt", "grammar-aware")


def coffee_plugin() -> Plugin:
    """A tiny coffee-ordering plugin: words no world name covers."""
    plugin = Plugin("coffee", "Order coffee.")
    drinks = ["latte", "americano", "iced mocha", "flat white", "cappuccino", "espresso"]
    milks = ["skim milk", "oat milk", "whole milk", "soy milk"]

    @plugin.tool(
        sentences=[
            "(i would like|i will have|can i (get|have)|give me|order) (a|an) {drink}",
            "(a|an) {drink} with {milk}",
            "(i would like|i will have|can i get) (a|an) {drink} with {milk}",
        ],
        lists={"drink": {"values": drinks}, "milk": {"values": milks}},
    )
    def coffee_order(
        ctx: ToolContext,
        drink: Annotated[str, Field(description="the drink")],
        milk: Annotated[str | None, Field(description="the milk")] = None,
    ) -> str:
        """Order a drink."""
        return f"One {drink}{' with ' + milk if milk else ''} coming up."

    @plugin.tool(sentences=["(cancel|forget) my [coffee] order"])
    def coffee_cancel(ctx: ToolContext) -> str:
        """Cancel the coffee order."""
        return "Order cancelled."

    return plugin


def piper_speaker() -> Callable[[str], tuple[bytes, int]]:
    """Speech from piper with the shipped voice: (s16 mono pcm, rate)."""
    from sottovoce.models.catalog import Catalog, default_models_dir
    from sottovoce.models.tts import PiperTTS, voice_path

    tts = PiperTTS(voice_path(Catalog(default_models_dir()), None))

    def speak(text: str) -> tuple[bytes, int]:
        audio = tts.speak(text)
        return audio.pcm, audio.sample_rate

    return speak


def espeak_speaker(directory: Path) -> Callable[[str], tuple[bytes, int]]:
    """Speech from espeak-ng (en-us)."""

    def speak(text: str) -> tuple[bytes, int]:
        path = directory / "espeak.wav"
        subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(path), text], check=True)
        return read_all(FileSource(path)), SAMPLE_RATE

    return speak


def at_48k(pcm: bytes, rate: int, path: Path) -> Path:
    """Write `pcm` resampled to 48 kHz mono, with half a second of silence on each side."""
    resampler = av.AudioResampler(format="s16", layout="mono", rate=48000)
    samples = np.frombuffer(pcm, dtype="<i2")
    pad = np.zeros(rate // 2, dtype="<i2")
    frame = av.AudioFrame.from_ndarray(
        np.concatenate([pad, samples, pad]).reshape(1, -1), format="s16", layout="mono"
    )
    frame.sample_rate = rate
    frames = [*resampler.resample(frame), *resampler.resample(None)]
    out = b"".join(bytes(f.to_ndarray().tobytes()) for f in frames)
    write_wav(path, out, 48000)
    return path


def speech_of(path: Path, vad: SileroVAD) -> bytes:
    """The clip read back at 16 kHz, cut to its speech as the eval path cuts it."""
    pcm = read_all(FileSource(path))
    spans = vad.speech_spans(pcm)
    if not spans:
        return pcm
    return pcm[byte_offset(spans[0][0]) : byte_offset(spans[-1][1])]


@dataclass
class Tally:
    """One configuration's results."""

    edits: float = 0.0
    ref_words: int = 0
    passed: int = 0
    total: int = 0
    free_kept: int = 0
    free_total: int = 0
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="catalog speech model (default: the default)")
    parser.add_argument("--voices", default="piper,espeak")
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--margin", type=float, default=None)
    parser.add_argument("--limit", type=int, help="only the first N sentences (for timing)")
    parser.add_argument("--show", action="store_true", help="print every miss")
    parser.add_argument(
        "--from-log", type=Path, nargs="+", help="tabulate the per-utterance lines of earlier runs"
    )
    args = parser.parse_args()
    from sottovoce.cli.speech import open_stt

    registry = Registry.builtin()
    registry.add(coffee_plugin())
    world = load_world(default_world_path(), virtual=True)
    grammar = Grammar(registry, world)
    if args.from_log:
        report(from_logs(args.from_log, grammar), args.show)
        return
    stt: WhisperSTT = open_stt(args.model)
    tallies = run(args, stt, registry, world, grammar)
    report(tallies, args.show)


def from_logs(paths: list[Path], grammar: Grammar) -> dict[str, Tally]:
    """The tallies of the lines a run wrote on standard error (voice, config, said, heard, s)."""
    tallies: dict[str, Tally] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) not in (5, 6):
                continue
            voice, name, text, heard, took = fields[:5]
            tally = tallies.setdefault(name, Tally())
            _score(tally, text, heard, grammar.match(normalize(text)), grammar, voice)
            tally.seconds.append(float(took))
            tally.cpu.extend(float(cpu) for cpu in fields[5:])
    return tallies


def recognizers(
    args: argparse.Namespace, stt: WhisperSTT, registry: Registry, world: World, grammar: Grammar
) -> dict[str, Callable[[bytes], str]]:
    """Each configuration as a function of speech to text."""
    old = speech_vocabulary(world)
    vocabulary = build_vocabulary(registry, world)
    new = speech_prompt(vocabulary)
    print(f"names prompt: {old}\nexample prompt: {new}\n")
    options: dict[str, Any] = {} if args.margin is None else {"margin": args.margin}
    aware = GrammarAwareSTT(stt, grammar_acceptor(grammar), **options)
    hotwords = " ".join([*vocabulary.commands[:20], *vocabulary.added_values])
    return {
        "today": lambda pcm: stt.transcribe(pcm, old).text,
        "today+hotwords": lambda pcm: _hotwords(stt, pcm, old, hotwords),
        "examples": lambda pcm: stt.transcribe(pcm, new).text,
        "nbest-old-prompt": lambda pcm: aware.transcribe(pcm, old).text,
        "grammar-aware": lambda pcm: aware.transcribe(pcm, new).text,
    }


def _hotwords(stt: WhisperSTT, pcm: bytes, prompt: str, hotwords: str) -> str:
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
    segments, _ = stt.model.transcribe(
        samples,
        language="en",
        beam_size=stt.config.beam_size,
        initial_prompt=prompt,
        hotwords=hotwords,
        condition_on_previous_text=False,
        without_timestamps=True,
        vad_filter=False,
    )
    return " ".join(" ".join(s.text for s in segments).split())


def run(
    args: argparse.Namespace, stt: WhisperSTT, registry: Registry, world: World, grammar: Grammar
) -> dict[str, Tally]:
    """Speak every sentence with every voice and recognize it with every configuration."""
    hear = recognizers(args, stt, registry, world, grammar)
    configs = args.configs.split(",")
    tallies = {name: Tally() for name in configs}
    vad = SileroVAD()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        for voice in args.voices.split(","):
            speak = piper_speaker() if voice == "piper" else espeak_speaker(directory)
            for text in _interleaved()[: args.limit]:
                pcm, rate = speak(text)
                speech = speech_of(at_48k(pcm, rate, directory / "clip.wav"), vad)
                expected = grammar.match(normalize(text))
                for name in configs:
                    began, cpu = time.perf_counter(), time.process_time()
                    heard = hear[name](speech)
                    _score(tallies[name], text, heard, expected, grammar, voice)
                    took = time.perf_counter() - began
                    tallies[name].seconds.append(took)
                    # CPU time of all the process's threads: less bent by other
                    # processes on a shared machine than wall time.
                    tallies[name].cpu.append(time.process_time() - cpu)
                    line = (
                        f"{voice}\t{name}\t{text}\t{heard}\t{took:.3f}\t{tallies[name].cpu[-1]:.3f}"
                    )
                    print(line, file=sys.stderr, flush=True)
    return tallies


def _interleaved() -> list[str]:
    """Commands, coffee orders and free speech mixed, so that a run cut short covers each."""
    rest = [*COFFEE, *FREE]
    mixed = [*COMMANDS[:8]]
    for i, text in enumerate(COMMANDS[8:]):
        mixed.append(text)
        if i % 2 == 0 and rest:
            mixed.append(rest.pop(0))
    return mixed + rest


def _score(
    tally: Tally, text: str, heard: str, expected: Any, grammar: Grammar, voice: str
) -> None:
    ref = normalize(text)
    tally.edits += word_error_rate(ref, normalize(heard)) * len(words(ref))
    tally.ref_words += len(words(ref))
    got = grammar.match(normalize(heard)) if heard.strip() else None
    if expected is None:
        tally.free_total += 1
        tally.free_kept += got is None
    else:
        tally.total += 1
        tally.passed += got == expected
    if got != expected:
        tally.misses.append(f"{voice}: {text!r} heard {heard!r}")


def report(tallies: dict[str, Tally], show: bool) -> None:
    """One table row per configuration."""
    print(
        "| configuration | word error rate | commands passed | free speech left alone "
        "| s per utterance (median) | added s (median of paired differences) "
        "| CPU s per utterance (median) |"
    )
    print("|---|---|---|---|---|---|---|")
    base = next(iter(tallies.values())).seconds
    for name, t in tallies.items():
        wer = t.edits / max(t.ref_words, 1)
        rate = f"{t.passed}/{t.total} ({t.passed / max(t.total, 1):.0%})"
        # Each utterance is recognized by every configuration in turn, so a
        # difference on the same utterance is fairer on a busy machine.
        added = statistics.median(b - a for a, b in zip(base, t.seconds, strict=False))
        print(
            f"| {name} | {wer:.3f} | {rate} | {t.free_kept}/{t.free_total} "
            f"| {statistics.median(t.seconds):.2f} | {added:+.2f} "
            f"| {statistics.median(t.cpu) if t.cpu else float('nan'):.2f} |"
        )
    if show:
        for name, t in tallies.items():
            print(f"\n{name} misses:")
            for miss in t.misses:
                print(f"  {miss}")


if __name__ == "__main__":
    main()
