"""Echo cancellation: take the agent's own voice out of what the microphone hears.

WebRTC's audio processing module does it (AEC3 with its residual echo
suppressor, plus noise suppression and a high-pass filter), through the
bindings in LiveKit's `livekit` package: the module browsers and most voice
products use, with wheels for Linux on x86-64 and ARM (a Pi), macOS and
Windows. `aec-audio-processing` was measured as well (same echo reduction,
no ARM or macOS wheels); our earlier delay-and-gain canceller, which muted
the input until it had found the echo and never converged in a reverberant
room, is kept in `bench/echo_baseline.py` for comparison.

The canceller gives two signals. For spotting that the user spoke over the
agent, WebRTC's output, whose suppressor mutes whatever might be echo. For
the recognizer, the microphone less a linear estimate of the echo
(`echopath.py`): the suppressor, while both talk, chops the user's words.

The loop knows exactly what it played and when, so each microphone window
comes with the reference played during it. The module works on 10 ms
frames: windows of any length are cut into frames, and a remainder waits for
the next window (the output then lags by under 10 ms, with silence first).

While nothing has played for a while the module is bypassed and the input
passes untouched: it has no echo to remove, noise suppression would only
change the user's voice for the recognizer, and an idle assistant should cost
nothing. The loop's transcript check (its own sentences are not taken as
commands) stays as the second defence against echo that leaks through.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from sottovoce.voice.audio import RATE
from sottovoce.voice.echopath import EchoPath

FRAME = RATE // 100  # samples in the module's 10 ms frame
TAIL_S = 0.6  # after the last sound played, how long echo may still arrive (delay + reverb)


@dataclass(frozen=True)
class Cleaned:
    """One microphone window without the agent's voice, two ways (16 kHz mono s16)."""

    detect: bytes  # all that might be echo suppressed: is the user talking over the agent?
    listen: bytes  # the echo subtracted, nothing suppressed: what did the user say?
    echo_rms: float = 0.0  # level of the echo subtracted from `listen` (0: none was)


class Canceller(Protocol):
    """Anything that removes the played reference from the microphone signal."""

    def process(self, mic: bytes, ref: bytes) -> Cleaned:
        """The microphone window with the echo of `ref` (played in the same window) removed."""
        ...


class NoCanceller:
    """Passes the microphone through: headphones, a recording, or a test's control."""

    def process(self, mic: bytes, ref: bytes) -> Cleaned:
        """`mic`, untouched."""
        del ref
        return Cleaned(mic, mic)


class WebRTCCanceller:
    """WebRTC AEC3, noise suppression and a high-pass filter, while the agent may be heard."""

    def __init__(self, *, noise_suppression: bool = True, stream_delay_ms: int = 0) -> None:
        from livekit import rtc  # its native library loads here, not at import

        self._rtc = rtc
        self._apm = rtc.AudioProcessingModule(
            echo_cancellation=True,
            noise_suppression=noise_suppression,
            high_pass_filter=True,
            auto_gain_control=False,  # whisper normalizes; a gain that pumps hurts the VAD
        )
        # A hint only: AEC3 finds the delay itself. 0 suits the loop, which hands
        # over the reference and the microphone of the same window together.
        self._delay_ms = stream_delay_ms
        self._mic = np.zeros(0, dtype="<i2")  # input not yet processed (under one frame)
        self._ref = np.zeros(0, dtype="<i2")
        self._out = np.zeros(0, dtype="<i2")  # processed, not yet handed back
        self._quiet_s = TAIL_S  # since the reference last had sound
        self.path = EchoPath()

    def process(self, mic: bytes, ref: bytes) -> Cleaned:
        """The microphone window with the echo of `ref` removed, both ways; as long as `mic`."""
        m = np.frombuffer(mic, dtype="<i2")
        r = np.resize(np.frombuffer(ref, dtype="<i2"), len(m)) if ref else np.zeros_like(m)
        self._quiet_s = 0.0 if np.any(r) else self._quiet_s + len(m) / RATE
        if self._quiet_s >= TAIL_S and not len(self._mic) and not len(self._out):
            return Cleaned(mic, mic)  # nothing played lately: nothing to cancel
        suppressed = self._suppress(m, r)
        heard = m.astype(np.float64)
        listen = self.path.remove(heard, r.astype(np.float64), suppressed.astype(np.float64))
        # Until the echo path is learned (the first second or two of the agent's voice),
        # the recognizer gets WebRTC's output too.
        detect = suppressed.tobytes()
        if listen is None:
            return Cleaned(detect, detect)
        echo = heard - listen
        return Cleaned(detect, _s16(listen), float(np.sqrt(np.mean(echo**2))) if len(m) else 0.0)

    def _suppress(self, m: np.ndarray, r: np.ndarray) -> np.ndarray:
        """WebRTC's output for the window (lagging by under a frame when it is not whole)."""
        self._mic = np.concatenate([self._mic, m])
        self._ref = np.concatenate([self._ref, r])
        usable = len(self._mic) // FRAME * FRAME
        frames = [self._frame(i) for i in range(0, usable, FRAME)]
        self._mic, self._ref = self._mic[usable:], self._ref[usable:]
        self._out = np.concatenate([self._out, *frames])
        if len(self._out) < len(m):  # the first window after a pause: lag by the remainder
            self._out = np.concatenate([np.zeros(len(m) - len(self._out), "<i2"), self._out])
        out, self._out = self._out[: len(m)], self._out[len(m) :]
        return out

    def _frame(self, at: int) -> np.ndarray:
        rtc = self._rtc
        far = rtc.AudioFrame(self._ref[at : at + FRAME].tobytes(), RATE, 1, FRAME)
        self._apm.process_reverse_stream(far)
        near = rtc.AudioFrame(self._mic[at : at + FRAME].tobytes(), RATE, 1, FRAME)
        self._apm.set_stream_delay_ms(self._delay_ms)  # asked for before each frame
        self._apm.process_stream(near)  # in place
        return np.frombuffer(near.data.tobytes(), dtype="<i2")


def _s16(samples: np.ndarray) -> bytes:
    return np.clip(np.round(samples), -32768, 32767).astype("<i2").tobytes()
