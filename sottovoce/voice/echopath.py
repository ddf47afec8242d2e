"""The room's echo path, learned by least squares: the user's words as a recognizer needs them.

WebRTC's canceller (`echo.py`) ends in a suppressor that, while the agent and
the user talk at once, mutes whatever might still be echo: right for spotting
that someone spoke over the agent, but it chops the user's first words ("Turn
on the ..." came out as "Cart on the ..."). LiveKit's bindings do not give
AEC3's linear output, which is what WebRTC offers recognizers for this, so we
estimate an echo path of our own and subtract it, suppressing nothing.

A small loudspeaker driven hard compresses its loud parts, and that
distortion is no linear function of what was played: a linear path left it
in the recognizer's input only 12 dB under a user talking over the agent
(piper's voice, a furnished room, distortion 0.2). So the path is a
Hammerstein model: the loudspeaker's curve (what was played plus its third
and fifth powers, weighted: a symmetric compression adds odd powers) and
then the room's filter, each fitted given the other.

While only the agent is heard (WebRTC's output is far quieter than the
microphone), the cross- and auto-spectra of those branches and of what the
microphone heard are accumulated over one-second Hann windows, a quarter of
a second apart, with slow forgetting; the filters solve the least-squares
equations bin by bin, cut to their first half second (the device's delay and
the room's reverberation). The estimate is the direct solution, not an
adaptive filter: it is good after a second or two of the agent's voice and
does not drift while both talk.
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
POWERS = (1, 3, 5)  # the branches: what was played, and the odd powers a compression adds
_FULL = 32768.0
_RIDGE = 1e-3  # of the mean power: bins the voice never reached stay near zero
_ROUNDS = 3  # of fitting the curve and the filter in turn


def branches(ref: np.ndarray) -> np.ndarray:
    """What was played and its odd powers, on the same scale (one row per power)."""
    x = ref / _FULL
    return np.stack([_FULL * x**p for p in POWERS])


class EchoPath:
    """Learns how the speaker's sound reaches the microphone, and removes it."""

    def __init__(self) -> None:
        keep = _WINDOW + TAPS
        k = len(POWERS)
        self._ref = np.zeros((k, keep), dtype=np.float64)  # the latest branches and microphone
        self._mic = np.zeros(keep, dtype=np.float64)
        self._quiet = np.zeros(keep, dtype=bool)  # samples the canceller found echo-only
        self._since = 0
        bins = _WINDOW // 2 + 1
        self._cross = np.zeros((bins, k), dtype=np.complex128)
        self._gram = np.zeros((bins, k, k), dtype=np.complex128)
        self._hann = np.hanning(_WINDOW)
        self.shape = np.eye(len(POWERS))[0]  # the loudspeaker's curve: weights of the powers
        self.response: np.ndarray | None = None  # the room's filter, once learned
        self.windows = 0  # echo-only windows learned from

    def remove(self, mic: np.ndarray, ref: np.ndarray, suppressed: np.ndarray) -> np.ndarray | None:
        """`mic` less the echo of what was played (None until the path is known); learns."""
        n = len(mic)
        heard = float(np.dot(mic, mic))
        left = float(np.dot(suppressed, suppressed))
        # Near-silence counts as echo-only too: the pauses between the agent's sentences.
        self._push(mic, branches(ref), left < _ECHO_ONLY * heard or heard < n * _SILENT**2)
        self._since += n
        if self._since >= _HOP:
            self._since = 0
            self._learn()
        if self.response is None or self.windows < _READY:
            return None
        played = self.shape @ self._ref[:, -(n + TAPS - 1) :]
        return mic - np.convolve(played, self.response, mode="valid")

    def _push(self, mic: np.ndarray, ref: np.ndarray, quiet: bool) -> None:
        n = len(mic)
        self._ref = np.concatenate([self._ref[:, n:], ref], axis=1)
        self._mic = np.concatenate([self._mic[n:], mic])
        self._quiet = np.concatenate([self._quiet[n:], np.full(n, quiet)])

    def _learn(self) -> None:
        """Add the latest window to the estimate if it held (nearly) nothing but the agent."""
        # A little of something else does no harm (it is not correlated with what was
        # played), and the canceller lets a little echo through while it converges.
        if self._quiet[-_WINDOW:].mean() < _MOSTLY:
            return
        played = np.fft.rfft(self._ref[:, -_WINDOW:] * self._hann, axis=1).T  # (bins, k)
        heard = np.fft.rfft(self._mic[-_WINDOW:] * self._hann)
        self._cross = _FORGET * self._cross + np.conj(played) * heard[:, None]
        self._gram = _FORGET * self._gram + np.conj(played)[:, :, None] * played[:, None, :]
        self.windows += 1
        self._solve()

    def _solve(self) -> None:
        """The loudspeaker's curve and the room's filter, each fitted given the other."""
        # Element-wise sums, not matrix products: tiny products through BLAS took
        # 30 ms each on a loaded machine.
        cross, gram = self._cross, self._gram.real  # the curve is real: so is its quadratic
        for _ in range(_ROUNDS):
            path = self._path()
            weight = np.abs(path) ** 2
            lhs = (gram * weight[:, None, None]).sum(axis=0)
            rhs = (np.conj(path)[:, None] * cross).real.sum(axis=0)
            shape = np.linalg.solve(lhs + 1e-9 * np.eye(len(POWERS)), rhs)
            if not np.all(np.isfinite(shape)) or abs(shape[0]) <= 1e-6 * np.abs(shape).max():
                break  # nothing played loud enough to tell the curve: keep the last one
            self.shape = shape / shape[0]
        self.response = np.fft.irfft(self._path(), _WINDOW)[:TAPS]

    def _path(self) -> np.ndarray:
        """The room's filter, bin by bin, for the loudspeaker's current curve."""
        a = self.shape
        power = (self._gram.real * a[:, None] * a[None, :]).sum(axis=(1, 2))
        heard = (self._cross * a).sum(axis=1)
        path: np.ndarray = heard / (power + _RIDGE * float(power.mean()) + 1e-9)
        return path
