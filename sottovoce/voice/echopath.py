"""The room's echo path, learned by least squares: the user's words as a recognizer needs them.

WebRTC's canceller (`echo.py`) ends in a suppressor that, while the agent and
the user talk at once, mutes whatever might still be echo: right for spotting
that someone spoke over the agent, but it chops the user's first words ("Turn
on the ..." came out as "Cart on the ..."). LiveKit's bindings do not give
AEC3's linear output, which is what WebRTC offers recognizers for this, so we
estimate a linear echo path of our own and subtract it, suppressing nothing.

While only the agent is heard (WebRTC's output is far quieter than the
microphone), the cross- and auto-spectra of what was played and what the
microphone heard are accumulated over one-second Hann windows, a quarter of a
second apart, with slow forgetting; the echo path is their ratio, cut to its
first half second (the device's delay and the room's reverberation). The
estimate is the direct least-squares solution, not an adaptive filter: it is
good after a second or two of the agent's voice and does not drift while
both talk. What it leaves (about 20 dB under the echo with a distorting
loudspeaker) is far below a user's voice.
"""

from __future__ import annotations

import numpy as np

from sottovoce.voice.audio import RATE

_WINDOW = 1 << 14  # samples of one spectral estimate: about a second
_HOP = _WINDOW // 4
TAPS = RATE // 2  # the echo path's length: delay and reverberation within half a second
_ECHO_ONLY = 0.03  # canceller output under this share of the microphone's energy: echo alone
_SILENT = 100.0  # RMS on the s16 scale under which the microphone hears no one
_MOSTLY = 0.9  # share of a window that must be echo-only for it to be learned from
_READY = 4  # echo-only windows (1.75 s of the agent's voice) before the estimate is used
_FORGET = 0.97  # per window: the room may change (a door opens, the device is moved)


class EchoPath:
    """Learns how the speaker's sound reaches the microphone, and removes it linearly."""

    def __init__(self) -> None:
        keep = _WINDOW + TAPS
        self._ref = np.zeros(keep, dtype=np.float64)  # the latest reference and microphone
        self._mic = np.zeros(keep, dtype=np.float64)
        self._quiet = np.zeros(keep, dtype=bool)  # samples the canceller found echo-only
        self._since = 0
        self._cross = np.zeros(_WINDOW // 2 + 1, dtype=np.complex128)
        self._power = np.zeros(_WINDOW // 2 + 1, dtype=np.float64)
        self._hann = np.hanning(_WINDOW)
        self.response: np.ndarray | None = None  # the echo path, once learned
        self.windows = 0  # echo-only windows learned from

    def remove(self, mic: np.ndarray, ref: np.ndarray, suppressed: np.ndarray) -> np.ndarray | None:
        """`mic` less the echo of what was played (None until the path is known); learns."""
        n = len(mic)
        heard = float(np.dot(mic, mic))
        left = float(np.dot(suppressed, suppressed))
        # Near-silence counts as echo-only too: the pauses between the agent's sentences.
        self._push(mic, ref, left < _ECHO_ONLY * heard or heard < n * _SILENT**2)
        self._since += n
        if self._since >= _HOP:
            self._since = 0
            self._learn()
        if self.response is None or self.windows < _READY:
            return None
        played = self._ref[-(n + TAPS - 1) :]
        return mic - np.convolve(played, self.response, mode="valid")

    def _push(self, mic: np.ndarray, ref: np.ndarray, quiet: bool) -> None:
        n = len(mic)
        self._ref = np.concatenate([self._ref[n:], ref])
        self._mic = np.concatenate([self._mic[n:], mic])
        self._quiet = np.concatenate([self._quiet[n:], np.full(n, quiet)])

    def _learn(self) -> None:
        """Add the latest window to the estimate if it held (nearly) nothing but the agent."""
        # A little of something else does no harm (it is not correlated with what was
        # played), and the canceller lets a little echo through while it converges.
        if self._quiet[-_WINDOW:].mean() < _MOSTLY:
            return
        played = np.fft.rfft(self._ref[-_WINDOW:] * self._hann)
        heard = np.fft.rfft(self._mic[-_WINDOW:] * self._hann)
        self._cross = _FORGET * self._cross + np.conj(played) * heard
        self._power = _FORGET * self._power + np.abs(played) ** 2
        self.windows += 1
        floor = 1e-3 * float(self._power.mean()) + 1e-9  # bins the voice never reached
        path = np.fft.irfft(self._cross / (self._power + floor), _WINDOW)
        self.response = path[:TAPS].astype(np.float64)
