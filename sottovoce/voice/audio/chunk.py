"""The unit of audio that moves between stages: 16 kHz, mono, 16-bit little-endian PCM."""

from __future__ import annotations

from dataclasses import dataclass

RATE = 16_000
CHANNELS = 1
SAMPLE_WIDTH = 2
BYTES_PER_S = RATE * SAMPLE_WIDTH


def byte_offset(seconds: float) -> int:
    """Where `seconds` falls in a PCM buffer, on a sample boundary."""
    return max(0, int(seconds * RATE)) * SAMPLE_WIDTH


class AudioError(Exception):
    """Audio that cannot be used; the message names the input and what to do, in one line."""


@dataclass(frozen=True)
class AudioChunk:
    """A piece of the input: its samples and where it starts in the stream."""

    pcm: bytes
    start_s: float

    @property
    def samples(self) -> int:
        """Number of samples in the chunk."""
        return len(self.pcm) // SAMPLE_WIDTH

    @property
    def duration_s(self) -> float:
        """Length of the chunk in seconds."""
        return self.samples / RATE

    @property
    def end_s(self) -> float:
        """Where the chunk ends in the stream."""
        return self.start_s + self.duration_s
