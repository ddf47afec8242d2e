"""The microphone source against a stand-in sounddevice module (no sound card on CI)."""

from __future__ import annotations

import asyncio
import sys
import threading
import types
from typing import Any

import numpy as np
import pytest

from sottovoce.voice.audio import AudioError, MicrophoneSource, load_sounddevice


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
