"""Endpointing a live stream with the real Silero VAD: utterances and their ends."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import pytest

from sottovoce.cli import main
from sottovoce.models.vad import SileroVAD
from sottovoce.voice.audio import FileSource, MemorySource, read_all
from sottovoce.voice.endpoint import Endpointer, Utterance

pytestmark = pytest.mark.slow

AUDIO = Path(__file__).parent.parent / "data" / "audio"
SECOND = bytes(32000)


def _utterances(pcm: bytes) -> list[Utterance]:
    endpointer = Endpointer(SileroVAD())
    found = [u for chunk in MemorySource(pcm) if (u := endpointer.feed(chunk))]
    last = endpointer.finish()
    return found + ([last] if last else [])


def test_two_commands_with_pauses_are_two_utterances_ending_on_time() -> None:
    first = read_all(FileSource(AUDIO / "kitchen-light-on.wav"))
    second = read_all(FileSource(AUDIO / "timer-ten-minutes.wav"))
    pcm = SECOND + first + SECOND * 2 + second + SECOND
    one, two = _utterances(pcm)
    first_end = 1 + len(first) / 32000
    second_end = first_end + 2 + len(second) / 32000
    assert abs(one.end_s - first_end) < 0.25 and abs(two.end_s - second_end) < 0.25
    assert 0.7 < one.start_s < 1.2 and len(one.pcm) / 32000 == pytest.approx(1.9, abs=0.4)


def test_silence_is_no_utterance() -> None:
    assert _utterances(SECOND * 5) == []


def test_speech_cut_off_by_the_end_of_input_is_still_an_utterance() -> None:
    speech = read_all(FileSource(AUDIO / "kitchen-light-on.wav"))
    [only] = _utterances(SECOND + speech)
    assert only.end_s > 2.5


def test_listen_on_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["listen", "--input", str(AUDIO / "kitchen-light-on.wav")]) == 0
    assert "kitchen light" in capsys.readouterr().out.lower()


def test_listen_without_portaudio_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    if importlib.util.find_spec("sounddevice") is None:
        pytest.skip("sounddevice is not installed")
    try:
        import sounddevice  # noqa: F401
    except OSError:
        assert main(["listen"]) == 2
        err = capsys.readouterr().err
        assert "libportaudio2" in err and "listening" not in err
    else:
        pytest.skip("this machine has PortAudio")


def test_listen_after_a_wake_word(capsys: pytest.CaptureFixture[str]) -> None:
    clip = str(AUDIO / "hey-jarvis-turn-on-the-light.wav")
    assert main(["listen", "--input", clip, "--wake", "hey_jarvis"]) == 0
    out = capsys.readouterr().out.lower()
    assert "(hey_jarvis)" in out and "on the light" in out
    # Without its wake word, nothing is transcribed.
    assert main(["listen", "--input", str(AUDIO / "kitchen-light-on.wav"), "--wake", "alexa"]) == 0
    assert capsys.readouterr().out == ""


def _two_commands(tmp_path: Path) -> Path:
    """The kitchen command at 0 s, the timer command about 5 s later, as one WAV."""
    first = read_all(FileSource(AUDIO / "kitchen-light-on.wav"))
    second = read_all(FileSource(AUDIO / "timer-ten-minutes.wav"))
    pcm = SECOND + first + SECOND * 2 + second + SECOND
    path = tmp_path / "two.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(pcm)
    return path


def test_push_to_talk_hears_only_after_a_press(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    clip = _two_commands(tmp_path)
    start_of_second = (len(read_all(FileSource(clip))) / 32000) - 4.0
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{start_of_second:.2f}\n"))
    assert main(["listen", "--input", str(clip), "--push-to-talk"]) == 0
    out = capsys.readouterr().out.lower()
    assert "timer" in out and "kitchen" not in out


def test_push_to_talk_on_a_file_needs_press_times(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("now please\n"))
    clip = str(AUDIO / "kitchen-light-on.wav")
    assert main(["listen", "--input", clip, "--push-to-talk"]) == 2
    assert "press times in seconds" in capsys.readouterr().err


def test_a_silence_that_is_not_positive_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    clip = str(AUDIO / "kitchen-light-on.wav")
    assert main(["listen", "--input", clip, "--silence-ms", "0"]) == 2
    assert capsys.readouterr().err.count("\n") == 1
