"""The microphone, through sounddevice (PortAudio).

PortAudio calls back on its own thread; the callback only copies the block
and hands it to the event loop, where it is converted and cut into chunks.
When the loop falls behind, the oldest audio is dropped rather than blocking
the audio thread.

A microphone that disappears (unplugged, a USB reset, a Bluetooth headset
out of range) is noticed when PortAudio ends the stream or when no audio
arrives for `stall_s` seconds. The source then reports `MicrophoneLost`,
keeps the stream's timeline going with silence (so the loop goes on: what
was being said ends as if the speaker stopped, replies and timers still
play) and tries to reopen the device after 0.5 s, 1 s, 2 s ... up to every
`max_backoff_s`; when it opens again it reports `MicrophoneBack` and the
audio is live again. Only a device that never opened is an error.
"""

from __future__ import annotations

import asyncio
import importlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from .chunk import RATE, AudioChunk, AudioError
from .convert import To16kMono
from .sources import CHUNK_MS, _Chunker

_QUEUE_BLOCKS = 200  # about 6 s of audio at 30 ms blocks
STALL_S = 2.0  # no block for this long: the device is gone (blocks come every 30 ms)
FIRST_BACKOFF_S = 0.5
MAX_BACKOFF_S = 10.0


@dataclass(frozen=True)
class MicrophoneLost:
    """The microphone stopped delivering audio; the source keeps trying to reopen it."""

    at_s: float  # stream time
    reason: str


@dataclass(frozen=True)
class MicrophoneBack:
    """The microphone opened again after it was lost; listening goes on."""

    at_s: float
    gone_s: float  # how long it was away
    attempts: int  # how many tries it took


def describe(status: MicrophoneLost | MicrophoneBack) -> str:
    """The one line a command prints for a lost or returned microphone."""
    if isinstance(status, MicrophoneLost):
        return (
            f"the microphone is gone ({status.reason}); the assistant keeps running and "
            "tries to reopen it (check the cable or `arecord -l`)"
        )
    return f"the microphone is back after {status.gone_s:.1f} s; listening again"


class _Lost(Exception):
    """The open stream failed; the message says how."""


def load_sounddevice(importer: Callable[[str], ModuleType] = importlib.import_module) -> Any:
    """The sounddevice module, or an `AudioError` that says what to install."""
    try:
        return importer("sounddevice")
    except ImportError:
        raise AudioError("sounddevice is not installed; run ./setup.sh") from None
    except OSError:
        raise AudioError(
            "PortAudio is missing, so there is no microphone or speaker; "
            "install it with `sudo apt-get install -y libportaudio2`"
        ) from None


Report = Callable[[MicrophoneLost | MicrophoneBack], None]
_Opened = tuple[Any, "asyncio.Queue[bytes | None]", int]  # stream, its blocks, its rate


class MicrophoneSource:
    """Live audio from an input device (the default one unless named), reopened if it goes.

    `report` hears of a lost and a returned device; `sounddevice`, `sleep`
    and `clock` are seams for tests (a stand-in module, virtual time).
    """

    def __init__(
        self,
        device: str | int | None = None,
        chunk_ms: int = CHUNK_MS,
        *,
        report: Report | None = None,
        stall_s: float = STALL_S,
        max_backoff_s: float = MAX_BACKOFF_S,
        sounddevice: Any = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.device = device
        self.chunk_ms = chunk_ms
        self.report = report or (lambda status: None)
        self.stall_s, self.max_backoff_s = stall_s, max_backoff_s
        self._sd, self._sleep, self._clock = sounddevice, sleep, clock

    async def chunks(self) -> AsyncIterator[AudioChunk]:
        """Chunks as they are spoken, until the consumer stops; silence while the device is away."""
        sd = self._sd if self._sd is not None else load_sounddevice()
        chunker = _Chunker(self.chunk_ms)
        try:
            stream, queue, rate = self._open(sd)
        except _Lost as failed:
            raise AudioError(str(failed)) from None  # never opened: a setup problem
        while True:
            try:
                async for block in self._blocks(sd, stream, queue, rate):
                    for chunk in chunker.feed(block):
                        yield chunk
            except _Lost as lost:
                self.report(MicrophoneLost(chunker.sent / RATE, str(lost)))
            reopened: list[_Opened] = []
            async for chunk in self._away(sd, chunker, reopened):
                yield chunk
            stream, queue, rate = reopened[0]

    def _open(self, sd: Any) -> _Opened:
        """Open the device; `_Lost` says why it cannot be."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[bytes | None] = asyncio.Queue(maxsize=_QUEUE_BLOCKS)
        try:
            info = sd.query_devices(self.device, "input")
            rate = int(info["default_samplerate"])
        except (sd.PortAudioError, ValueError) as exc:
            raise _Lost(f"no microphone ({_first(exc)}); check `arecord -l`") from None

        def offer(block: bytes | None) -> None:
            if queue.full():
                queue.get_nowait()  # drop the oldest block, never stall PortAudio
            queue.put_nowait(block)

        def send(block: bytes | None) -> None:
            try:
                loop.call_soon_threadsafe(offer, block)
            except RuntimeError:
                pass  # a last block after the loop closed (Ctrl-C): nobody is listening

        def callback(indata: Any, frames: int, time_info: Any, status: Any) -> None:
            send(bytes(indata))

        try:
            stream = sd.RawInputStream(
                samplerate=rate,
                channels=1,
                dtype="int16",
                blocksize=rate * self.chunk_ms // 1000,
                device=self.device,
                callback=callback,
                finished_callback=lambda: send(None),  # PortAudio ended the stream
            )
        except sd.PortAudioError as exc:
            raise _Lost(f"cannot open the microphone ({_first(exc)})") from None
        return stream, queue, rate

    async def _blocks(
        self, sd: Any, stream: Any, queue: asyncio.Queue[bytes | None], rate: int
    ) -> AsyncIterator[bytes]:
        """16 kHz PCM from one open stream; `_Lost` when the device goes."""
        converter = To16kMono(rate, 1, "s16")
        try:
            with stream:
                while True:
                    try:
                        block = await asyncio.wait_for(queue.get(), self.stall_s)
                    except TimeoutError:
                        if not queue.empty():  # the event loop was busy, not the device
                            continue
                        raise _Lost(f"no audio for {self.stall_s:g} s") from None
                    if block is None:
                        raise _Lost("the device stopped")
                    yield converter.push(block)
        except sd.PortAudioError as exc:  # starting, or closing a stream whose device went
            raise _Lost(_first(exc)) from None

    async def _away(
        self, sd: Any, chunker: _Chunker, into: list[_Opened]
    ) -> AsyncIterator[AudioChunk]:
        """Silence, paced like the microphone, until the device opens again (into `reopened`)."""
        gone_at = self._clock()
        delay, attempts = FIRST_BACKOFF_S, 0
        retry_at = gone_at + delay
        silence = bytes(chunker.size)
        while True:
            for chunk in chunker.feed(silence):
                yield chunk
            await self._sleep(self.chunk_ms / 1000)
            if self._clock() < retry_at:
                continue
            attempts += 1
            try:
                opened = self._open(sd)
            except _Lost:
                delay = min(delay * 2, self.max_backoff_s)
                retry_at = self._clock() + delay
                continue
            self.report(MicrophoneBack(chunker.sent / RATE, self._clock() - gone_at, attempts))
            into.append(opened)
            return


def _first(exc: BaseException) -> str:
    return (str(exc).strip() or type(exc).__name__).splitlines()[0]
