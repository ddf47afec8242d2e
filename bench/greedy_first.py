"""Benchmark: grammar-aware recognition with five beams always, against a greedy reading first.

    .venv/bin/python bench/greedy_first.py [--voices piper,espeak] [--limit N] [--show]

The sentences, voices, world and scoring of `bench/short_commands.py` (59
sentences: short commands, coffee orders to a small plugin, free speech;
piper and espeak-ng, at 48 kHz, cut to their speech by the VAD). Each clip
is recognized by each configuration in turn, all with the example-command
prompt `sottovoce run` uses:

- `beam5`: of whisper's five best readings (beam search), the best the
  grammar matches if it scores close to the best (the recognizer before);
- `greedy-first`: one greedy reading first, taken when the grammar matches
  it; otherwise the five best, as `beam5`;
- `greedy`: the greedy reading alone (what the grammar's choice adds).

Besides accuracy, the seconds and CPU seconds per clip, each configuration
on the same clip in turn. Greedy-first was measured here and not kept
(docs/measurements.md, 2026-12-05 evening): as fast as it is (its fallback
here reads the audio twice; when tried in `WhisperSTT` the encoder's output
was reused), it took a greedy reading the grammar matched where the beam's
best, also a command, was the right one.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
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
from sottovoce.models.stt_choice import COUNT, GrammarAwareSTT, choose
from sottovoce.models.vad import SileroVAD
from sottovoce.tools import Registry
from sottovoce.voice.vocabulary import build_vocabulary, grammar_acceptor, speech_prompt


def recognizers(
    stt: WhisperSTT, grammar: Grammar, prompt: str
) -> dict[str, Callable[[bytes], str]]:
    """Each configuration as a function of speech to text."""
    accepts = grammar_acceptor(grammar)
    aware = GrammarAwareSTT(stt, accepts)

    def beam5(pcm: bytes) -> str:
        return choose(stt.hypotheses(pcm, prompt, COUNT).options, accepts).text

    def greedy(pcm: bytes) -> str:
        options = stt.hypotheses(pcm, prompt, 1).options
        return options[0].text if options else ""

    def greedy_first(pcm: bytes) -> str:
        heard = greedy(pcm)
        return heard if heard and accepts(heard) else beam5(pcm)

    return {
        "beam5": lambda pcm: aware.transcribe(pcm, prompt).text,
        "greedy-first": greedy_first,
        "greedy": greedy,
    }


def main() -> None:
    """Speak every sentence with every voice, recognize it every way, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", default="piper,espeak")
    parser.add_argument("--limit", type=int, help="only the first N sentences")
    parser.add_argument("--show", action="store_true", help="print every miss")
    args = parser.parse_args()
    registry = Registry.builtin()
    registry.add(coffee_plugin())
    world = load_world(default_world_path(), virtual=True)
    grammar = Grammar(registry, world)
    stt: WhisperSTT = open_stt(None)
    hear = recognizers(stt, grammar, speech_prompt(build_vocabulary(registry, world)))
    tallies = {name: Tally() for name in hear}
    vad = SileroVAD()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        for voice in args.voices.split(","):
            speak = piper_speaker() if voice == "piper" else espeak_speaker(directory)
            for text in _interleaved()[: args.limit]:
                pcm, rate = speak(text)
                speech = speech_of(at_48k(pcm, rate, directory / "clip.wav"), vad)
                expected = grammar.match(normalize(text))
                for name, recognize in hear.items():
                    began, cpu = time.perf_counter(), time.process_time()
                    heard = recognize(speech)
                    tallies[name].seconds.append(time.perf_counter() - began)
                    tallies[name].cpu.append(time.process_time() - cpu)
                    _score(tallies[name], text, heard, expected, grammar, voice)
                    print(f"{voice}\t{name}\t{text}\t{heard}", file=sys.stderr, flush=True)
    report(tallies, args.show)


if __name__ == "__main__":
    main()
