"""Helpers for the voice-loop CLI tests: spoken input files, WAV reading, transcript parsing."""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from sottovoce.eval.wer import words
from sottovoce.voice.audio import RATE, resample_s16, write_wav


@dataclass(frozen=True)
class Said:
    """One line spoken into an input file, and where it lies on the file's timeline."""

    text: str
    start_s: float
    end_s: float


@dataclass(frozen=True)
class SpokenFile:
    """An input WAV (16 kHz mono) and what is said in it."""

    path: Path
    said: list[Said]
    duration_s: float


def spoken_file(
    path: Path, voice: Any, parts: list[tuple[float, str]], tail_s: float
) -> SpokenFile:
    """Each (silence before it, text) spoken by `voice` in turn, then `tail_s` of quiet."""
    pcm = bytearray()
    said = []
    for gap_s, text in parts:
        pcm += bytes(int(gap_s * RATE) * 2)
        audio = voice.speak(text)
        start_s = len(pcm) / 2 / RATE
        pcm += resample_s16(audio.pcm, audio.sample_rate)
        said.append(Said(text, start_s, len(pcm) / 2 / RATE))
    pcm += bytes(int(tail_s * RATE) * 2)
    write_wav(path, bytes(pcm), RATE)
    return SpokenFile(path, said, len(pcm) / 2 / RATE)


@dataclass(frozen=True)
class Wav:
    """A WAV file's samples and format, as the `wave` module reads it."""

    samples: np.ndarray[Any, np.dtype[np.int16]]
    rate: int
    channels: int

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.channels / self.rate

    def rms(self, start_s: float, end_s: float) -> float:
        """Root mean square level of [start_s, end_s) (mono files)."""
        part = self.samples[int(start_s * self.rate) : int(end_s * self.rate)]
        assert len(part) > 0, (start_s, end_s, self.duration_s)
        return float(np.sqrt(np.mean(part.astype(np.float64) ** 2)))


def read_wav(path: Path) -> Wav:
    """The file through `wave`; the header must agree with the data actually in the file."""
    with wave.open(str(path), "rb") as wav:
        assert wav.getsampwidth() == 2, path
        frames = wav.getnframes()
        data = wav.readframes(frames)
        rate, channels = wav.getframerate(), wav.getnchannels()
    assert len(data) == frames * channels * 2, f"{path}: header says more frames than there are"
    return Wav(np.frombuffer(data, dtype="<i2"), rate, channels)


def lines_starting(output: str, prefix: str) -> list[str]:
    """The text after `prefix` on each line of `output` that starts with it."""
    return [line[len(prefix) :] for line in output.splitlines() if line.startswith(prefix)]


def same_words(a: str, b: str) -> bool:
    """Equal once case and punctuation are ignored."""
    return words(a) == words(b)
