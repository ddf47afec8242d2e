"""Text to speech with piper (ONNX voices), one sentence of audio at a time.

A voice is a `.onnx` file with its `.onnx.json` config beside it: the default
comes from the registry package in the catalog, others by path. piper splits
text into sentences itself; each is yielded as soon as it is synthesized, so a
caller can play the first sentence while the rest is still being made.

The voice's working memory grows with the length of what it synthesizes at
once, about 20 MiB a second of speech (a 7.6 s sentence took 150 MiB more, a
3 s one 53 MiB), held in onnxruntime's arena, which is shrunk after each
synthesis (`_Shrinking`). A long sentence is synthesized in pieces of at most
`MAX_PHONEMES` (about 4 s of speech), cut after a comma or another clause mark
where there is one, else between words, which bounds that working memory.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sottovoce.models.catalog import Catalog, ModelError, install_hint
from sottovoce.models.filecheck import check_entry, check_piper_voice
from sottovoce.models.llm import EngineUnavailable
from sottovoce.models.memory import release

# The longest stretch of phonemes synthesized at once: about 4 s of speech at
# the default voice's ~20 phonemes a second, about 70 MiB of working memory.
MAX_PHONEMES = 80
_CLAUSE_ENDS = frozenset(",;:—–")
SYNTH_THREADS = 2


@dataclass(frozen=True)
class SpokenAudio:
    """Mono 16-bit PCM at the voice's own sample rate."""

    pcm: bytes
    sample_rate: int

    @property
    def duration_s(self) -> float:
        """How long it plays."""
        return len(self.pcm) / 2 / self.sample_rate


@dataclass(frozen=True)
class TTSConfig:
    """How a voice speaks."""

    length_scale: float | None = None  # above 1 slower, below 1 faster; None: the voice's own
    speaker_id: int | None = None
    volume: float = 1.0
    # Piper draws noise inside its network, so the same text sounds a little
    # different each time. With a seed, onnxruntime's random generator (one per
    # process) is seeded just before this voice is loaded, and the voice says
    # the same things the same way from run to run (demos, tests).
    seed: int | None = None


class PiperTTS:
    """A piper voice loaded from a local `.onnx` file."""

    name = "piper"

    def __init__(self, model_path: Path, config: TTSConfig | None = None) -> None:
        self.config = config or TTSConfig()
        config_path = model_path.with_name(model_path.name + ".json")
        if not model_path.is_file():
            raise EngineUnavailable(f"{model_path}: no such voice file; `sottovoce models list`")
        if not config_path.is_file():
            raise EngineUnavailable(f"{model_path}: its config {config_path.name} is missing")
        check_piper_voice(model_path)  # before onnxruntime sees it
        try:
            from piper import SynthesisConfig
        except ImportError:
            raise EngineUnavailable("piper-tts is not installed; run ./setup.sh") from None
        try:
            self._voice: Any = _load(model_path, config_path, self.config.seed)
        except Exception as exc:  # onnxruntime and json raise many kinds
            first = (str(exc).strip() or type(exc).__name__).splitlines()[0]
            raise EngineUnavailable(f"cannot load the voice {model_path.name}: {first}") from None
        self._syn = SynthesisConfig(
            speaker_id=self.config.speaker_id,
            length_scale=self.config.length_scale,
            volume=self.config.volume,
        )
        self.sample_rate: int = int(self._voice.config.sample_rate)
        # One ONNX session is shared; piper is not documented as re-entrant.
        self._lock = threading.Lock()
        release()  # what reading the model took and freed

    def sentences(self, text: str) -> Iterator[SpokenAudio]:
        """The audio of each sentence of `text` (a long one in pieces), in order, as ready."""
        if not text.strip():
            return
        with self._lock:
            sentences = self._voice.phonemize(text)
        for phonemes in sentences:
            for piece in split_phonemes(phonemes):
                with self._lock:
                    ids = self._voice.phonemes_to_ids(piece)
                    audio = self._voice.phoneme_ids_to_audio(ids, self._syn)
                release()
                yield SpokenAudio(_s16(self._loudness(audio)), self.sample_rate)

    def _loudness(self, audio: Any) -> Any:
        """As piper's `synthesize` does: each piece normalized to full scale, then the volume."""
        if self._syn.normalize_audio:
            peak = float(np.max(np.abs(audio))) if np.size(audio) else 0.0
            audio = audio / peak if peak >= 1e-8 else np.zeros_like(audio)
        return audio * self._syn.volume if self._syn.volume != 1.0 else audio

    def speak(self, text: str) -> SpokenAudio:
        """All of `text` as one stretch of audio."""
        pcm = b"".join(part.pcm for part in self.sentences(text))
        return SpokenAudio(pcm, self.sample_rate)


