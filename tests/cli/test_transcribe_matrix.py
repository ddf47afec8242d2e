"""`sottovoce transcribe` on broken, odd and very long audio, with the real default model.

Every input is made at test time from one spoken command (or from nothing). An
input is either heard (exit 0, the key words in the transcript) or refused
(exit 2, exactly one line on standard error that names it, no traceback); a
crash, a hang or memory that grows with the input's length is a failure.
"""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import threading
import wave
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest

from sottovoce.cli import main

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("stt_loaded_once")]

SPEECH = Path(__file__).parent.parent / "data" / "audio" / "kitchen-light-on.wav"
KEY_WORDS = ("kitchen", "light")


def _speech() -> tuple[np.ndarray, int]:
    """The spoken command as s16 samples, and its sample rate (22050 Hz mono)."""
    with wave.open(str(SPEECH)) as clip:
        return np.frombuffer(clip.readframes(clip.getnframes()), "<i2"), clip.getframerate()


def _resampled(rate: int, layout: str, sample_format: str = "s16") -> list[av.AudioFrame]:
    samples, source_rate = _speech()
    frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = source_rate
    resampler = av.AudioResampler(format=sample_format, layout=layout, rate=rate)
    return [*resampler.resample(frame), *resampler.resample(None)]


def _interleaved(rate: int, channels: int) -> np.ndarray:
    """The command as interleaved s16 samples at `rate`."""
    frames = _resampled(rate, "mono" if channels == 1 else "stereo")
    return np.concatenate([f.to_ndarray().reshape(-1) for f in frames]).astype("<i2")


def _encoded(path: Path, codec: str, rate: int, layout: str) -> Path:
    """The command encoded by FFmpeg (through PyAV) with `codec` into `path`."""
    with av.open(str(path), "w") as container:
        stream: Any = container.add_stream(codec, rate=rate, layout=layout)
        for frame in _resampled(rate, layout, stream.codec_context.format.name):
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


