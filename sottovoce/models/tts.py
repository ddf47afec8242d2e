"""Text to speech with piper (ONNX voices), one sentence of audio at a time.

A voice is a `.onnx` file with its `.onnx.json` config beside it: the default
comes from the registry package in the catalog, others by path. piper splits
text into sentences itself; each is yielded as soon as it is synthesized, so a
caller can play the first sentence while the rest is still being made.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sottovoce.models.catalog import Catalog, ModelError
from sottovoce.models.llm import EngineUnavailable


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
        try:
            from piper import PiperVoice, SynthesisConfig
        except ImportError:
            raise EngineUnavailable("piper-tts is not installed; run ./setup.sh") from None
        try:
            self._voice: Any = PiperVoice.load(model_path, config_path=config_path)
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

    def sentences(self, text: str) -> Iterator[SpokenAudio]:
        """The audio of each sentence of `text`, in order, as each is ready."""
        if not text.strip():
            return
        with self._lock:
            chunks = iter(self._voice.synthesize(text, self._syn))
        while True:
            with self._lock:
                chunk = next(chunks, None)
            if chunk is None:
                return
            yield SpokenAudio(_s16(chunk.audio_float_array), chunk.sample_rate)

    def speak(self, text: str) -> SpokenAudio:
        """All of `text` as one stretch of audio."""
        pcm = b"".join(part.pcm for part in self.sentences(text))
        return SpokenAudio(pcm, self.sample_rate)


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
    problems = catalog.verify(entry)
    path = catalog.main_path(entry)
    if problems or path is None:
        raise ModelError(problems[0] if problems else f"voice {entry.name} is not installed")
    return path