def _load(model_path: Path, config_path: Path, seed: int | None = None) -> Any:
    """The voice, as `PiperVoice.load` makes it but with the memory settings below.

    Without onnxruntime's memory patterns: a pattern is planned for each input
    length and its blocks stay in the arena (about 100 MiB kept after five
    replies with them, 78 MiB without, synthesis no slower). And the arena is
    shrunk after each synthesis (`_Shrinking`).
    """
    import json

    import onnxruntime  # type: ignore[import-untyped]
    from piper import PiperVoice
    from piper.config import PiperConfig

    if seed is not None:
        onnxruntime.set_seed(seed)  # the session's random kernels take their seeds from it
    options = onnxruntime.SessionOptions()
    options.enable_mem_pattern = False
    # Two threads, named rather than left to onnxruntime: by default it pins one
    # thread to each core, and its threads spin between operators. Whisper, the
    # VAD and other programs share those cores; a pinned or spinning thread
    # waits for a core that is busy, or keeps one busy doing nothing. Without
    # either the first sentence came 0.30 -> 0.19 s on a loaded 2-core machine
    # (docs/measurements.md).
    options.intra_op_num_threads = SYNTH_THREADS
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    shrinks = _shared_arena(onnxruntime)
    if shrinks:
        options.add_session_config_entry("session.use_env_allocators", "1")
    with config_path.open(encoding="utf-8") as file:
        config = PiperConfig.from_dict(json.load(file))
    session = onnxruntime.InferenceSession(
        str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
    )
    return PiperVoice(
        session=_Shrinking(session, onnxruntime) if shrinks else session, config=config
    )


@functools.cache
def _shared_arena(onnxruntime: Any) -> bool:
    """Register a CPU arena that sessions may share and shrink (once a process); False if not.

    onnxruntime shrinks only an arena registered this way: a session's own
    arena refused `memory.enable_memory_arena_shrinkage` (onnxruntime 1.32).
    """
    try:
        memory = onnxruntime.OrtMemoryInfo(
            "Cpu",
            onnxruntime.OrtAllocatorType.ORT_ARENA_ALLOCATOR,
            0,
            onnxruntime.OrtMemType.DEFAULT,
        )
        # Default limit, growth, first chunk and dead bytes, as the session's own arena has.
        onnxruntime.create_and_register_allocator(memory, onnxruntime.OrtArenaCfg(0, -1, -1, -1))
    except (AttributeError, RuntimeError, ValueError):  # an older onnxruntime
        return False
    return True


class _Shrinking:
    """An onnxruntime session whose arena gives back its free blocks after each run.

    The arena keeps the working memory of the longest piece ever synthesized
    (about 80 MiB for replies of a few seconds), and it stayed resident while
    whisper worked on the next turn, so both counted in `run`'s peak. Shrunk
    after each run it kept about 18 MiB; each synthesis then faults its blocks
    in again (docs/measurements.md has the cost).
    """

    def __init__(self, session: Any, onnxruntime: Any) -> None:
        self._session = session
        self._options = onnxruntime.RunOptions()
        self._options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")

    def run(self, output_names: Any, feeds: Any, run_options: Any = None) -> Any:
        """As `InferenceSession.run`, shrinking the arena afterwards (piper passes no options)."""
        return self._session.run(output_names, feeds, run_options or self._options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._session, name)


def split_phonemes(phonemes: list[str], limit: int = MAX_PHONEMES) -> list[list[str]]:
    """A sentence's phonemes in pieces of at most `limit`, cut after clause marks if possible.

    Clauses are joined while they fit; a clause longer than `limit` is cut
    between words (at the last space that keeps the piece within `limit`),
    and a single word longer than `limit` is cut where the limit falls.
    """
    pieces: list[list[str]] = []
    current: list[str] = []
    for clause in _clauses(phonemes):
        if current and len(current) + len(clause) > limit:
            pieces.append(current)
            current = []
        current = current + clause
        while len(current) > limit:
            spaces = [i for i, p in enumerate(current[: limit + 1]) if p == " " and i > 0]
            cut = spaces[-1] + 1 if spaces else limit
            pieces.append(current[:cut])
            current = current[cut:]
    if current:
        pieces.append(current)
    spoken = [piece[: _spoken_end(piece)] for piece in pieces]
    return [piece for piece in spoken if piece]


def _spoken_end(piece: list[str]) -> int:
    """The length of `piece` without the spaces at its end."""
    end = len(piece)
    while end and piece[end - 1].isspace():
        end -= 1
    return end


def _clauses(phonemes: list[str]) -> list[list[str]]:
    """The phonemes cut after each clause mark (and the space that follows it)."""
    clauses: list[list[str]] = [[]]
    for phoneme in phonemes:
        if phoneme == " " and clauses[-1] and clauses[-1][-1] in _CLAUSE_ENDS:
            clauses[-1].append(phoneme)
            clauses.append([])
            continue
        clauses[-1].append(phoneme)
    return [clause for clause in clauses if clause]


def _s16(samples: Any) -> bytes:
    clipped = np.clip(np.asarray(samples, dtype=np.float32), -1.0, 1.0)
    return (clipped * 32767.0).astype("<i2").tobytes()


def voice_path(catalog: Catalog, name_or_path: str | None = None) -> Path:
    """The `.onnx` file of a voice: a catalog name, a path, or the default (checked by sha256)."""
    if name_or_path is not None and name_or_path.endswith(".onnx"):
        return Path(name_or_path).expanduser()
    entry = catalog.get(name_or_path) if name_or_path else catalog.default("tts")
    if entry.kind != "tts":
        raise ModelError(f"'{entry.name}' is a {entry.kind} model, not a voice")
    path = catalog.main_path(entry) if catalog.installed(entry) else None
    if path is None:
        raise ModelError(f"voice {entry.name} is not installed; {install_hint(entry)}")
    check_entry(catalog, entry)  # size and sha256, remembered while the file is unchanged
    return path
