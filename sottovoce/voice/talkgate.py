"""Which audio is meant for the assistant: always, after a wake word, or at the push of a button.

A `TalkGate` stands between the audio source and the listener. Always
listening, every chunk passes. With a wake word, chunks pass from the moment
it is heard until the utterance ends. The spotter fires a little after the
word ends, and the command may already have begun: the moments before are
handed on from the pause that ended the wake word, and none of them if there
was no pause (the word's tail would come out as a word, "Service, turn on...").
Push to talk, chunks pass from a press of the button (Enter in a terminal, a
GPIO button) until the utterance ends or the button is released, starting a
little before the press: people start talking as they press.
"""

from __future__ import annotations

import collections
from typing import Literal, Protocol

import numpy as np

from sottovoce.voice.audio import AudioChunk

Mode = Literal["always", "wake", "push"]
MODES: tuple[Mode, ...] = ("always", "wake", "push")
REPLAY_S = 0.3  # before a wake word's detection or a press, what may belong to the command
_PAUSE = 0.1  # a chunk this much quieter than the loudest before it is a pause


class WakeDetector(Protocol):
    """A wake word spotter (`models.wake.WakeWord`, or a fake)."""

    def feed(self, pcm: bytes) -> str | None:
        """The wake word heard in this audio, if any."""
        ...


class TalkGate:
    """Lets through the audio the user means for the assistant."""

    def __init__(self, mode: Mode = "always", wake: WakeDetector | None = None) -> None:
        if mode == "wake" and wake is None:
            raise ValueError("a wake word gate needs a wake word detector")
        self.mode = mode
        self._wake = wake
        self._open = mode == "always"
        self._recent: collections.deque[AudioChunk] = collections.deque()
        self._pressed = False  # the next chunk admitted brings the moments before the press
        self.woken_by: str | None = None

    @property
    def is_open(self) -> bool:
        """True while audio passes to the listener."""
        return self._open

    def press(self) -> None:
        """The talk button was pressed: listen to what follows."""
        if self.mode == "push" and not self._open:
            self._open = self._pressed = True

    def release(self) -> None:
        """The talk button was let go (or the utterance ended): stop listening."""
        if self.mode != "always":
            self._open = self._pressed = False

    def admit(self, chunk: AudioChunk) -> list[AudioChunk]:
        """The chunks to hand to the listener now (none while closed)."""
        if self._pressed:
            self._pressed = False
            return [*self._take_recent(chunk), chunk]
        if self._open:
            return [chunk]
        if self.mode == "always":
            return []
        self._remember(chunk)
        if self._wake is None:
            return []
        self.woken_by = self._wake.feed(chunk.pcm)
        if self.woken_by is None:
            return []
        self._open = True
        return _after_last_pause(self._take_recent())

    def _remember(self, chunk: AudioChunk) -> None:
        if self._recent and abs(self._recent[-1].end_s - chunk.start_s) > 0.01:
            self._recent.clear()  # not the moments just before: the stream skipped
        self._recent.append(chunk)
        while chunk.end_s - self._recent[0].start_s > REPLAY_S + 1e-6:
            self._recent.popleft()

    def _take_recent(self, following: AudioChunk | None = None) -> list[AudioChunk]:
        recent = list(self._recent)
        self._recent.clear()
        if following is not None and recent and abs(recent[-1].end_s - following.start_s) > 0.01:
            return []  # the press came after a gap in the stream
        return recent

    def utterance_done(self) -> None:
        """One utterance was heard: a wake word or a press covers one command."""
        self.release()


def _after_last_pause(chunks: list[AudioChunk]) -> list[AudioChunk]:
    """From the last pause on: what follows the wake word, if anything does.

    The pause itself is kept: the VAD finds where speech begins better with
    some silence before it.
    """
    levels = [_rms(chunk.pcm) for chunk in chunks]
    loudest = max(levels, default=0.0)
    quiet = [i for i, level in enumerate(levels) if level <= _PAUSE * loudest]
    if not quiet:
        return []
    start = quiet[-1]
    while start - 1 in quiet:
        start -= 1
    return chunks[start:]


def _rms(pcm: bytes) -> float:
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
    return float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0
