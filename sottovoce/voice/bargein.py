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
        self._loud_since: float | None = None
        self._loud_until = 0.0
        self._strong_since: float | None = None
        self._strong_until = 0.0

    def feed(self, chunk: AudioChunk) -> float | None:
        """Take a chunk; the stream time where a voice began, once one is confirmed."""
        self._recent = (self._recent + chunk.pcm)[-int(_KEEP_S * BYTES_PER_S) :]
        level = _rms(chunk.pcm)
        sure = self._strong(chunk, level)
        if sure is not None:
            began = min(sure, self._loud_since or sure)
            self._loud_since = self._strong_since = None
            return began
        if level < max(self.min_level, 3.0 * self.floor):
            self.floor = level if self.floor == 0.0 else 0.95 * self.floor + 0.05 * level
            if chunk.end_s - self._loud_until > _GAP_S:
                self._loud_since = None
            return None
        self._loud_until = chunk.end_s
        if self._loud_since is None:
            self._loud_since = chunk.start_s
        if chunk.end_s - self._loud_since < self.min_speech_s:
            return None
        if not self.vad.speech_spans(self._recent):
            # Loud but not a voice (a fan, a hum): it is background, and raises the bar.
            self.floor = 0.9 * self.floor + 0.1 * level
            return None
        began, self._loud_since = self._loud_since, None
        return began

    def _strong(self, chunk: AudioChunk, level: float) -> float | None:
        """Where a run of strong sound began, once it has lasted long enough to be a voice."""
        if level < self.min_level:
            weight = 0.05 if self.quiet_floor else 1.0
            self.quiet_floor = (1 - weight) * self.quiet_floor + weight * level
        if level < _STRONG * max(self.min_level, 3.0 * self.quiet_floor):
            if chunk.end_s - self._strong_until > _GAP_S:
                self._strong_since = None
            return None
        self._strong_until = chunk.end_s
        if self._strong_since is None:
            self._strong_since = chunk.start_s
        return self._strong_since if chunk.end_s - self._strong_since >= _SURE_S else None

    @property
    def voice_since(self) -> float | None:
        """Where a run of loud audio not yet confirmed as a voice began, if one is going on."""
        return self._loud_since

    def background(self, chunk: AudioChunk) -> None:
        """Audio while the agent is silent: only the background level is learned from it."""
        level = _rms(chunk.pcm)
        if level < max(self.min_level, 3.0 * self.floor):
            self.floor = level if self.floor == 0.0 else 0.95 * self.floor + 0.05 * level
        if level < self.min_level:
            self.quiet_floor = (
                level if not self.quiet_floor else 0.95 * self.quiet_floor + 0.05 * level
            )
        self._loud_since = self._strong_since = None

    def reset(self) -> None:
        """Forget the run in progress (playback stopped or started)."""
        self._loud_since = self._strong_since = None


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
