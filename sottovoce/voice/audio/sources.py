"""Audio sources: files, raw PCM streams, memory.

A source is iterated for `AudioChunk`s of a fixed length; reading is
blocking, so the pipeline runs it in a worker thread. Input is streamed, so
an hour-long file takes no more memory than a short one.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import av
import numpy as np

from .chunk import RATE, SAMPLE_WIDTH, AudioChunk, AudioError
from .convert import MAX_RATE, MIN_RATE, To16kMono, resampled_pcm

CHUNK_MS = 30
_READ_BYTES = 8192
_FORMATS_HINT = "use WAV, FLAC, MP3 or OGG"


class _Chunker:
    """Cuts a stream of converted samples into chunks of equal length."""

    def __init__(self, chunk_ms: int) -> None:
        self.size = RATE * chunk_ms // 1000 * SAMPLE_WIDTH
        self.buffer = b""
        self.sent = 0  # samples already handed out

    def feed(self, pcm: bytes) -> Iterator[AudioChunk]:
        self.buffer += pcm
        while len(self.buffer) >= self.size:
            yield self._take(self.size)

    def finish(self) -> Iterator[AudioChunk]:
        if self.buffer:
            yield self._take(len(self.buffer))

    def _take(self, size: int) -> AudioChunk:
        chunk = AudioChunk(self.buffer[:size], self.sent / RATE)
        self.buffer = self.buffer[size:]
        self.sent += size // SAMPLE_WIDTH
        return chunk


class FileSource:
    """An audio file of any format FFmpeg reads, decoded and converted as it is read."""

    def __init__(self, path: Path, chunk_ms: int = CHUNK_MS) -> None:
        self.path = path
        self.chunk_ms = chunk_ms

    def __iter__(self) -> Iterator[AudioChunk]:
        chunker = _Chunker(self.chunk_ms)
        try:
            container = av.open(str(self.path))
        except FileNotFoundError:
            raise AudioError(f"{self.path}: no such audio file") from None
        except (av.error.FFmpegError, OSError, ValueError) as exc:
            raise AudioError(
                f"{self.path}: not a readable audio file ({_why(exc)}); {_FORMATS_HINT}"
            ) from None
        with container:
            if not container.streams.audio:
                raise AudioError(f"{self.path}: has no audio track; {_FORMATS_HINT}")
            resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
            try:
                for frame in container.decode(container.streams.audio[0]):
                    self._check_rate(frame.sample_rate)
                    yield from chunker.feed(resampled_pcm(resampler, frame))
            except (av.error.FFmpegError, ValueError) as exc:
                at = chunker.sent / RATE
                raise AudioError(
                    f"{self.path}: the audio is damaged after {at:.1f} s ({_why(exc)})"
                ) from None
            yield from chunker.feed(resampled_pcm(resampler, None))
        if chunker.sent == 0 and not chunker.buffer:
            raise AudioError(f"{self.path}: contains no audio (zero samples)")
        yield from chunker.finish()

    def _check_rate(self, rate: int) -> None:
        if not MIN_RATE <= rate <= MAX_RATE:
            raise AudioError(
                f"{self.path}: a sample rate of {rate} Hz is not audio (damaged header?)"
            )


class PcmSource:
    """Raw interleaved PCM from a binary stream (standard input, a pipe, a socket)."""

    def __init__(
        self,
        stream: BinaryIO,
        rate: int = RATE,
        channels: int = 1,
        sample_format: str = "s16",
        chunk_ms: int = CHUNK_MS,
        name: str = "standard input",
    ) -> None:
        self.stream = stream
        self.converter = To16kMono(rate, channels, sample_format)
        self.chunk_ms = chunk_ms
        self.name = name

    def __iter__(self) -> Iterator[AudioChunk]:
        chunker = _Chunker(self.chunk_ms)
        while True:
            data = self.stream.read(_READ_BYTES)
            if not data:
                break
            yield from chunker.feed(self.converter.push(data))
        yield from chunker.feed(self.converter.flush())
        if chunker.sent == 0 and not chunker.buffer:
            raise AudioError(f"{self.name}: no audio arrived (zero samples)")
        yield from chunker.finish()


class MemorySource(PcmSource):
    """Samples already in memory (a numpy array or raw bytes), e.g. made by a test."""

    def __init__(
        self,
        samples: bytes | np.ndarray,
        rate: int = RATE,
        channels: int = 1,
        sample_format: str = "s16",
        chunk_ms: int = CHUNK_MS,
    ) -> None:
        data = samples.tobytes() if isinstance(samples, np.ndarray) else samples
        super().__init__(io.BytesIO(data), rate, channels, sample_format, chunk_ms, "memory")


def read_all(source: Iterable[AudioChunk]) -> bytes:
    """All of a source's audio as 16 kHz mono s16 PCM (for short inputs)."""
    return b"".join(chunk.pcm for chunk in source)


def _why(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:120]
