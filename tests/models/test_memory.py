"""What bounds the engines' memory: long sentences synthesized in pieces, freed heaps released."""

from __future__ import annotations

import platform
import subprocess
import sys

import numpy as np
import pytest

from sottovoce.models.memory import release
from sottovoce.models.tts import MAX_PHONEMES, PiperTTS, _Shrinking, split_phonemes, voice_path


def test_release_runs_where_the_c_library_allows() -> None:
    assert release() in (True, False)


def test_a_short_sentence_stays_whole() -> None:
    phonemes = list("ðə kˈɪtʃən lˈaɪt ɪz ˈɔn.")
    assert split_phonemes(phonemes) == [phonemes]


def test_clauses_are_joined_while_they_fit() -> None:
    assert split_phonemes(list("ab, cd ef, gh."), 6) == [
        list("ab,"),
        list("cd ef,"),
        list("gh."),
    ]
    assert split_phonemes(list("ab, cd, ef."), 8) == [list("ab, cd,"), list("ef.")]


def test_a_long_clause_is_cut_between_words() -> None:
    assert split_phonemes(list("ab cd ef gh"), 5) == [list("ab cd"), list("ef gh")]


def test_a_word_longer_than_the_limit_is_cut_at_the_limit() -> None:
    assert split_phonemes(list("abcdefghij"), 4) == [list("abcd"), list("efgh"), list("ij")]


def test_no_piece_is_empty_or_over_the_limit() -> None:
    text = "wʊd juː lˈaɪk mˌiː tə tˈɜːn ɔnðə hˈiːɾɚɹ ɪnðə kˈɪtʃən ɪnstˈɛd, ɔːɹ sˈɛt ɐ ɹᵻmˈaɪndɚ. "
    phonemes = list(text * 4)
    pieces = split_phonemes(phonemes)
    assert all(0 < len(piece) <= MAX_PHONEMES for piece in pieces)
    assert not any(piece[-1].isspace() for piece in pieces)
    # Nothing but the spaces where it was cut is lost.
    assert "".join("".join(piece) for piece in pieces).replace(" ", "") == text.replace(" ", "") * 4
    assert split_phonemes(list("   ")) == [] and split_phonemes([]) == []


@pytest.mark.slow
def test_a_long_sentence_is_spoken_in_pieces() -> None:
    from sottovoce.models.catalog import Catalog, default_models_dir

    voice = PiperTTS(voice_path(Catalog(default_models_dir())))
    sentence = (
        "I'm sorry, I can't change the temperature myself, but you could put on a warm "
        "jumper and close the windows in the living room."
    )
    parts = list(voice.sentences(sentence))
    assert len(parts) >= 2
    for part in parts:
        samples = np.frombuffer(part.pcm, dtype="<i2")
        assert part.duration_s < 6.0
        assert np.abs(samples).max() > 3000  # normalized speech, as piper makes it
    assert 5.0 < sum(part.duration_s for part in parts) < 12.0


_ARENAS_PROBE = """
import ctypes, ctypes.util, sys, threading
from sottovoce.models.memory import share_heaps
shared = share_heaps() if sys.argv[1] == "share" else None
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.malloc.restype = ctypes.c_void_p
threading.Thread(target=lambda: libc.malloc(1000)).start()  # kept: its arena stays in use
libc.malloc_stats()
print(shared)
"""


def _arenas(mode: str) -> tuple[int, str]:
    """How many arenas glibc reports after a second thread allocated, and share_heaps' result."""
    done = subprocess.run(
        [sys.executable, "-c", _ARENAS_PROBE, mode], capture_output=True, text=True, check=True
    )
    return done.stderr.count("Arena "), done.stdout.strip()


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's arenas")
def test_shared_heaps_keep_threads_in_one_arena() -> None:
    assert _arenas("own") == (2, "None")  # glibc's default: a new thread gets its own arena
    assert _arenas("share") == (1, "True")


class _Session:
    """A stand-in for an onnxruntime session: records the options each run gets."""

    inputs = ["input"]

    def __init__(self) -> None:
        self.options: list[object] = []

    def run(self, names: object, feeds: object, options: object = None) -> list[int]:
        self.options.append(options)
        return [1]


def test_each_synthesis_asks_for_the_arena_to_be_shrunk() -> None:
    import onnxruntime  # type: ignore[import-untyped]

    inner = _Session()
    session = _Shrinking(inner, onnxruntime)
    assert session.run(None, {}) == [1]
    (options,) = inner.options
    assert options.get_run_config_entry("memory.enable_memory_arena_shrinkage") == "cpu:0"
    mine = onnxruntime.RunOptions()
    session.run(None, {}, mine)
    assert inner.options[-1] is mine  # a caller's own options are left as they are
    assert session.inputs == ["input"]  # everything else is the session's


_VOICE_PROBE = """
import resource
from sottovoce.models.catalog import Catalog, default_models_dir
from sottovoce.models.tts import PiperTTS, voice_path

def rss():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) / 1024

voice = PiperTTS(voice_path(Catalog(default_models_dir())))
loaded = rss()
voice.speak("I set a timer for two minutes, and it will ring at a quarter past seven tonight.")
print(rss() - loaded)
"""


@pytest.mark.slow
@pytest.mark.skipif(platform.system() != "Linux", reason="reads /proc")
def test_the_voice_gives_its_working_memory_back() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _VOICE_PROBE], capture_output=True, text=True, check=True
    )
    # Kept in the arena, this sentence's working memory was 53 MiB; shrunk, 6 MiB remain.
    assert float(done.stdout.split()[-1]) < 25
