"""Audio out: WAV files read back by the stdlib, and the speaker against a stand-in sounddevice."""

from __future__ import annotations

import sys
import threading
import time
import types
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sottovoce.voice.audio import AudioError, SpeakerSink, WavFileSink, write_wav

RATE = 22050


def _tone(seconds: float, rate: int = RATE) -> bytes:
    times = np.arange(int(seconds * rate)) / rate
    return (np.sin(2 * np.pi * 440 * times) * 8000).astype("<i2").tobytes()


def _read(path: Path) -> tuple[int, int, int, bytes]:
    with wave.open(str(path), "rb") as wav:
        frames = wav.readframes(wav.getnframes())
        return wav.getnchannels(), wav.getsampwidth(), wav.getframerate(), frames


def test_write_wav_round_trips(tmp_path: Path) -> None:
    pcm = _tone(0.5)
    write_wav(tmp_path / "a.wav", pcm, RATE)
    assert _read(tmp_path / "a.wav") == (1, 2, RATE, pcm)


def test_the_streaming_writer_appends_pieces(tmp_path: Path) -> None:
    first, second = _tone(0.25), _tone(0.5)
    with WavFileSink(tmp_path / "b.wav", RATE) as sink:
        sink.write(first)
        assert sink.duration_s == pytest.approx(0.25, abs=1e-4)
        sink.write(second)
        assert sink.duration_s == pytest.approx(0.75, abs=1e-4)
    assert _read(tmp_path / "b.wav") == (1, 2, RATE, first + second)


@pytest.mark.parametrize("where", ["missing/dir/out.wav", "."])
def test_a_path_that_cannot_be_written_is_one_line(tmp_path: Path, where: str) -> None:
    path = tmp_path / where
    with pytest.raises(AudioError, match="cannot write the audio file here") as caught:
        WavFileSink(path, RATE)
    message = str(caught.value)
    assert str(path) in message and "writable" in message and "\n" not in message


class _PortAudioError(Exception):
    pass


class _Stream:
    """A blocking output stream: each write takes as long as its audio lasts, as a full buffer."""

    def __init__(self, samplerate: int, channels: int, dtype: str, device: Any) -> None:
        assert (channels, dtype) == (1, "int16")
        self.rate, self.device = samplerate, device
        self.played: list[bytes] = []
        self.calls: list[str] = []
        self.active = False

    def start(self) -> None:
        self.calls.append("start")
        self.active = True

    def write(self, data: bytes) -> bool:
        assert self.active, "written while stopped"
        time.sleep(len(data) / 2 / self.rate)
        self.played.append(bytes(data))
        return False

    def abort(self) -> None:
        self.calls.append("abort")
        self.active = False

    def stop(self) -> None:
        self.calls.append("stop")
        self.active = False

    def close(self) -> None:
        self.calls.append("close")


def _fake_sounddevice(
    *, outputs: bool = True, rates: tuple[int, ...] = (RATE,), device_rate: int = 48000
) -> Any:
    module: Any = types.ModuleType("sounddevice")
    module.PortAudioError = _PortAudioError
    module.streams = []

    def query_devices(device: Any, kind: str) -> dict[str, Any]:
        assert kind == "output"
        if not outputs:
            raise _PortAudioError("Error querying device -1")
        return {"default_samplerate": float(device_rate)}

    def open_stream(**kwargs: Any) -> _Stream:
        if kwargs["samplerate"] not in rates:
            raise _PortAudioError("Invalid sample rate [PaErrorCode -9997]")
        stream = _Stream(**kwargs)
        module.streams.append(stream)
        return stream

    module.query_devices = query_devices
    module.RawOutputStream = open_stream
    return module


@pytest.fixture
def sd(monkeypatch: pytest.MonkeyPatch) -> Any:
    module = _fake_sounddevice()
    monkeypatch.setitem(sys.modules, "sounddevice", module)
    return module


def test_the_speaker_plays_everything_in_small_blocks(sd: Any) -> None:
    pcm = _tone(0.2)
    with SpeakerSink(device=3) as sink:
        sink.write(pcm[:1001])  # an odd byte is kept for the next write
        sink.write(pcm[1001:])
    stream = sd.streams[0]
    assert (stream.rate, stream.device) == (RATE, 3)
    assert b"".join(stream.played) == pcm
    assert max(len(block) for block in stream.played) == RATE * 20 // 1000 * 2
    assert stream.calls == ["start", "stop", "close"]  # stop: the queued audio plays out


def test_stop_silences_a_playing_write_at_once(sd: Any) -> None:
    sink = SpeakerSink()
    pcm = _tone(2.0)
    writer = threading.Thread(target=sink.write, args=(pcm,))
    writer.start()
    time.sleep(0.1)
    began = time.monotonic()
    sink.stop()
    writer.join(timeout=5)
    assert not writer.is_alive()
    assert time.monotonic() - began < 0.1
    stream = sd.streams[0]
    assert "abort" in stream.calls
    assert len(b"".join(stream.played)) < len(pcm) // 4
    played = len(stream.played)
    sink.write(_tone(0.1))  # still stopped: dropped
    assert len(stream.played) == played and sink.stopped
    sink.resume()
    sink.write(_tone(0.1))
    assert len(stream.played) > played and not sink.stopped
    sink.close()
    assert stream.calls[-2:] == ["stop", "close"]


def test_a_device_without_the_voice_rate_gets_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    module = _fake_sounddevice(rates=(48000,), device_rate=48000)
    monkeypatch.setitem(sys.modules, "sounddevice", module)
    with SpeakerSink(rate=RATE) as sink:
        assert sink.device_rate == 48000
        sink.write(_tone(0.1))
    played = len(b"".join(module.streams[0].played)) // 2
    assert played == pytest.approx(4800, abs=100)


def test_no_output_device_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", _fake_sounddevice(outputs=False))
    with pytest.raises(AudioError, match=r"^no speaker \(Error querying device -1\); check `aplay"):
        SpeakerSink()


def test_a_rate_no_one_takes_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", _fake_sounddevice(rates=()))
    with pytest.raises(AudioError, match=r"cannot open the speaker \(Invalid sample rate"):
        SpeakerSink()


def test_missing_portaudio_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_portaudio(name: str) -> types.ModuleType:
        raise OSError("PortAudio library not found")

    monkeypatch.setattr("sottovoce.voice.audio.sinks.load_sounddevice", _loader(no_portaudio))
    with pytest.raises(AudioError, match="libportaudio2"):
        SpeakerSink()


def _loader(importer: Any) -> Any:
    from sottovoce.voice.audio import load_sounddevice

    return lambda: load_sounddevice(importer)
