"""The microphone source against a stand-in sounddevice module (no sound card on CI)."""

from __future__ import annotations

import asyncio
import sys
import threading
import time
import types
from collections.abc import AsyncIterator
from typing import Any

import numpy as np
import pytest

from sottovoce.testing import AgentHarness
from sottovoce.testing.fakes import EnergyVAD, silence
from sottovoce.voice.audio import AudioError, MicrophoneSource, load_sounddevice
from sottovoce.voice.audio.microphone import MicrophoneBack, MicrophoneLost, describe
from sottovoce.voice.events import UserSaid
from sottovoce.voice.hearing import Listener
from sottovoce.voice.voiceloop import LoopConfig, VoiceLoop


class _PortAudioError(Exception):
    pass


def _fake_sounddevice(rate: int = 48000, fail_open: bool = False) -> types.ModuleType:
    module = types.ModuleType("sounddevice")

    class RawInputStream:
        def __init__(
            self,
            *,
            samplerate: int,
            channels: int,
            dtype: str,
            blocksize: int,
            device: Any,
            callback: Any,
            finished_callback: Any = None,
        ) -> None:
            if fail_open:
                raise _PortAudioError("Device unavailable [PaErrorCode -9985]")
            assert (channels, dtype) == (1, "int16")
            self.rate, self.block, self.callback = samplerate, blocksize, callback
            self.running = False

        def __enter__(self) -> RawInputStream:
            self.running = True
            self.thread = threading.Thread(target=self._run, daemon=True)
            self.thread.start()
            return self

        def __exit__(self, *exc: object) -> None:
            # Like closing a PortAudio stream: no callback after this returns.
            self.running = False
            if self.thread is not threading.current_thread():
                self.thread.join()

        def _run(self) -> None:
            # What PortAudio does: call back from its own thread, block after block.
            t = 0
            while self.running and t < self.rate * 2:
                times = np.arange(t, t + self.block) / self.rate
                block = (np.sin(2 * np.pi * 440 * times) * 8000).astype("<i2")
                self.callback(block.tobytes(), self.block, None, None)
                t += self.block

    module.RawInputStream = RawInputStream  # type: ignore[attr-defined]
    module.PortAudioError = _PortAudioError  # type: ignore[attr-defined]
    module.query_devices = lambda device, kind: {"default_samplerate": float(rate)}  # type: ignore[attr-defined]
    return module


async def _first_chunks(source: MicrophoneSource, count: int) -> list[Any]:
    chunks = []
    async for chunk in source.chunks():
        chunks.append(chunk)
        if len(chunks) == count:
            break
    return chunks


def test_blocks_from_the_audio_thread_arrive_as_16k_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", _fake_sounddevice())
    chunks = asyncio.run(asyncio.wait_for(_first_chunks(MicrophoneSource(), 20), timeout=10))
    assert [c.samples for c in chunks] == [480] * 20
    assert chunks[5].start_s == pytest.approx(0.15)


def test_a_device_that_will_not_open(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "sounddevice", _fake_sounddevice(fail_open=True))
    with pytest.raises(AudioError, match="cannot open the microphone .*-9985"):
        asyncio.run(_first_chunks(MicrophoneSource(), 1))


def test_missing_portaudio_says_what_to_install() -> None:
    def no_portaudio(name: str) -> types.ModuleType:
        raise OSError("PortAudio library not found")

    with pytest.raises(AudioError, match="libportaudio2"):
        load_sounddevice(no_portaudio)


def test_missing_sounddevice_says_what_to_do() -> None:
    def absent(name: str) -> types.ModuleType:
        raise ImportError(name)

    with pytest.raises(AudioError, match="setup.sh"):
        load_sounddevice(absent)


# ------------------------------------------------ a microphone that goes away


