"""Audio out: mono 16-bit PCM to a WAV file or to the speaker.

A sink takes PCM at its own sample rate (a voice's, usually 22050 Hz) through
`write`, and `close` finishes it. A WAV file is written to a temporary file
beside it and renamed into place by `close` (`models/atomic.py`): a failed
or interrupted write (`discard`, or leaving the `with` block by an
exception) leaves no half-written file, and the old file, if any, as it was.
The speaker's `write` blocks while the sound card's buffer is full, so it
is called from a worker thread; `stop` silences it at once (barge-in) from
any other thread.
"""

from __future__ import annotations

import contextlib
import threading
import wave
from pathlib import Path
from types import TracebackType
from typing import Any

from sottovoce.models.atomic import AtomicFile

from .chunk import CHANNELS, SAMPLE_WIDTH, AudioError
from .convert import resample_s16
from .microphone import _first, load_sounddevice

VOICE_RATE = 22_050
BLOCK_MS = 20  # a stop waits for at most one block to be handed to PortAudio


def write_wav(path: Path, pcm: bytes, rate: int) -> None:
    """Write mono 16-bit PCM to a WAV file in one go."""
    with WavFileSink(path, rate) as sink:
        sink.write(pcm)


class WavFileSink:
    """A mono 16-bit WAV file written piece by piece; the header is right after each write."""

    def __init__(self, path: Path, rate: int) -> None:
        self.path, self.rate = path, rate
        self._frames = 0
        try:
            # Opened here, not by `wave.open(name)`, which leaves a half-made writer
            # that complains when it is collected if the file cannot be created.
            self._file = AtomicFile(path)  # committed by close(), dropped by discard()
        except OSError as exc:
            why = exc.strerror or type(exc).__name__
            raise AudioError(
                f"{path}: cannot write the audio file here ({why}); "
                "choose a path in a directory that exists and is writable"
            ) from None
        self._wav = wave.open(self._file.file, "wb")
        self._wav.setnchannels(CHANNELS)
        self._wav.setsampwidth(SAMPLE_WIDTH)
        self._wav.setframerate(rate)

    def write(self, pcm: bytes) -> None:
        """Append samples to the file."""
        self._wav.writeframes(pcm)
        self._frames += len(pcm) // SAMPLE_WIDTH

    @property
    def duration_s(self) -> float:
        """Length of the audio written so far."""
        return self._frames / self.rate

    def close(self) -> None:
        """Finish the file and put it in place."""
        try:
            self._wav.close()  # writes the final header; the file object stays open
        except BaseException:
            self._file.discard()
            raise
        try:
            self._file.commit()
        except OSError as exc:
            raise AudioError(
                f"{self.path}: cannot finish the audio file ({exc.strerror or exc}); "
                "nothing was written there"
            ) from None

    def discard(self) -> None:
        """Drop what was written: the path is left as it was before."""
        with contextlib.suppress(Exception):
            self._wav.close()  # else its __del__ writes to the closed file later
        self._file.discard()

    def __enter__(self) -> WavFileSink:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:
            self.discard()


class SpeakerSink:
    """The speaker (an output device, the default unless named), through sounddevice."""

    def __init__(self, device: str | int | None = None, rate: int = VOICE_RATE) -> None:
        self.device, self.rate = device, rate
        self._sd = load_sounddevice()
        self._lock = threading.Lock()  # PortAudio calls on one stream are not thread-safe
        self._stopped = threading.Event()
        self._rest = b""
        try:
            info = self._sd.query_devices(device, "output")
        except (self._sd.PortAudioError, ValueError) as exc:
            raise AudioError(f"no speaker ({_first(exc)}); check `aplay -l`") from None
        self._stream, self.device_rate = self._open(rate, int(info["default_samplerate"]))
        try:
            self._stream.start()
        except self._sd.PortAudioError as exc:
            self._stream.close()
            raise AudioError(
                f"cannot start the speaker ({_first(exc)}); check `aplay -l`"
            ) from None

    def _open(self, rate: int, device_rate: int) -> tuple[Any, int]:
        # A hardware device may not take the voice's rate; then we resample to its own.
        failure: Exception | None = None
        for tried in dict.fromkeys((rate, device_rate)):
            try:
                stream = self._sd.RawOutputStream(
                    samplerate=tried, channels=CHANNELS, dtype="int16", device=self.device
                )
            except self._sd.PortAudioError as exc:
                failure = exc
                continue
            return stream, tried
        why = _first(failure) if failure else "no sample rate"
        raise AudioError(f"cannot open the speaker ({why}); check `aplay -l`")

    def write(self, pcm: bytes) -> None:
        """Queue `pcm` for playing; blocks while the device's buffer is full."""
        pcm, self._rest = self._rest + pcm, b""
        if len(pcm) % SAMPLE_WIDTH:
            pcm, self._rest = pcm[:-1], pcm[-1:]
        if self.device_rate != self.rate:
            pcm = resample_s16(pcm, self.rate, self.device_rate)
        block = self.device_rate * BLOCK_MS // 1000 * SAMPLE_WIDTH
        for start in range(0, len(pcm), block):
            with self._lock:
                if self._stopped.is_set():
                    return
                try:
                    self._stream.write(pcm[start : start + block])
                except self._sd.PortAudioError as exc:
                    raise AudioError(f"the speaker failed ({_first(exc)})") from None

    def stop(self) -> None:
        """Silence it now: drop what is queued; writes are ignored until `resume`."""
        self._stopped.set()
        with self._lock:  # waits for at most one block's write
            self._stream.abort()
            self._rest = b""

    @property
    def stopped(self) -> bool:
        """Whether `stop` silenced it and no `resume` came since."""
        return self._stopped.is_set()

    def resume(self) -> None:
        """Accept writes again after `stop`."""
        with self._lock:
            if self._stopped.is_set():
                self._stream.start()
                self._stopped.clear()

    def close(self) -> None:
        """Let what is queued play out (unless stopped), then release the device."""
        with self._lock:
            if not self._stopped.is_set():
                self._stream.stop()  # PortAudio's stop waits for the buffer to drain
            self._stream.close()

    def __enter__(self) -> SpeakerSink:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if kind is not None:
            self.stop()
        self.close()
