"""A simulated room: a person, a speaker and a microphone, for tests and the demo.

The microphone hears the person's voice where it was placed on the timeline,
plus the speaker's sound (the echo): after the device's output delay, through
a distorting loudspeaker and the room's reverberation when those are given
(`acoustics.py`), at a lower level; plus steady noise and any background
sound (a television, music, a kitchen) looped. The speaker's sound is fed in
window by window in step with the chunks the microphone delivers, as a real
device would play it.
"""

from __future__ import annotations

import numpy as np

from .acoustics import loudspeaker
from .chunk import RATE, AudioChunk
from .sources import CHUNK_MS


class SimulatedRoom:
    """What a microphone in a room hears, one chunk at a time."""

    def __init__(
        self,
        *,
        echo_gain: float = 0.0,
        echo_delay_s: float = 0.06,
        noise_rms: float = 0.0,
        chunk_ms: int = CHUNK_MS,
        seed: int = 0,
        response: np.ndarray | None = None,
        distortion: float = 0.0,
        background: bytes = b"",
    ) -> None:
        self.chunk = RATE * chunk_ms // 1000
        if echo_gain and echo_delay_s * RATE < self.chunk:
            raise ValueError("the echo cannot arrive before the speaker has played it")
        self.echo_gain = echo_gain
        self.echo_delay = round(echo_delay_s * RATE)
        self.noise_rms = noise_rms
        # The room's impulse response after the output delay (direct path gain 1).
        self.response = np.ones(1, np.float32) if response is None else response
        self.distortion = distortion
        self.background = np.frombuffer(background, dtype="<i2").astype(np.float32)
        self._voice = np.zeros(0, dtype=np.float32)
        self._speaker = np.zeros(0, dtype=np.float32)
        self._at = 0  # samples delivered so far
        self._noise = np.random.default_rng(seed)

    @property
    def now_s(self) -> float:
        """Stream time of the audio delivered so far."""
        return self._at / RATE

    def say(self, pcm: bytes, at_s: float | None = None) -> tuple[float, float]:
        """Place the person's speech (16 kHz mono s16) at `at_s` (default: now); where it lies."""
        start = self._at if at_s is None else round(at_s * RATE)
        voice = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
        end = start + len(voice)
        if len(self._voice) < end:
            grow = np.zeros(end - len(self._voice), np.float32)
            self._voice = np.concatenate([self._voice, grow])
        self._voice[start:end] += voice
        return start / RATE, end / RATE

    @property
    def speaking_until_s(self) -> float:
        """Where the person's placed speech ends."""
        return len(self._voice) / RATE

    def play(self, pcm: bytes) -> None:
        """The speaker's next window (16 kHz mono s16), in step with the chunks."""
        played = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
        self._speaker = np.concatenate([self._speaker, loudspeaker(played, self.distortion)])

    def next_chunk(self) -> AudioChunk:
        """The next chunk the microphone hears."""
        start, end = self._at, self._at + self.chunk
        mix = _window(self._voice, start, end)
        if self.echo_gain:
            mix = mix + self.echo_gain * self._echo(start - self.echo_delay, end - self.echo_delay)
        if len(self.background):
            mix = mix + self.background[np.arange(start, end) % len(self.background)]
        if self.noise_rms:
            mix = mix + self._noise.normal(0.0, self.noise_rms, len(mix))
        self._at = end
        pcm = np.clip(mix, -32768, 32767).astype("<i2").tobytes()
        return AudioChunk(pcm, start / RATE)

    def _echo(self, start: int, end: int) -> np.ndarray:
        """The speaker's sound as it reaches the microphone over samples [start, end)."""
        taps = len(self.response)
        played = _window(self._speaker, start - taps + 1, end)
        if not np.any(played):
            return np.zeros(end - start, np.float32)
        return np.convolve(played, self.response, mode="valid").astype(np.float32)


def _window(track: np.ndarray, start: int, end: int) -> np.ndarray:
    out = np.zeros(end - start, dtype=np.float32)
    lo, hi = max(start, 0), min(end, len(track))
    if hi > lo:
        out[lo - start : hi - start] = track[lo:hi]
    return out
