"""Short commands on the shipped speech model: heard right with grammar-aware recognition.

Beam search at temperature 0 on the CPU is deterministic, so the readings
compared here are the same from run to run. The audio is made by espeak-ng in
the test (skipped when espeak-ng is not installed).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import tokenizers

from sottovoce.agent.grammar import Grammar
from sottovoce.agent.normalize import normalize
from sottovoce.devices import default_world_path, load_world
from sottovoce.models.catalog import Catalog, default_models_dir
from sottovoce.models.stt import WhisperSTT
from sottovoce.models.stt_choice import GrammarAwareSTT
from sottovoce.models.stt_files import whisper_dir
from sottovoce.tools import Registry
from sottovoce.voice.audio import FileSource, read_all
from sottovoce.voice.vocabulary import build_vocabulary, grammar_acceptor, speech_prompt

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed"),
]


@pytest.fixture(scope="module")
def stt() -> WhisperSTT:
    catalog = Catalog(default_models_dir())
    return WhisperSTT(whisper_dir(catalog, catalog.default("stt")))


def spoken(text: str, directory: Path) -> bytes:
    path = directory / "said.wav"
    subprocess.run(["espeak-ng", "-v", "en", "-w", str(path), text], check=True)
    return read_all(FileSource(path))


def test_short_commands_the_names_prompt_misheard_are_heard_right(
    stt: WhisperSTT, tmp_path: Path
) -> None:
    registry, world = Registry.builtin(), load_world(default_world_path(), virtual=True)
    grammar = Grammar(registry, world)
    ears = GrammarAwareSTT(stt, grammar_acceptor(grammar))
    examples = speech_prompt(build_vocabulary(registry, world))
    # "resume" and "timer status": whisper's best reading with the names prompt
    # alone (a 30 s window) was "Renew." and "Timestatus.", the command close
    # behind; "pause timer" was "porn timer" on some machines and heard right on
    # others (whisper's float results differ with the CPU), so only the reading
    # with the example commands is asserted: it must be the command everywhere.
    for said in ("resume", "timer status", "pause timer"):
        pcm = spoken(said, tmp_path)
        expected = grammar.match(normalize(said))
        now = ears.transcribe(pcm, examples).text
        assert grammar.match(normalize(now)) == expected, now


def test_the_prompt_fits_whisper_s_prompt_window(stt: WhisperSTT) -> None:
    registry, world = Registry.builtin(), load_world(default_world_path(), virtual=True)
    prompt = speech_prompt(build_vocabulary(registry, world))
    catalog = Catalog(default_models_dir())
    path = whisper_dir(catalog, catalog.default("stt")) / "tokenizer.json"
    tokens = tokenizers.Tokenizer.from_file(str(path)).encode(" " + prompt).ids
    assert len(tokens) <= 223  # whisper keeps the last 223 tokens of a prompt
