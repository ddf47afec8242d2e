"""Speech to text with faster-whisper (CTranslate2), on 16 kHz mono 16-bit PCM.

The model directory comes from the catalog (the registry packages hold
faster-whisper's converted models); nothing is downloaded. Recognition can be
biased towards what this installation understands with an initial prompt of
its vocabulary (device names, rooms, contacts).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sottovoce.models.llm import EngineUnavailable

SAMPLE_RATE = 16_000
_REQUIRED = ("model.bin", "config.json", "tokenizer.json")


@dataclass(frozen=True)
class STTConfig:
    """How speech is recognized."""

    language: str = "en"
    beam_size: int = 1  # greedy: on a small CPU a wider beam costs more than it gains
    threads: int = 2
    compute_type: str = "int8"


@dataclass(frozen=True)
class Transcript:
    """What was heard in a stretch of audio."""

    text: str
    duration_s: float
    no_speech: bool = False


class WhisperSTT:
    """A faster-whisper model loaded from a local directory."""

    name = "faster-whisper"

    def __init__(self, model_dir: Path, config: STTConfig | None = None) -> None:
        self.config = config or STTConfig()
        missing = [name for name in _REQUIRED if not (model_dir / name).is_file()]
        if missing:
            raise EngineUnavailable(
                f"{model_dir} is not a faster-whisper model (missing {', '.join(missing)}); "
                "run `sottovoce models verify`"
            )
        try:
            from faster_whisper import WhisperModel  # type: ignore[import-untyped]
        except ImportError:
            raise EngineUnavailable("faster-whisper is not installed; run ./setup.sh") from None
        try:
            self.model: Any = WhisperModel(
                str(model_dir),
                device="cpu",
                compute_type=self.config.compute_type,
                cpu_threads=self.config.threads,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            first = (str(exc).strip() or type(exc).__name__).splitlines()[0]
            raise EngineUnavailable(
                f"cannot load the speech model in {model_dir}: {first}"
            ) from None
        # CTranslate2 models may be used by one transcription at a time here.
        self._lock = threading.Lock()

    def transcribe(self, pcm: bytes, prompt: str | None = None) -> Transcript:
        """The words in `pcm` (16 kHz mono s16); `prompt` biases towards known words."""
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        duration = len(samples) / SAMPLE_RATE
        if len(samples) < SAMPLE_RATE // 10:
            return Transcript("", duration, no_speech=True)
        with self._lock:
            segments, _ = self.model.transcribe(
                samples,
                language=self.config.language,
                beam_size=self.config.beam_size,
                initial_prompt=prompt or None,
                condition_on_previous_text=False,
                without_timestamps=True,
                vad_filter=False,
            )
            texts = [s.text for s in segments if s.no_speech_prob < 0.8 or s.avg_logprob > -0.5]
        text = " ".join(" ".join(texts).split())
        return Transcript(text, duration, no_speech=not text)
