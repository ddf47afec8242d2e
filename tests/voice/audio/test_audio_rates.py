"""A file whose header gives an impossible sample rate is refused, not converted for hours."""

from __future__ import annotations

import time
import wave
from pathlib import Path

import pytest

from sottovoce.voice.audio import RATE, AudioError, FileSource, read_all


def _wav(path: Path, rate: int, seconds: float = 1.0) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(int(rate * seconds) * 2))
    return path


@pytest.mark.parametrize("rate", [1, 500, 999, 400_000])
def test_an_impossible_rate_is_refused_at_once(tmp_path: Path, rate: int) -> None:
    # At 1 Hz, each second of samples would have become 16000 s of audio at 16 kHz.
    path = _wav(tmp_path / "odd.wav", 48000, 1.0)
    data = bytearray(path.read_bytes())
    data[24:28] = rate.to_bytes(4, "little")
    path.write_bytes(bytes(data))
    started = time.perf_counter()
    with pytest.raises(AudioError, match=f"odd.wav: a sample rate of {rate} Hz is not audio"):
        read_all(FileSource(path))
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("rate", [1000, 8000, 384_000])
def test_the_rates_at_the_edges_are_audio(tmp_path: Path, rate: int) -> None:
    pcm = read_all(FileSource(_wav(tmp_path / "a.wav", rate, 0.5)))
    assert abs(len(pcm) // 2 - RATE // 2) <= RATE // 100
