"""Echo cancellation: take the agent's own voice out of what the microphone hears.

The loop knows exactly what it played and when (the 16 kHz reference). What
reaches the microphone is modelled as that reference, delayed and scaled; the
delay is found by cross-correlation while the agent speaks, the scale by least
squares over stretches where the microphone hears only the echo (so the user
talking over it does not skew it). The estimate is subtracted.

Until the delay is known the canceller cannot tell the agent's voice from the
user's, so it mutes the input while echo can be present (`muting`): a plain
gate that ignores what is being played. A real room adds reverberation that
this model does not remove; the loop's transcript check (its own sentences
are not taken as commands) backs it up.
"""

from __future__ import annotations

import numpy as np

from sottovoce.voice.audio import RATE

_SEARCH_EVERY = int(0.1 * RATE)  # samples between two delay searches
_SEARCH_LEN = int(0.5 * RATE)  # microphone samples correlated in one search
_MIN_CORRELATION = 0.5  # normalized peak that counts as having found the echo
_ECHO_ONLY = 0.8  # correlation above which a window holds (almost) nothing but echo


class EchoCanceller:
    """Subtracts the delayed, scaled reference from the microphone signal."""

    def __init__(self, max_delay_s: float = 0.4) -> None:
        self.max_delay = int(max_delay_s * RATE)
        keep = _SEARCH_LEN + self.max_delay + RATE // 10
        self._ref = np.zeros(keep, dtype=np.float32)  # ends at the end of the latest window
        self._mic = np.zeros(_SEARCH_LEN, dtype=np.float32)
        self.delay: int | None = None  # samples
        self.gain = 0.0
        self._agreeing = 0  # delay searches in a row that found the same delay
        self._fits = 0  # echo-only windows the gain was learned from
        self._searched = False  # a search ran since the reference last began
        self._echo_seen = False  # that search found the reference in the microphone
        self._playing = 0  # samples since the reference last began
        self._since_search = 0
        self.muting = False

    @property
    def converged(self) -> bool:
        """The echo path is known, so the agent's voice can be subtracted."""
        # One search can be fooled (a partial overlap, a repeated sound): trust a
        # delay that two searches agree on and a gain learned over a few windows.
        return self._agreeing >= 2 and self._fits >= 3

    def process(self, mic: bytes, ref: bytes) -> bytes:
        """The microphone window with the echo of `ref` (played in the same window) removed."""
        m = np.frombuffer(mic, dtype="<i2").astype(np.float32)
        r = np.frombuffer(ref, dtype="<i2").astype(np.float32)
        r = np.resize(r, len(m)) if len(r) != len(m) else r
        self._push(m, r)
        echo = self._aligned(len(m))
        if not np.any(echo) and not np.any(self._ref[-(self.max_delay + len(m)) :]):
            self.muting = self._searched = False
            self._playing = 0
            return mic  # nothing played lately: nothing to cancel
        self._playing += len(m)
        self._since_search += len(m)
        if self._since_search >= _SEARCH_EVERY:
            self._since_search = 0
            self._search_delay()
        echo = self._aligned(len(m))
        self._learn_gain(m, echo)
        # Until the echo is cancelled, ignore the input: unless a search showed the
        # microphone does not hear the speaker (headphones, a file), where the input is
        # the user's alone.
        self.muting = not self.converged and (self._echo_seen or not self._searched)
        if not self.converged:
            return mic
        out = m - self.gain * echo
        if float(np.dot(out, out)) > float(np.dot(m, m)):
            return mic  # subtracting made it louder: the estimate does not fit this window
        return np.clip(out, -32768, 32767).astype("<i2").tobytes()

    def _push(self, m: np.ndarray, r: np.ndarray) -> None:
        self._ref = np.concatenate([self._ref[len(r) :], r])
        self._mic = np.concatenate([self._mic[len(m) :], m])

    def _aligned(self, n: int) -> np.ndarray:
        """The reference as it should sound in the latest `n` microphone samples."""
        if self.delay is None:
            return np.zeros(n, dtype=np.float32)
        end = len(self._ref) - self.delay
        return self._ref[end - n : end]

    def _search_delay(self) -> None:
        mic = self._mic
        ref = self._ref[-(len(mic) + self.max_delay) :]
        if not np.any(mic) or not np.any(ref):
            return
        size = 1 << int(np.ceil(np.log2(len(ref) + len(mic))))
        corr = np.fft.irfft(np.conj(np.fft.rfft(mic, size)) * np.fft.rfft(ref, size), size)
        corr = corr[: self.max_delay + 1]  # corr[k]: mic against ref shifted by max_delay - k
        energy = np.cumsum(np.concatenate([[0.0], ref.astype(np.float64) ** 2]))
        window = energy[np.arange(len(corr)) + len(mic)] - energy[np.arange(len(corr))]
        norm = np.sqrt(np.maximum(window, 1e-9) * float(np.dot(mic, mic)))
        score = np.where(window >= 0.25 * window.max(), corr / norm, 0.0)  # tiny overlaps lie
        peak = float(np.max(score))
        self._echo_seen = peak >= _MIN_CORRELATION
        # Absence of echo is only shown once the reference has played longer than
        # any delay, with room to spare; before that the echo may not have arrived.
        self._searched = self._echo_seen or self._playing >= self.max_delay + _SEARCH_EVERY * 2
        if peak >= _MIN_CORRELATION:
            # Speech repeats itself (a vowel, a word said twice): of the lags that fit
            # almost as well as the best, the shortest is the direct path.
            near = np.flatnonzero(score >= 0.9 * peak)
            run_start = int(near.max())
            while run_start - 1 in near:
                run_start -= 1  # the hump of the shortest lag; its own peak is the delay
            best = run_start + int(np.argmax(score[run_start : int(near.max()) + 1]))
            delay = self.max_delay - best
            same = self.delay is not None and abs(delay - self.delay) <= 2
            self._agreeing = self._agreeing + 1 if same else 1
            if not same:
                self._fits, self.gain = 0, 0.0
            self.delay = delay

    def _learn_gain(self, m: np.ndarray, echo: np.ndarray) -> None:
        ee = float(np.dot(echo, echo))
        mm = float(np.dot(m, m))
        if ee <= 1e-3 * len(echo) or mm <= 0.0:
            return
        me = float(np.dot(m, echo))
        if me / np.sqrt(ee * mm) < _ECHO_ONLY:
            return  # the user is talking too, or the estimate is off: keep the old gain
        fit = me / ee
        self.gain = fit if self.gain == 0.0 else 0.7 * self.gain + 0.3 * fit
        self._fits += 1