class _Script:
    """A stand-in sounddevice whose streams do what the test says, one plan per open.

    A plan is "fail" (the device will not open), or (audio, end): that many
    30 ms blocks of a tone (or that 16 kHz PCM), then "finish" (PortAudio
    ends the stream, and closing it raises, as for an unplugged USB device)
    or "hang" (nothing more arrives).
    Everything happens on the event loop's thread; no real time passes.
    """

    def __init__(self, *plans: Any) -> None:
        self.plans = list(plans)
        self.opened = 0
        self.streams: list[_ScriptedStream] = []
        self.module = types.ModuleType("sounddevice")
        self.module.PortAudioError = _PortAudioError  # type: ignore[attr-defined]
        self.module.query_devices = lambda device, kind: {"default_samplerate": 16000.0}  # type: ignore[attr-defined]
        self.module.RawInputStream = self._stream  # type: ignore[attr-defined]

    def _stream(self, **kw: Any) -> Any:
        plan = self.plans.pop(0)
        if plan == "fail":
            raise _PortAudioError("Device unavailable [PaErrorCode -9985]")
        self.opened += 1
        self.streams.append(_ScriptedStream(kw["callback"], kw["finished_callback"], *plan))
        return self.streams[-1]


class _ScriptedStream:
    def __init__(self, callback: Any, finished: Any, audio: int | bytes, end: str) -> None:
        self.callback, self.finished, self.end = callback, finished, end
        if isinstance(audio, int):  # that many blocks of a tone
            audio = (np.sin(np.arange(480 * audio) / 3) * 8000).astype("<i2").tobytes()
        self.audio = audio

    def __enter__(self) -> _ScriptedStream:
        for start in range(0, len(self.audio), 960):
            self.callback(self.audio[start : start + 960], 480, None, None)
        if self.end == "finish":
            self.finished()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.end == "finish":
            raise _PortAudioError("Unanticipated host error [PaErrorCode -9999]")


class _VirtualTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


def _listen(script: _Script, count: int, **options: Any) -> tuple[list[Any], list[Any], float]:
    events: list[Any] = []
    virtual = _VirtualTime()
    source = MicrophoneSource(
        report=events.append,
        sounddevice=script.module,
        sleep=virtual.sleep,
        clock=virtual.clock,
        **options,
    )
    chunks = asyncio.run(asyncio.wait_for(_first_chunks(source, count), timeout=10))
    return chunks, events, virtual.now


def test_a_microphone_that_goes_away_is_reported_and_reopened_with_backoff() -> None:
    script = _Script((10, "finish"), "fail", "fail", (300, "hang"))
    chunks, events, now = _listen(script, 200)
    lost, back = events
    assert isinstance(lost, MicrophoneLost) and lost.at_s == pytest.approx(0.3)
    assert "PaErrorCode -9999" in lost.reason
    assert isinstance(back, MicrophoneBack) and back.attempts == 3
    assert back.gone_s == pytest.approx(0.5 + 1 + 2, abs=0.05)  # tries after 0.5 s, 1 s, 2 s
    assert script.opened == 2 and now == pytest.approx(back.gone_s)
    # One timeline: the microphone's audio, silence while it was away, its audio again.
    assert [c.start_s for c in chunks] == pytest.approx([i * 0.03 for i in range(len(chunks))])
    loud = [bool(np.frombuffer(c.pcm, "<i2").any()) for c in chunks]
    away = round(back.gone_s / 0.03)
    assert (
        loud[:10] == [True] * 10 and not any(loud[10 : 10 + away - 1]) and loud[-10:] == [True] * 10
    )


def test_a_microphone_that_falls_silent_is_lost_too() -> None:
    script = _Script((5, "hang"), (100, "hang"))
    chunks, events, _ = _listen(script, 60, stall_s=0.01)
    assert [type(e) for e in events] == [MicrophoneLost, MicrophoneBack]
    assert events[0].reason == "no audio for 0.01 s" and events[1].attempts == 1


