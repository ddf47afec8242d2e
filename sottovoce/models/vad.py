"""Voice activity detection with Silero VAD (the ONNX model faster-whisper ships).

Finds where speech is in 16 kHz mono s16 PCM, so that a turn's end of speech
is known to the VAD's 32 ms frames and recognition skips the silence around it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sottovoce.models.llm import EngineUnavailable

SAMPLE_RATE = 16_000


@dataclass(frozen=True)
class VADConfig:
    """When audio counts as speech, and how much silence ends a turn."""

    threshold: float = 0.5
    trailing_silence_ms: int = 600
    min_speech_ms: int = 120
    pad_ms: int = 120


class SileroVAD:
    """Speech spans of a stretch of audio."""

    name = "silero"

    def __init__(self, config: VADConfig | None = None) -> None:
        self.config = config or VADConfig()
        try:
            from faster_whisper.vad import VadOptions, get_speech_timestamps  # type: ignore[import-untyped]
        except ImportError:
            raise EngineUnavailable(
                "faster-whisper (which ships Silero VAD) is missing; run ./setup.sh"
            ) from None
        self._detect = get_speech_timestamps
        self._options = VadOptions(
            threshold=self.config.threshold,
            min_speech_duration_ms=self.config.min_speech_ms,
            min_silence_duration_ms=self.config.trailing_silence_ms,
            speech_pad_ms=self.config.pad_ms,
        )

    def speech_spans(self, pcm: bytes) -> list[tuple[float, float]]:
        """(start, end) in seconds of each stretch of speech."""
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        if len(samples) < SAMPLE_RATE // 10:
            return []
        spans = self._detect(samples, self._options, sampling_rate=SAMPLE_RATE)
        return [(s["start"] / SAMPLE_RATE, s["end"] / SAMPLE_RATE) for s in spans]
