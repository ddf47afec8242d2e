"""The microphone, through sounddevice (PortAudio).

PortAudio calls back on its own thread; the callback only copies the block
and hands it to the event loop, where it is converted and cut into chunks.
When the loop falls behind, the oldest audio is dropped rather than blocking
the audio thread.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import AsyncIterator, Callable
from types import ModuleType
from typing import Any

from .chunk import AudioChunk, AudioError
from .convert import To16kMono
from .sources import CHUNK_MS, _Chunker

_QUEUE_BLOCKS = 200  # about 6 s of audio at 30 ms blocks


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


class MicrophoneSource:
    """Live audio from an input device (the default one unless named)."""

    def __init__(self, device: str | int | None = None, chunk_ms: int = CHUNK_MS) -> None:
        self.device = device
        self.chunk_ms = chunk_ms

    async def chunks(self) -> AsyncIterator[AudioChunk]:
        """Chunks as they are spoken, until the consumer stops."""
        sd = load_sounddevice()
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=_QUEUE_BLOCKS)
        try:
            info = sd.query_devices(self.device, "input")
            rate = int(info["default_samplerate"])
        except (sd.PortAudioError, ValueError) as exc:
            raise AudioError(f"no microphone ({_first(exc)}); check `arecord -l`") from None

        def offer(block: bytes) -> None:
            if queue.full():
                queue.get_nowait()  # drop the oldest block, never stall PortAudio
            queue.put_nowait(block)

        def callback(indata: Any, frames: int, time_info: Any, status: Any) -> None:
            try:
                loop.call_soon_threadsafe(offer, bytes(indata))
            except RuntimeError:
                pass  # a last block after the loop closed (Ctrl-C): nobody is listening

        converter = To16kMono(rate, 1, "s16")
        chunker = _Chunker(self.chunk_ms)
        try:
            stream = sd.RawInputStream(
                samplerate=rate,
                channels=1,
                dtype="int16",
                blocksize=rate * self.chunk_ms // 1000,
                device=self.device,
                callback=callback,
            )
        except sd.PortAudioError as exc:
            raise AudioError(f"cannot open the microphone ({_first(exc)})") from None
        with stream:
            while True:
                block = await queue.get()
                for chunk in chunker.feed(converter.push(block)):
                    yield chunk


def _first(exc: BaseException) -> str:
    return (str(exc).strip() or type(exc).__name__).splitlines()[0]