def test_the_backoff_stops_growing_at_its_maximum() -> None:
    script = _Script((1, "finish"), *["fail"] * 6, (1000, "hang"))
    _, events, now = _listen(script, 500, max_backoff_s=2.0)
    assert events[1].attempts == 7
    assert events[1].gone_s == pytest.approx(0.5 + 1 + 2 + 2 + 2 + 2 + 2, abs=0.1)


def test_the_lines_a_command_prints() -> None:
    lost = describe(MicrophoneLost(1.0, "the device stopped"))
    assert "microphone is gone (the device stopped)" in lost and "reopen" in lost
    assert describe(MicrophoneBack(4.0, 3.04, 2)) == (
        "the microphone is back after 3.0 s; listening again"
    )


def test_the_loop_says_so_and_the_agent_answers_after_the_microphone_returns() -> None:
    harness = AgentHarness(include_builtins=True)
    first = harness.stt.speech("turn on the kitchen light")
    second = harness.stt.speech("turn off the kitchen light") + silence(1.5)
    script = _Script((first[: len(first) // 2], "finish"), "fail", (second, "hang"))
    events: list[Any] = []
    virtual = _VirtualTime()

    async def run() -> None:
        with Listener(harness.stt, EnergyVAD()) as listener:
            loop = VoiceLoop(
                harness.agent, listener, harness.voice, on_event=events.append,
                config=LoopConfig(pace="virtual"),
            )  # fmt: skip
            source = MicrophoneSource(
                report=loop.on_event,
                sounddevice=script.module,
                sleep=virtual.sleep,
                clock=virtual.clock,
            )

            async def until_the_second_recording_is_heard() -> AsyncIterator[Any]:
                after_back = 0
                async for chunk in source.chunks():
                    yield chunk
                    after_back += any(isinstance(e, MicrophoneBack) for e in events)
                    if after_back * 960 >= len(second):
                        return

            await loop.run(until_the_second_recording_is_heard())

    asyncio.run(asyncio.wait_for(run(), timeout=30))
    kinds = [
        type(e).__name__
        for e in events
        if isinstance(e, MicrophoneLost | MicrophoneBack | UserSaid)
    ]
    # Cut off mid-utterance: what was heard ends as if the user stopped; then it comes back.
    assert kinds == ["MicrophoneLost", "UserSaid", "MicrophoneBack", "UserSaid"], events
    heard = [e.text for e in events if isinstance(e, UserSaid)]
    assert heard == ["turn on the kitchen light", "turn off the kitchen light"]
    assert harness.state("light.kitchen_ceiling")["on"] is False  # the agent answered both


def test_run_prints_one_line_for_each(capsys: pytest.CaptureFixture[str]) -> None:
    from sottovoce.cli.voice import Printer

    printer = Printer(trace=False)
    printer(MicrophoneLost(2.0, "the device stopped"))
    printer(MicrophoneBack(6.0, 4.0, 3))
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "sottovoce: " + describe(MicrophoneLost(2.0, "the device stopped")),
        "sottovoce: the microphone is back after 4.0 s; listening again",
    ]


def test_a_busy_event_loop_is_not_a_lost_microphone() -> None:
    """Blocks that arrived while the loop was blocked past the stall time are still read."""
    script = _Script((0, "hang"))
    events: list[Any] = []
    tone = (np.sin(np.arange(480) / 3) * 8000).astype("<i2").tobytes()

    async def run() -> list[Any]:
        source = MicrophoneSource(report=events.append, sounddevice=script.module, stall_s=0.05)
        chunks = source.chunks()
        first = asyncio.ensure_future(chunks.__anext__())
        await asyncio.sleep(0)  # the source now waits for a block, its stall timer set
        stream = script.streams[0]

        def hog() -> None:
            stream.callback(tone, 480, None, None)  # a block arrives...
            time.sleep(0.1)  # ...while the loop is held past the stall time

        asyncio.get_running_loop().call_soon(hog)
        got = [await first]
        await chunks.aclose()
        return got

    chunks = asyncio.run(asyncio.wait_for(run(), timeout=10))
    assert len(chunks) == 1 and events == []
