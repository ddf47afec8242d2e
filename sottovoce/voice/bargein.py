"""Barge-in: noticing, within a few chunks, that the user has started to speak over the agent.

It reads the microphone after echo cancellation. A run of chunks clearly
louder than the background is the candidate; a VAD tuned for quick onsets
confirms it is a voice before playback is stopped, so a knock does not cut
the agent off. While both talk, the canceller's suppressor chops the user's
voice into pieces the VAD may not recognize as speech: strong sound that goes
on for a quarter of a second is taken for the user without it.

The suppressor can do worse: with the agent's echo louder than the user, it
may mute nearly all of the user's words (in the demo room, a whole "Please
unlock the front door" came through as one 90 ms burst). So the detector
also reads the echo-subtracted signal, which suppresses nothing, against the
level of the echo that was taken out of it: while only the agent is heard
what is left is a few percent of that echo; a voice over it leaves far more,
and a quarter of a second of that is the user too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from sottovoce.voice.audio import BYTES_PER_S, AudioChunk
from sottovoce.voice.endpoint import SpeechFinder

_KEEP_S = 0.5  # audio the VAD reads to confirm a voice
_GAP_S = 0.15  # a dip shorter than this (between two syllables) does not end a run
_WORD_GAP_S = 0.5  # looking back from a confirmed voice: a longer quiet ends the utterance
_SURE_S = 0.25  # strong sound this long is a voice without the VAD's word
_STRONG = 3.0  # strong: this many times the quietest level that counts as loud
# Echo-subtracted input at this share of the echo taken out of it is more than
# echo: what is left of the agent's voice alone was 3 % of it (median) and
# under 30 % in 99 % of chunks in the demo room; a voice over it, 47 %.
_OVER_ECHO = 0.3
_LEAK_TIMES = 6.0  # ... or this many times what is usually left, where more is left
_OVER_CHUNKS = 4  # chunks over the echo in a run, before its length counts
# Chunks of the agent alone, well cancelled, before the echo-subtracted signal is
# trusted: a path just learned can leave more than the echo's share for a while.
_LEARNED = 30


class _Run:
    """A run of loud chunks, which a dip shorter than `_GAP_S` does not end."""

    def __init__(self) -> None:
        self.since: float | None = None
        self.until = 0.0
        self.chunks = 0  # loud chunks in the run

    def loud(self, chunk: AudioChunk) -> float:
        """A loud chunk: the run goes on (or starts); how long it has lasted."""
        self.until = chunk.end_s
        if self.since is None:
            self.since, self.chunks = chunk.start_s, 0
        self.chunks += 1
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
        self._over = _Run()  # well over the echo taken out: a voice, if it goes on
        self.leak = 0.0  # what is usually left of the echo after subtraction (share of it)
        self._learned = 0  # chunks `leak` was learned from
        self._log_leak = 0.0

    def feed(
        self, chunk: AudioChunk, *, listen: AudioChunk | None = None, echo_rms: float = 0.0
    ) -> float | None:
        """Take a chunk; the stream time where a voice began, once one is confirmed.

        `listen` is the same stretch with the echo subtracted and nothing
        suppressed, and `echo_rms` the level of the echo taken out of it (0:
        none was, and `listen` says nothing more than `chunk`).
        """
        self._recent = (self._recent + chunk.pcm)[-int(_KEEP_S * BYTES_PER_S) :]
        level = _rms(chunk.pcm)
        if level < self.min_level:
            self.quiet_floor = _smooth(self.quiet_floor, level)
        quiet = level < max(self.min_level, 3 * self.floor)
        # Over the background too, as the strong run must be; not over `floor`, which
        # loud sound the VAD doubted may have raised.
        over = self._over_echo(listen, echo_rms, self._strong_bar() / _STRONG, quiet=quiet)
        sure = self._strong_run(chunk, level)
        if sure is None and over is not None:
            sure = over
        if sure is not None:
            began = min(sure, self._loud.since or sure, self._over.since or sure)
            self.reset()
            return began
        if level < max(self.min_level, 3.0 * self.floor):
            if self._loud.since is None:
                # The background is what is heard between sounds: a dip inside a
                # run is a voice between two syllables, and would raise the bar.
                self.floor = _smooth(self.floor, level)
            self._loud.quiet(chunk)
            return None
        lasted = self._loud.loud(chunk)
        if lasted < self.min_speech_s:
            return None
        if not self.vad.speech_spans(self._recent):
            if lasted >= _KEEP_S:
                # Loud all through what the VAD read, and not a voice (a fan, a hum):
                # it is background, and raises the bar. Not sooner: the VAD often
                # doubts a voice's first tenth of a second, and counting that raised
                # the bar over the user's next words (the bar went from 75 to 3100
                # in 90 ms in one trial, and the user was never confirmed).
                self.floor = 0.9 * self.floor + 0.1 * level
            return None
        voice = self._loud.since
        self.reset()
        return voice

    def _strong_run(self, chunk: AudioChunk, level: float) -> float | None:
        """Where a run of strong sound began, once it has lasted long enough to be a voice."""
        if level < self._strong_bar():
            self._strong.quiet(chunk)
            return None
        return self._strong.since if self._strong.loud(chunk) >= _SURE_S else None

    def _strong_bar(self) -> float:
        """The level of strong sound: well over the quietest background heard."""
        return _STRONG * max(self.min_level, 3.0 * self.quiet_floor)

    def _over_echo(
        self, listen: AudioChunk | None, echo_rms: float, bar: float, *, quiet: bool
    ) -> float | None:
        """Where sound well over the echo (and `bar`) began, once it has lasted long enough."""
        if listen is None or echo_rms < self.min_level:
            # Nothing to weigh: no echo was subtracted, or too little to tell by.
            if listen is not None:
                self._over.quiet(listen)
            return None
        left = _rms(listen.pcm)
        share = left / echo_rms
        under = share < max(_OVER_ECHO, _LEAK_TIMES * self.leak)
        if under or left < bar or self._learned < _LEARNED:
            if under and quiet and self._over.since is None:
                # Only the agent, and well cancelled: learn what is left of it.
                # In the log domain: a mean of shares is ruled by the odd plosive.
                log = math.log(max(share, 1e-4))
                self._log_leak = log if not self._learned else 0.98 * self._log_leak + 0.02 * log
                self.leak = math.exp(self._log_leak)
                self._learned += 1
            self._over.quiet(listen)
            return None
        lasted = self._over.loud(listen)
        return self._over.since if lasted >= _SURE_S and self._over.chunks >= _OVER_CHUNKS else None

    @property
    def voice_since(self) -> float | None:
        """Where a run of loud audio not yet confirmed as a voice began, if one is going on."""
        starts = [s for s in (self._loud.since, self._over.since) if s is not None]
        return min(starts, default=None)

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
        self._loud, self._strong, self._over = _Run(), _Run(), _Run()


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
