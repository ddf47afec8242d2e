"""Audio sources: every format, rate, width and channel count arrives as 16 kHz mono s16."""

from __future__ import annotations

import io
import tracemalloc
import wave
from pathlib import Path

import av
import numpy as np
import pytest

from sottovoce.voice.audio import (
    RATE,
    AudioError,
    FileSource,
    MemorySource,
    PcmSource,
    To16kMono,
    read_all,
)

TONE_HZ = 440


def _tone(rate: int, seconds: float = 1.0) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    return np.sin(2 * np.pi * TONE_HZ * t) * 0.5


def _check_tone(pcm: bytes, seconds: float = 1.0) -> None:
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    assert abs(len(samples) / RATE - seconds) < 0.05
    body = samples[RATE // 10 : -RATE // 10]
    crossings = np.count_nonzero(np.diff(np.signbit(body)))
    assert abs(crossings / (len(body) / RATE) - 2 * TONE_HZ) < 10  # pitch survives
    assert 0.3 < np.abs(body).max() / 32768 < 0.7  # so does loudness


def _wav(path: Path, rate: int, channels: int, width: int) -> Path:
    tone = _tone(rate)
    if width == 1:
        data = ((tone + 1) * 127.5).astype("u1")
    else:
        data = (tone * (2 ** (8 * width - 1) - 1)).astype(f"<i{width}")
    frames = np.repeat(data[:, None], channels, axis=1)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(frames.tobytes())
    return path


def _encoded(path: Path, codec: str, rate: int = 44100) -> Path:
    tone = (_tone(rate) * 32767).astype("<i2")
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=rate, layout="stereo")  # type: ignore[call-overload]
        frame = av.AudioFrame.from_ndarray(
            np.repeat(tone[:, None], 2, axis=1).reshape(1, -1), format="s16", layout="stereo"
        )
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


@pytest.mark.parametrize(
    ("rate", "channels", "width"),
    [(16000, 1, 2), (8000, 1, 2), (48000, 2, 2), (22050, 1, 1), (44100, 2, 4)],
)
def test_wav_of_any_rate_width_and_channels(
    tmp_path: Path, rate: int, channels: int, width: int
) -> None:
    _check_tone(read_all(FileSource(_wav(tmp_path / "a.wav", rate, channels, width))))


@pytest.mark.parametrize(
    ("codec", "suffix"), [("flac", "flac"), ("mp3", "mp3"), ("libopus", "ogg")]
)
def test_compressed_formats(tmp_path: Path, codec: str, suffix: str) -> None:
    rate = 48000 if codec == "libopus" else 44100
    _check_tone(read_all(FileSource(_encoded(tmp_path / f"a.{suffix}", codec, rate))))


@pytest.mark.parametrize(
    ("fmt", "dtype", "scale"), [("f32", "<f4", 1.0), ("s32", "<i4", 2**31 - 1)]
)
def test_raw_pcm_of_other_widths(fmt: str, dtype: str, scale: float) -> None:
    samples = (_tone(32000) * scale).astype(dtype)
    _check_tone(read_all(MemorySource(samples, rate=32000, sample_format=fmt)))


def test_chunks_are_equal_and_timed() -> None:
    chunks = list(MemorySource((_tone(RATE) * 32767).astype("<i2"), chunk_ms=30))
    assert all(c.samples == 480 for c in chunks[:-1]) and 0 < chunks[-1].samples <= 480
    assert chunks[1].start_s == pytest.approx(0.03) and chunks[-1].end_s == pytest.approx(1.0)


def test_converting_in_pieces_equals_converting_whole() -> None:
    raw = (_tone(44100) * 32767).astype("<i2").tobytes()
    whole = To16kMono(44100, 1)
    once = whole.push(raw) + whole.flush()
    pieces = To16kMono(44100, 1)
    parts = b"".join(pieces.push(raw[i : i + 777]) for i in range(0, len(raw), 777))
    assert parts + pieces.flush() == once


class _Zeros(io.RawIOBase):
    """An endless-looking stream of silence that never exists in memory at once."""

    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = min(self.left, 8192 if n < 0 else n)
        self.left -= n
        return bytes(n)


def test_long_input_is_streamed_in_bounded_memory() -> None:
    size = 20 * 60 * 48000 * 2 * 2  # 20 minutes of 48 kHz stereo s16: 230 MB
    tracemalloc.start()
    samples = sum(c.samples for c in PcmSource(_Zeros(size), rate=48000, channels=2))  # type: ignore[arg-type]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert samples == pytest.approx(20 * 60 * RATE, abs=RATE // 10)
    assert peak < 5 << 20


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "not a readable audio file|contains no audio"),
        (b"RIFF\x00\x00\x00\x00WAVEjunkjunkjunk", "not a readable audio file|contains no audio"),
        (bytes(range(256)) * 40, "not a readable audio file|no audio track|damaged"),
        (b"hello, I am a text file\n" * 20, "not a readable audio file|no audio track"),
    ],
)
def test_broken_files_are_one_line_errors(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(AudioError, match=problem) as info:
        read_all(FileSource(path))
    assert "\n" not in str(info.value) and "bad.wav" in str(info.value)


def test_a_header_with_no_samples_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
    with pytest.raises(AudioError, match="contains no audio"):
        read_all(FileSource(path))


def test_missing_file() -> None:
    with pytest.raises(AudioError, match="no such audio file"):
        read_all(FileSource(Path("/nonexistent/clip.wav")))


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        ((16000, 1, "s24"), "unknown sample format"),
        ((16000, 6, "s16"), "6 channels"),
        ((5, 1, "s16"), "not audio"),
    ],
)
def test_bad_pcm_settings(args: tuple[int, int, str], problem: str) -> None:
    with pytest.raises(AudioError, match=problem):
        To16kMono(*args)


def test_no_pcm_at_all() -> None:
    with pytest.raises(AudioError, match="no audio arrived"):
        read_all(MemorySource(b""))