def _wav(path: Path, samples: np.ndarray, rate: int, channels: int = 1, width: int = 2) -> Path:
    """A WAV written by Python's own `wave` module (not FFmpeg), `samples` already in width."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return path


def _s24(samples: np.ndarray) -> np.ndarray:
    """s16 samples as packed little-endian 24-bit ones."""
    wide = (samples.astype("<i4") << 8).view("u1").reshape(-1, 4)
    return np.ascontiguousarray(wide[:, :3])


def _patched(path: Path, offset: int, value: int, field: str = "<I") -> Path:
    """The 48 kHz stereo WAV with one header field (at `offset`, of `field`) overwritten."""
    data = bytearray(_encoded(path, "pcm_s16le", 48000, "stereo").read_bytes())
    struct.pack_into(field, data, offset, value)
    path.write_bytes(bytes(data))
    return path


def _truncated(path: Path, make: Callable[[Path], Path], keep: float) -> Path:
    data = make(path).read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def _clipped(path: Path) -> Path:
    samples, rate = _speech()
    loud = np.clip(samples.astype(np.int32) * 8, -32768, 32767).astype("<i2")
    return _wav(path, loud, rate)


def _transcribe(
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *args: str,
    stdin: bytes = b"",
) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of `sottovoce transcribe ARGS` (stderr fd-level too)."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = main(["transcribe", *args])
    out, err = capfd.readouterr()
    return code, out, err


def _assert_refused(code: int, out: str, err: str, names: str) -> None:
    assert code == 2, (out, err)
    assert out == ""
    assert len(err.splitlines()) == 1 and err.endswith("\n"), err
    assert err.startswith("sottovoce: error: ") and names in err, err
    assert "Traceback" not in err


def _assert_heard(code: int, out: str, err: str) -> None:
    assert code == 0, err
    assert all(word in out.lower() for word in KEY_WORDS), out
    assert len(out.splitlines()) == 1 and err == ""


SPEECH_FILES: dict[str, Callable[[Path], Path]] = {
    "8k.wav": lambda p: _encoded(p, "pcm_s16le", 8000, "mono"),
    "48k-stereo.wav": lambda p: _encoded(p, "pcm_s16le", 48000, "stereo"),
    "u8.wav": lambda p: _encoded(p, "pcm_u8", 22050, "mono"),
    "f32.wav": lambda p: _encoded(p, "pcm_f32le", 44100, "mono"),
    "s24.wav": lambda p: _wav(p, _s24(_speech()[0]), _speech()[1], width=3),
    "six-channels.wav": lambda p: _wav(p, np.repeat(_speech()[0], 6), _speech()[1], 6),
    "speech.flac": lambda p: _encoded(p, "flac", 44100, "stereo"),
    "speech.mp3": lambda p: _encoded(p, "libmp3lame", 44100, "mono"),
    "opus.ogg": lambda p: _encoded(p, "libopus", 48000, "mono"),
    # What a recorder writing to a pipe leaves: the data size unknown (all ones).
    "unknown-length.wav": lambda p: _patched(p, 74, 0xFFFFFFFF),
    # Cut off while recording: what is there is heard.
    "cut-short.wav": lambda p: _truncated(
        p, lambda q: _encoded(q, "pcm_s16le", 16000, "mono"), 0.8
    ),
}


@pytest.mark.parametrize("name", SPEECH_FILES)
def test_speech_in_every_format_is_heard(
    name: str,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = SPEECH_FILES[name](tmp_path / name)
    _assert_heard(*_transcribe(capfd, monkeypatch, str(path)))


def _random(path: Path) -> Path:
    path.write_bytes(np.random.default_rng(4).integers(0, 256, 20_000, "u1").tobytes())
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _text(path: Path) -> Path:
    path.write_text("hello, I am a text file\n" * 100)
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


BROKEN_FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty.wav": (_empty, "not a readable audio file"),
    "header-only.wav": (lambda p: _wav(p, np.zeros(0, "<i2"), 16000), "contains no audio"),
    "random.wav": (_random, "not a readable audio file"),
    "random.mp3": (_random, "not a readable audio file"),
    "text.flac": (_text, "contains no audio"),
    "a-folder.wav": (_folder, "not a readable audio file"),
    "missing.wav": (lambda p: p, "no such audio file"),
    # A damaged header's 1 Hz would turn 2 s into a day of audio at 16 kHz.
    "one-hertz.wav": (lambda p: _patched(p, 24, 1), "sample rate of 1 Hz is not audio"),
    "no-channels.wav": (lambda p: _patched(p, 22, 0, "<H"), "damaged after 0.0 s"),
}


@pytest.mark.parametrize("name", BROKEN_FILES)
def test_broken_files_are_refused_in_one_line(
    name: str,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make, problem = BROKEN_FILES[name]
    path = make(tmp_path / name)
    code, out, err = _transcribe(capfd, monkeypatch, str(path))
    _assert_refused(code, out, err, name)
    assert problem in err


def test_patched_headers_hit_the_fields_they_mean(tmp_path: Path) -> None:
    with wave.open(str(_patched(tmp_path / "a.wav", 22, 1, "<H"))) as clip:
        assert (clip.getnchannels(), clip.getframerate()) == (1, 48000)
    with wave.open(str(_patched(tmp_path / "b.wav", 24, 8000))) as clip:
        assert (clip.getnchannels(), clip.getframerate()) == (2, 8000)
    data = _patched(tmp_path / "c.wav", 24, 1).read_bytes()
    assert data[70:74] == b"data"  # the size patched by "unknown-length.wav" follows it


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("damaged.flac", lambda p: _damaged(p, "speech.flac")),
        ("damaged.ogg", lambda p: _damaged(p, "opus.ogg")),
        ("cut-short.flac", lambda p: _truncated(p, SPEECH_FILES["speech.flac"], 0.5)),
        ("cut-short.ogg", lambda p: _truncated(p, SPEECH_FILES["opus.ogg"], 0.5)),
    ],
)
def test_damaged_speech_is_heard_or_refused_never_a_crash(
    name: str,
    make: Callable[[Path], Path],
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, err = _transcribe(capfd, monkeypatch, str(make(tmp_path / name)))
    if code == 0:
        assert len(out.splitlines()) == 1 and err == ""
    else:
        _assert_refused(code, out, err, name)


def _damaged(path: Path, clean: str) -> Path:
    """A clip with every 97th byte after the headers flipped."""
    data = bytearray(SPEECH_FILES[clean](path).read_bytes())
    for i in range(2000, len(data), 97):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def test_clipped_speech_is_still_heard(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Amplified eight times: about 5 % of the samples are clipped.
    _assert_heard(*_transcribe(capfd, monkeypatch, str(_clipped(tmp_path / "clipped.wav"))))


@pytest.mark.parametrize(
    ("name", "samples"),
    [
        ("silence.wav", np.zeros(10 * 16000, "<i2")),
        ("quiet-room.wav", np.random.default_rng(1).normal(0, 30, 10 * 16000).astype("<i2")),
        ("one-sample.wav", np.ones(1, "<i2")),
    ],
)
def test_no_speech_gives_an_empty_transcript(
    name: str,
    samples: np.ndarray,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = _wav(tmp_path / name, samples, 16000)
    assert _transcribe(capfd, monkeypatch, str(path)) == (0, "\n", "")


def _as_format(samples: np.ndarray, sample_format: str) -> bytes:
    """s16 samples converted to a raw PCM format of `transcribe --format`."""
    wide = samples.astype(np.int32)
    converted = {
        "u8": lambda: ((wide >> 8) + 128).astype("u1"),
        "s16": lambda: samples,
        "s32": lambda: (wide << 16).astype("<i4"),
        "f32": lambda: (wide / 32768).astype("<f4"),
    }[sample_format]()
    return converted.tobytes()


@pytest.mark.parametrize(
    ("sample_format", "rate", "channels"),
    [("u8", 8000, 1), ("s16", 44100, 2), ("s32", 48000, 2), ("f32", 22050, 1)],
)
def test_raw_pcm_on_standard_input_in_every_format(
    sample_format: str,
    rate: int,
    channels: int,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pcm = _as_format(_interleaved(rate, channels), sample_format)
    pcm += b"\x00"  # a stray byte at the end (an incomplete frame) is not an error
    args = ["-", "--format", sample_format, "--rate", str(rate), "--channels", str(channels)]
    _assert_heard(*_transcribe(capfd, monkeypatch, *args, stdin=pcm))


@pytest.mark.parametrize(
    ("args", "stdin", "problem"),
    [
        ([], b"", "standard input: no audio arrived"),
        (["--format", "s24"], bytes(3200), "unknown sample format 's24'"),
        (["--channels", "3"], bytes(3200), "3 channels are not supported"),
        (["--rate", "0"], bytes(3200), "sample rate of 0 Hz is not audio"),
    ],
)
def test_bad_raw_pcm_is_refused_in_one_line(
    args: list[str],
    stdin: bytes,
    problem: str,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, err = _transcribe(capfd, monkeypatch, "-", *args, stdin=stdin)
    _assert_refused(code, out, err, problem)


def test_floats_out_of_range_are_not_a_crash(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = np.array([np.nan, np.inf, -np.inf, 1e30, -1e30] * 6400, "<f4").tobytes()
    code, _, err = _transcribe(capfd, monkeypatch, "-", "--format", "f32", stdin=bad)
    assert code == 0 and err == ""


def test_a_refusal_is_one_line_from_the_real_process_too(tmp_path: Path) -> None:
    # In a separate process nothing is captured: FFmpeg or library log lines would show here.
    path = _random(tmp_path / "random.ogg")
    result = subprocess.run(
        [sys.executable, "-m", "sottovoce.cli", "transcribe", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    _assert_refused(result.returncode, result.stdout, result.stderr, "random.ogg")


LONG_MIN = 30  # memory is level from 15 min on; bench/long_audio.py runs the whole hour
NOISE_RMS = 30  # of 32767: about -60 dBFS, a quiet room without speech
GROWTH_LIMIT_MIB = 25
PEAK_RSS_LIMIT_MIB = 600
HANG_S = 600


def _noise_then_the_command(rss: list[int], pid: int) -> Iterator[bytes]:
    """Quiet room noise at 16 kHz, made ten seconds at a time, then the command.

    The process's RSS goes into `rss` after a third and at the end of the noise:
    by then it has read nearly all that was sent (a pipe holds 64 KiB). Before a
    third, the allocators are still warming up (about 15 MiB in the first 15 min).
    """
    rng = np.random.default_rng(2)
    blocks = LONG_MIN * 6
    for block in range(blocks):
        if block in (blocks // 3, blocks - 1):
            rss.append(_rss_kib(pid))
        yield rng.normal(0, NOISE_RMS, 10 * 16000).astype("<i2").tobytes()
    yield _interleaved(16000, 1).tobytes()
    yield bytes(16000 * 2)


def _rss_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0  # already ended: its exit code says why
    return int(status.split("VmRSS:")[1].split()[0])


# `python -m sottovoce.cli ARGS`, writing its peak RSS (VmHWM) to a file as it exits. Not
# wait4's ru_maxrss: a child's includes its parent's RSS when it was spawned, here pytest's.
_WITH_PEAK = """
import atexit, runpy, sys
from pathlib import Path
peak = Path(sys.argv.pop(1))
status = Path("/proc/self/status")
atexit.register(lambda: peak.write_text(status.read_text().split("VmHWM:")[1].split()[0]))
runpy.run_module("sottovoce.cli", run_name="__main__", alter_sys=True)
"""


def test_long_input_on_standard_input_streams_in_bounded_memory(tmp_path: Path) -> None:
    """Half an hour (55 MiB of s16) piped into a real process; whisper only hears the end.

    Memory must not grow with the length: from a third to the end of the input
    it grew by about 7 MiB here, and stays level over an hour (bench/long_audio.py);
    keeping the input would add 37 MiB in that stretch. Measured: 10-14 s, peak
    RSS about 395 MiB, nearly all of it the models and whisper's one transcription.
    """
    out, err, peak = tmp_path / "out", tmp_path / "err", tmp_path / "peak"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", _WITH_PEAK, str(peak), "transcribe", "-"],
            stdin=subprocess.PIPE,
            stdout=stdout,
            stderr=stderr,
        )
    rss: list[int] = []
    feeder = threading.Thread(target=_feed, args=(process, rss), daemon=True)
    feeder.start()
    try:
        code = process.wait(HANG_S)
    finally:
        process.kill()  # hung: the test fails on the timeout, and nothing is left running
        feeder.join()
    assert code == 0 and err.read_text() == "", f"exit {code}: {err.read_text()}"
    assert "kitchen light" in out.read_text().lower()
    assert (rss[1] - rss[0]) / 1024 < GROWTH_LIMIT_MIB, rss
    assert int(peak.read_text()) / 1024 < PEAK_RSS_LIMIT_MIB


def _feed(process: subprocess.Popen[bytes], rss: list[int]) -> None:
    assert process.stdin is not None
    try:
        for block in _noise_then_the_command(rss, process.pid):
            process.stdin.write(block)
    except BrokenPipeError:
        pass  # the process ended early; its exit code says why
    finally:
        process.stdin.close()
