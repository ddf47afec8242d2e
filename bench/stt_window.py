"""Whisper's short window against its full 30 s one: the same commands, heard as well, how fast.

    .venv/bin/python bench/stt_window.py [--voices piper,espeak] [--windows 8:14,8:12] [--limit N]
        [--show]

Whisper's encoder reads a 30-second window however short the audio; for a
two-second command that is about 85% of a transcription's time.
`STTConfig.window_pad_s` and `min_window_s` shorten the window to the audio
plus that much silence, at least that long (whole seconds); `--windows` lists
`PAD:MIN` pairs to compare with the full window. The sentences of `bench/short_commands.py` (short
commands, coffee orders, free speech), spoken by piper and espeak-ng, written
at 48 kHz and cut to their speech as the eval path does, are recognized by the
agent's recognizer (grammar-aware choice among whisper's best readings, the
example-command prompt) with the full window and with each short window, one
after another on the same clip. Scored as `short_commands.py` scores: a
command passes when the grammar's exact match of what was heard equals that
of what was said; free speech must match nothing.
"""

from __future__ import annotations

import argparse
import copy
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from short_commands import (
    Tally,
    _interleaved,
    _score,
    at_48k,
    coffee_plugin,
    espeak_speaker,
    piper_speaker,
    report,
    speech_of,
)

from sottovoce.agent.grammar import Grammar
from sottovoce.agent.normalize import normalize
from sottovoce.cli.speech import open_stt
from sottovoce.devices import default_world_path, load_world
from sottovoce.models.stt import WhisperSTT
from sottovoce.models.stt_choice import GrammarAwareSTT
from sottovoce.models.vad import SileroVAD
from sottovoce.tools import Registry
from sottovoce.voice.vocabulary import build_vocabulary, grammar_acceptor, speech_prompt


def recognizers(
    stt: WhisperSTT, grammar: Grammar, windows: list[tuple[float, float] | None]
) -> dict[str, GrammarAwareSTT]:
    """The agent's recognizer once per window, all sharing one loaded model."""
    out = {}
    for window in windows:
        windowed = copy.copy(stt)  # the same model and lock, another window
        if window is None:
            windowed.config = replace(stt.config, window_pad_s=None)
            name = "30 s window"
        else:
            pad, least = window
            windowed.config = replace(stt.config, window_pad_s=pad, min_window_s=least)
            name = f"audio + {pad:g} s, at least {least:g} s"
        out[name] = GrammarAwareSTT(windowed, grammar_acceptor(grammar))
    return out


def main() -> None:
    """Run the comparison and print one row per window."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", default="piper,espeak")
    parser.add_argument(
        "--windows", default="8:14", help="PAD:MIN seconds of each short window, comma-separated"
    )
    parser.add_argument("--limit", type=int)
    parser.add_argument("--show", action="store_true", help="list what each window got wrong")
    args = parser.parse_args()
    registry = Registry.builtin()
    registry.add(coffee_plugin())
    world = load_world(default_world_path(), virtual=True)
    grammar = Grammar(registry, world)
    prompt = speech_prompt(build_vocabulary(registry, world))
    stt: WhisperSTT = open_stt(None)
    windows: list[tuple[float, float] | None] = [None]
    for pair in args.windows.split(","):
        pad, least = pair.split(":")
        windows.append((float(pad), float(least)))
    hear = recognizers(stt, grammar, windows)
    tallies = {name: Tally() for name in hear}
    vad = SileroVAD()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        for voice in args.voices.split(","):
            speak = piper_speaker() if voice == "piper" else espeak_speaker(directory)
            for index, text in enumerate(_interleaved()[: args.limit]):
                pcm, rate = speak(text)
                speech = speech_of(at_48k(pcm, rate, directory / "clip.wav"), vad)
                expected = grammar.match(normalize(text))
                names = list(hear)
                names = names[index % len(names) :] + names[: index % len(names)]
                for name in names:  # each window first in turn
                    began, cpu = time.perf_counter(), time.process_time()
                    heard = hear[name].transcribe(speech, prompt).text
                    tallies[name].seconds.append(time.perf_counter() - began)
                    tallies[name].cpu.append(time.process_time() - cpu)
                    _score(tallies[name], text, heard, expected, grammar, voice)
                print(
                    f"{voice} {text!r}: "
                    + " | ".join(f"{n} {tallies[n].seconds[-1]:.2f}" for n in hear),
                    flush=True,
                )
    report(tallies, args.show)


if __name__ == "__main__":
    main()
