"""`sottovoce demo` and `sottovoce run` through the real command line, with the real models.

The demo runs once for the module; its transcript and WAV files are checked by
several tests (whisper listens to the files). `run` gets input files spoken
by piper, laid out on a timeline, so where the agent's replies land in the
output file can be checked against where the user spoke.
"""

from __future__ import annotations

import io
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import types
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from voice_helpers import SpokenFile, lines_starting, read_wav, same_words, spoken_file

import sottovoce.voice.audio as audio
from sottovoce.cli import main
from sottovoce.cli import speech as cli_speech
from sottovoce.cli.speak import open_voice
from sottovoce.eval.wer import word_error_rate
from sottovoce.voice.audio import FileSource, read_all
from sottovoce.voice.demo import DEMO_SCRIPT

VOICE_RATE = 22050


def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sottovoce: error: "), err
    return lines[0]


@pytest.fixture(scope="module")
def voice() -> Any:
    """The default piper voice: the simulated user of the `run` tests."""
    return open_voice(None, seed=1)  # the same speech every run: results do not vary


# ------------------------------------------------------------------ demo


@dataclass(frozen=True)
class DemoRun:
    code: int
    out: str
    err: str
    wav_dir: Path
    untouched: list[Path]  # where the user's data would go: must not exist afterwards


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, default_stt: Any) -> DemoRun:
    """`sottovoce demo --output-dir D`, run once, with the user's data dir pointed at tmp."""
    root = tmp_path_factory.mktemp("demo")
    wav_dir, data_dir, xdg = root / "wavs", root / "data", root / "xdg"
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp, redirect_stdout(out), redirect_stderr(err):
        mp.setattr(cli_speech, "open_stt", lambda name: default_stt)
        mp.setenv("SOTTOVOCE_DATA_DIR", str(data_dir))
        mp.setenv("XDG_DATA_HOME", str(xdg))
        code = main(["demo", "--seed", "1", "--output-dir", str(wav_dir)])
    return DemoRun(code, out.getvalue(), err.getvalue(), wav_dir, [data_dir, xdg])


def _reply_after(out: str, heard: str) -> str:
    """The first thing the agent said after the `you:` line `heard`."""
    lines = out.splitlines()
    start = lines.index(f"you: {heard}")
    for line in lines[start + 1 :]:
        if line.startswith("sottovoce: "):
            return line.removeprefix("sottovoce: ")
    raise AssertionError(f"no reply after {heard!r}:\n{out}")


@pytest.mark.slow
def test_demo_hears_every_scripted_line_and_answers(demo: DemoRun) -> None:
    assert demo.code == 0, demo.err
    assert demo.err == ""
    heard = lines_starting(demo.out, "you: ")
    understood = [line for line in DEMO_SCRIPT if any(same_words(line, h) for h in heard)]
    assert len(understood) >= len(DEMO_SCRIPT) - 1, demo.out  # whisper may mishear one
    did = lines_starting(demo.out, "  did: ")
    assert len(did) == len(heard) >= len(DEMO_SCRIPT) - 1, demo.out
    assert sum("(route: none)" in line for line in did) <= 1, demo.out
    summary = f"sottovoce: {len(did)} turns; median "
    assert any(line.startswith(summary) for line in demo.out.splitlines()), demo.out


@pytest.mark.slow
def test_demo_announces_the_timer_and_confirms_the_unlock(demo: DemoRun) -> None:
    announced = lines_starting(demo.out, "sottovoce (announcement): ")
    assert len(announced) == 1 and "timer is done" in announced[0], demo.out
    replies = lines_starting(demo.out, "sottovoce: ")
    asked = replies.index("Unlock the front door?")
    assert any("front door is unlocked" in reply for reply in replies[asked + 1 :]), demo.out
    # The announcement comes while the conversation goes on, not after it.
    lines = demo.out.splitlines()
    first_announcement = next(i for i, line in enumerate(lines) if "(announcement)" in line)
    assert first_announcement < max(i for i, line in enumerate(lines) if line.startswith("you: "))


@pytest.mark.slow
def test_demo_writes_each_utterance_as_a_wav(demo: DemoRun) -> None:
    paths = sorted(demo.wav_dir.iterdir())
    names = [path.name for path in paths]
    assert f"sottovoce: wrote {len(paths)} WAV files to {demo.wav_dir}" in demo.out.splitlines()
    assert all(re.fullmatch(r"\d\d-(user|agent)\.wav", name) for name in names), names
    assert [int(name[:2]) for name in names] == list(range(1, len(names) + 1)), names
    who = [name[3:-4] for name in names]
    assert who.count("user") == len(DEMO_SCRIPT), names
    assert who[0] == "user" and who[-1] == "agent", names
    # Every line is answered before the user speaks again (an announcement may add a file).
    assert all(a != b or a == "agent" for a, b in zip(who, who[1:], strict=False)), names
    for path in paths:
        wav = read_wav(path)
        assert (wav.rate, wav.channels) == (VOICE_RATE, 1), path
        assert wav.duration_s > 0.3, path
        assert wav.rms(0, wav.duration_s) > 200, path  # speech, not silence


