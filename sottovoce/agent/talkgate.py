"""Which audio is meant for the assistant: always, after a wake word, or at the push of a button.

A `TalkGate` stands between the audio source and the listener. Always
listening, every chunk passes. With a wake word, chunks pass from the moment
it is heard (with the last moments before, since the command may follow
without a pause) until the utterance ends. Push to talk, chunks pass from a
press of the button (Enter in a terminal; a GPIO button later) until the
utterance ends or the button is released.
"""

from __future__ import annotations

import collections
from typing import Literal, Protocol

from sottovoce.devices.audio import AudioChunk

Mode = Literal["always", "wake", "push"]
MODES: tuple[Mode, ...] = ("always", "wake", "push")
REPLAY_CHUNKS = 10  # 0.3 s of 30 ms chunks: the command may start as the wake word ends


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
        self._recent: collections.deque[AudioChunk] = collections.deque(maxlen=REPLAY_CHUNKS)
        self.woken_by: str | None = None

    @property
    def is_open(self) -> bool:
        """True while audio passes to the listener."""
        return self._open

    def press(self) -> None:
        """The talk button was pressed: listen to what follows."""
        if self.mode == "push":
            self._open = True

    def release(self) -> None:
        """The talk button was let go (or the utterance ended): stop listening."""
        if self.mode != "always":
            self._open = False

    def admit(self, chunk: AudioChunk) -> list[AudioChunk]:
        """The chunks to hand to the listener now (none while closed)."""
        if self._open:
            return [chunk]
        if self.mode != "wake":
            return []
        assert self._wake is not None
        self._recent.append(chunk)
        self.woken_by = self._wake.feed(chunk.pcm)
        if self.woken_by is None:
            return []
        self._open = True
        replay = list(self._recent)
        self._recent.clear()
        return replay

    def utterance_done(self) -> None:
        """One utterance was heard: a wake word or a press covers one command."""
        self.release()
