"""Barge-in: noticing, within a few chunks, that the user has started to speak over the agent.

It reads the microphone after echo cancellation. A run of chunks clearly
louder than the background is the candidate; a VAD tuned for quick onsets
confirms it is a voice before playback is stopped, so a knock does not cut
the agent off. While both talk, the canceller's suppressor chops the user's
voice into pieces the VAD may not recognize as speech: strong sound that goes
on for a quarter of a second is taken for the user without it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from sottovoce.voice.audio import BYTES_PER_S, AudioChunk
from sottovoce.voice.endpoint import SpeechFinder

_KEEP_S = 0.5  # audio the VAD reads to confirm a voice
_GAP_S = 0.15  # a dip shorter than this (between two syllables) does not end a run
_WORD_GAP_S = 0.5  # looking back from a confirmed voice: a longer quiet ends the utterance
_SURE_S = 0.25  # strong sound this long is a voice without the VAD's word
_STRONG = 3.0  # strong: this many times the quietest level that counts as loud


class _Run:
    """A run of loud chunks, which a dip shorter than `_GAP_S` does not end."""

    def __init__(self) -> None:
        self.since: float | None = None
        self.until = 0.0

    def loud(self, chunk: AudioChunk) -> float:
        """A loud chunk: the run goes on (or starts); how long it has lasted."""
        self.until = chunk.end_s
        if self.since is None:
            self.since = chunk.start_s
        return chunk.end_s - self.since

    def quiet(self, chunk: AudioChunk) -> None:
        """A quiet chunk: the run ends once the dip is longer than a gap between syllables."""
        if chunk.end_s - self.until > _GAP_S:
            self.since = None


def _smooth(floor: float, level: float, weight: float = 0.05) -> float:
    """A slowly moving level; the first level heard sets it."""
    return level if floor == 0.0 else (1 - weight) * floor + weight * level


class BargeInDetector:
    """Says when a voice starts in echo-cancelled audio."""

    def __init__(
        self, vad: SpeechFinder, *, min_speech_s: float = 0.09, min_level: float = 300.0
    ) -> None:
        self.vad = vad
        self.min_speech_s = min_speech_s
        self.min_level = min_level  # RMS on the s16 scale: about -40 dBFS
        self.floor = 0.0  # background level, learned while no one speaks
        self.quiet_floor = 0.0  # the same, but not raised by loud sound the VAD rejected
        self._recent = b""
        self._loud = _Run()  # louder than the background: a voice, if the VAD agrees
        self._strong = _Run()  # much louder: a voice, if it goes on

    def feed(self, chunk: AudioChunk) -> float | None:
        """Take a chunk; the stream time where a voice began, once one is confirmed."""
        self._recent = (self._recent + chunk.pcm)[-int(_KEEP_S * BYTES_PER_S) :]
        level = _rms(chunk.pcm)
        if level < self.min_level:
            self.quiet_floor = _smooth(self.quiet_floor, level)
        sure = self._strong_run(chunk, level)
        if sure is not None:
            began = min(sure, self._loud.since or sure)
            self.reset()
            return began
        if level < max(self.min_level, 3.0 * self.floor):
            self.floor = _smooth(self.floor, level)
            self._loud.quiet(chunk)
            return None
        if self._loud.loud(chunk) < self.min_speech_s:
            return None
        if not self.vad.speech_spans(self._recent):
            # Loud but not a voice (a fan, a hum): it is background, and raises the bar.
            self.floor = 0.9 * self.floor + 0.1 * level
            return None
        voice = self._loud.since
        self.reset()
        return voice

    def _strong_run(self, chunk: AudioChunk, level: float) -> float | None:
        """Where a run of strong sound began, once it has lasted long enough to be a voice."""
        if level < _STRONG * max(self.min_level, 3.0 * self.quiet_floor):
            self._strong.quiet(chunk)
            return None
        return self._strong.since if self._strong.loud(chunk) >= _SURE_S else None

    @property
    def voice_since(self) -> float | None:
        """Where a run of loud audio not yet confirmed as a voice began, if one is going on."""
        return self._loud.since

    def background(self, chunk: AudioChunk) -> None:
        """Audio while the agent is silent: only the background level is learned from it."""
        level = _rms(chunk.pcm)
        if level < max(self.min_level, 3.0 * self.floor):
            self.floor = _smooth(self.floor, level)
        if level < self.min_level:
            self.quiet_floor = _smooth(self.quiet_floor, level)
        self.reset()

    def reset(self) -> None:
        """Forget the run in progress (playback stopped or started)."""
        self._loud, self._strong = _Run(), _Run()


def utterance_start(held: Sequence[AudioChunk], onset: float, level: float) -> float:
    """Where the sound that led up to a voice confirmed at `onset` began.

    While both talk, the echo canceller's suppressor can swallow a word of the
    user's, and the first syllables may not convince the VAD: the voice is then
    confirmed a word or two late. Sound in the held input before it, with gaps
    under half a second, is taken to be the start of the same utterance.
    """
    start = onset
    for chunk in reversed(held):
        if chunk.start_s >= onset:
            continue
        if start - chunk.end_s > _WORD_GAP_S:
            break
        if _rms(chunk.pcm) >= level:
            start = chunk.start_s
    return start


def _rms(pcm: bytes) -> float:
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    return float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0