@pytest.mark.slow
def test_demo_wavs_say_what_the_transcript_says(demo: DemoRun, default_stt: Any) -> None:
    user = default_stt.transcribe(read_all(FileSource(demo.wav_dir / "01-user.wav"))).text
    assert word_error_rate(DEMO_SCRIPT[0], user) <= 0.2, user
    # 02 is the answer to the first line, as printed.
    first_heard = lines_starting(demo.out, "you: ")[0]
    printed = _reply_after(demo.out, first_heard)
    agent = default_stt.transcribe(read_all(FileSource(demo.wav_dir / "02-agent.wav"))).text
    assert word_error_rate(printed, agent) <= 0.25, (printed, agent)


@pytest.mark.slow
def test_demo_leaves_the_users_data_alone(demo: DemoRun) -> None:
    assert demo.code == 0
    assert [path for path in demo.untouched if path.exists()] == []


# ------------------------------------------------------------------ run on files


@pytest.mark.slow
def test_run_answers_a_file_on_its_timeline_and_keeps_the_list(
    tmp_path: Path,
    voice: Any,
    stt_loaded_once: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    spoken = spoken_file(
        tmp_path / "in.wav",
        voice,
        [(1.0, "Put milk on the shopping list."), (4.0, "Please unlock the front door.")],
        tail_s=3.0,
    )
    out_wav, data = tmp_path / "out.wav", tmp_path / "data"
    args = ["run", "--input", str(spoken.path), "--output", str(out_wav), "--data-dir", str(data)]
    args.append("--virtual-time")  # the same timeline however busy the machine is
    assert main(args) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    heard = lines_starting(captured.out, "you: ")
    assert len(heard) == 2, captured.out
    for h, said in zip(heard, spoken.said, strict=True):
        assert word_error_rate(said.text, h) <= 0.2, heard
    assert _reply_after(captured.out, heard[0]) == "I added milk to your shopping list."
    assert _reply_after(captured.out, heard[1]) == "Unlock the front door?"
    assert "sottovoce: 2 turns; median " in captured.out

    wav = read_wav(out_wav)
    assert (wav.rate, wav.channels) == (VOICE_RATE, 1)
    assert abs(wav.duration_s - spoken.duration_s) <= 0.5, (wav.duration_s, spoken.duration_s)
    first, second = spoken.said
    assert wav.rms(0, first.end_s) < 1  # nothing to say before the user has spoken
    assert wav.rms(first.end_s, second.start_s) > 300  # the first answer
    assert wav.rms(second.end_s, wav.duration_s) > 300  # the question back

    # The list is kept in --data-dir: a later command sees the milk.
    assert (data / "store.sqlite3").is_file()
    monkeypatch.setattr(sys, "stdin", io.StringIO("what's on the shopping list\n"))
    assert main(["chat", "--data-dir", str(data)]) == 0
    answer = capsys.readouterr().out
    assert answer == "sottovoce: Your shopping list has eggs, bread and milk.\n", answer


@pytest.mark.slow
def test_speaking_over_a_long_reply_interrupts_it(
    tmp_path: Path, voice: Any, stt_loaded_once: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # The forecast is two sentences, about 6 s. In virtual time its first sentence starts
    # about 0.7 s after the question ends (the 600 ms end-of-speech silence; computing
    # takes no time on the file's timeline) and lasts about 2 s, so the second command,
    # 1.5 s after the question, lands in it however busy the machine is, and the reply's
    # second sentence is never reached.
    spoken = spoken_file(
        tmp_path / "in.wav",
        voice,
        [(1.0, "What's the forecast for today?"), (1.5, "Turn on the kitchen lights.")],
        tail_s=3.0,
    )
    out_wav = tmp_path / "out.wav"
    args = ["run", "--input", str(spoken.path), "--output", str(out_wav), "--virtual-time"]
    assert main([*args, "--data-dir", str(tmp_path / "data")]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    heard = lines_starting(out, "you: ")
    assert len(heard) == 2 and same_words(heard[1], "Turn on the kitchen lights."), out
    first_reply = lines.index(f"sottovoce: {_reply_after(out, heard[0])}")
    interrupted = lines.index("  (interrupted: the user spoke)")
    second = lines.index(f"you: {heard[1]}")
    assert first_reply < interrupted < second, out
    assert "  did: light_turn_on (route: grammar)" in lines[second:], out
    assert "lights are on" in _reply_after(out, heard[1]), out
    assert "Today:" not in out, out  # the rest of the forecast was dropped

    # The file shows the reply cut off while the user spoke, then the answer to them.
    wav = read_wav(out_wav)
    command = spoken.said[1]
    assert wav.rms(spoken.said[0].end_s, command.start_s) > 300
    # Silent while the user speaks; the answer may follow at once, the command being whole.
    assert wav.rms(command.start_s + 0.5, command.end_s) < 1
    assert wav.rms(command.end_s, wav.duration_s) > 300


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["run", "--output", "{tmp}/g.wav"], "--output needs --input"),
        (["run", "--input", "{tmp}/nothing.wav"], "nothing.wav: no such audio file"),
        (["run", "--input", "{tmp}/in.wav", "--silence-ms", "0"], "--silence-ms"),
        (["run", "--virtual-time"], "--virtual-time needs --input"),
        (["run", "--input", "{tmp}/in.wav", "--realtime", "--virtual-time"], "choose one"),
        (["demo", "--silence-ms", "-5"], "--silence-ms"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    audio.write_wav(tmp_path / "in.wav", bytes(3200), audio.RATE)
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    assert main([*argv, "--data-dir", str(tmp_path / "data")] if args[0] == "run" else argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert says in _one_error_line(captured.err)
    assert not (tmp_path / "g.wav").exists()


def _sounddevice_without_microphone() -> Any:
    module: Any = types.ModuleType("sounddevice")
    module.PortAudioError = type("PortAudioError", (Exception,), {})

    def query_devices(device: Any, kind: str) -> dict[str, Any]:
        raise module.PortAudioError("Error querying device -1")

    module.query_devices = query_devices
    return module


def test_no_microphone_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", _sounddevice_without_microphone())
    assert main(["run", "--data-dir", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    line = _one_error_line(captured.err)
    assert "no microphone (Error querying device -1)" in line and "arecord -l" in line


def test_no_portaudio_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = audio.load_sounddevice

    def portaudio_missing(name: str) -> types.ModuleType:
        raise OSError("PortAudio library not found")

    monkeypatch.setattr(audio, "load_sounddevice", lambda: real(portaudio_missing))
    assert main(["run", "--data-dir", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    line = _one_error_line(captured.err)
    assert "PortAudio" in line and "libportaudio2" in line


# ------------------------------------------------------------------ Ctrl-C


def _lines(stream: Any, into: queue.Queue[str | None]) -> None:
    for line in stream:
        into.put(line)
    into.put(None)


@pytest.fixture
def sottovoce_exe() -> Iterator[Path]:
    exe = Path(sys.executable).parent / "sottovoce"
    if not exe.is_file():
        pytest.skip("the sottovoce script is not installed next to the interpreter")
    yield exe


def _sigint_as_in_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
def test_ctrl_c_during_a_reply_stops_cleanly(
    tmp_path: Path, voice: Any, sottovoce_exe: Path
) -> None:
    spoken: SpokenFile = spoken_file(
        tmp_path / "in.wav",
        voice,
        [(1.0, "Turn on the kitchen lights."), (6.0, "Set a timer for five minutes.")],
        tail_s=10.0,
    )
    assert spoken.duration_s > 18
    out_wav = tmp_path / "out.wav"
    args = ["run", "--input", str(spoken.path), "--output", str(out_wav), "--realtime"]
    process = subprocess.Popen(
        [str(sottovoce_exe), *args, "--data-dir", str(tmp_path / "data")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A run that does not stop is aborted below: faulthandler then shows where it hung.
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
        # As from a terminal's Ctrl-C: a suite started in the background (`&`, nohup)
        # ignores SIGINT, and a child would inherit that and rightly go on running.
        preexec_fn=_sigint_as_in_a_terminal,
    )
    seen: queue.Queue[str | None] = queue.Queue()
    reader = threading.Thread(target=_lines, args=(process.stdout, seen), daemon=True)
    reader.start()
    out: list[str] = []
    try:
        deadline = time.monotonic() + 90
        while not any(line.startswith("sottovoce: ") for line in out):
            line = seen.get(timeout=max(0.1, deadline - time.monotonic()))
            assert line is not None, f"ended before replying: {''.join(out)}"
            out.append(line)
        time.sleep(0.5)  # into the reply
        process.send_signal(signal.SIGINT)
        sent = time.monotonic()
        code = process.wait(timeout=10)
        took = time.monotonic() - sent
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGABRT)
        process.wait(timeout=30)
        reader.join(timeout=5)
        assert process.stderr is not None
        err = process.stderr.read()
        pytest.fail(f"`run` did not stop within 10 s of Ctrl-C; where it was:\n{err}")
    except BaseException:
        # A run that did not stop in time: its pipes closed here, or their warnings
        # surface in whichever test runs next.
        process.kill()
        process.communicate()
        reader.join(timeout=5)
        raise
    reader.join(timeout=5)
    assert process.stdout is not None and process.stderr is not None
    err = process.stderr.read()
    process.stdout.close()
    process.stderr.close()
    assert "Traceback" not in err, err
    assert "sottovoce: stopped." in err.splitlines(), err
    assert code == 0, (code, err)
    assert took < 10

    wav = read_wav(out_wav)  # the header agrees with the data written before the stop
    assert (wav.rate, wav.channels) == (VOICE_RATE, 1)
    first = spoken.said[0]
    assert first.end_s < wav.duration_s < spoken.duration_s - 5  # stopped early, mid-file
    assert wav.rms(0, first.end_s) < 1
    assert wav.rms(first.end_s, wav.duration_s) > 100  # the reply that was cut off
