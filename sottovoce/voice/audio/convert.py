"""Conversion of any sample rate, width and channel count to 16 kHz mono 16-bit.

FFmpeg's resampler (through PyAV) keeps its filter state between pieces, so a
stream converted piece by piece sounds the same as one converted whole.
"""

from __future__ import annotations

from typing import Any

import av
import numpy as np

from .chunk import RATE, AudioError

# Raw PCM sample formats we accept: name -> (numpy dtype, FFmpeg packed format).
PCM_FORMATS: dict[str, tuple[str, str]] = {
    "u8": ("u1", "u8"),
    "s16": ("<i2", "s16"),
    "s32": ("<i4", "s32"),
    "f32": ("<f4", "flt"),
}
_LAYOUTS = {1: "mono", 2: "stereo"}
# Sample rates that can be real audio. Outside them a rate is a mistake or a damaged
# header, and converting e.g. 1 Hz to 16 kHz would make hours of samples out of seconds.
MIN_RATE, MAX_RATE = 1000, 384_000


class To16kMono:
    """Turns raw interleaved PCM of one format into 16 kHz mono s16, piece by piece."""

    def __init__(self, rate: int, channels: int, sample_format: str = "s16") -> None:
        if sample_format not in PCM_FORMATS:
            known = ", ".join(PCM_FORMATS)
            raise AudioError(f"unknown sample format {sample_format!r}; use one of {known}")
        if channels not in _LAYOUTS:
            raise AudioError(f"{channels} channels are not supported; use mono or stereo")
        if not MIN_RATE <= rate <= MAX_RATE:
            raise AudioError(f"a sample rate of {rate} Hz is not audio; use e.g. 16000 or 48000")
        self.rate, self.channels = rate, channels
        self.dtype, self._av_format = PCM_FORMATS[sample_format]
        self.frame_bytes = np.dtype(self.dtype).itemsize * channels
        self._resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
        self._rest = b""

    def push(self, data: bytes) -> bytes:
        """Converted samples for the next piece of raw input (may be empty)."""
        data = self._rest + data
        whole = len(data) - len(data) % self.frame_bytes
        self._rest = data[whole:]
        if whole == 0:
            return b""
        samples = np.frombuffer(data[:whole], dtype=self.dtype).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(
            samples, format=self._av_format, layout=_LAYOUTS[self.channels]
        )
        frame.sample_rate = self.rate
        return _pcm(self._resampler.resample(frame))

    def flush(self) -> bytes:
        """What the resampler still holds at the end of the input."""
        return _pcm(self._resampler.resample(None))


def resampled_pcm(resampler: Any, frame: Any) -> bytes:
    """Run one decoded frame (or None, to flush) through a s16 mono resampler."""
    return _pcm(resampler.resample(frame))


def _pcm(frames: list[Any]) -> bytes:
    return b"".join(frame.to_ndarray().astype("<i2").tobytes() for frame in frames)


def resample_s16(pcm: bytes, from_rate: int, to_rate: int = RATE) -> bytes:
    """Mono s16 audio at another sample rate, converted whole (e.g. a voice to 16 kHz)."""
    if from_rate == to_rate or not pcm:
        return pcm
    samples = np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], dtype="<i2").reshape(1, -1)
    frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
    frame.sample_rate = from_rate
    resampler = av.AudioResampler(format="s16", layout="mono", rate=to_rate)
    return _pcm(resampler.resample(frame)) + _pcm(resampler.resample(None))
