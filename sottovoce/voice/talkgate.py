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
from collections.abc import Iterable
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
        self._following = False  # open after a reply, for a follow-up without the wake word
        self.woken_by: str | None = None

    @property
    def is_open(self) -> bool:
        """True while audio passes to the listener."""
        return self._open

    def press(self) -> None:
        """The talk button was pressed: listen to what follows."""
        if self.mode == "push" and not self._open:
            self._open = self._pressed = True

    @property
    def wake_words(self) -> tuple[str, ...]:
        """The wake words this gate listens for (none without a spotter)."""
        return tuple(getattr(self._wake, "words", ()))

    def follow_up(self) -> None:
        """After a reply: a follow-up or a "yes" needs no wake word for a while (wake mode)."""
        if self.mode == "wake" and not self._open:
            self._open = self._following = True
            self.woken_by = None
            self._recent.clear()

    def end_follow_up(self) -> None:
        """The follow-up window is over: close, unless a wake word has opened it since."""
        if self._following:
            self.release()

    def release(self) -> None:
        """The talk button was let go (or the utterance ended): stop listening."""
        if self.mode != "always":
            self._open = self._pressed = self._following = False

    def admit(self, chunk: AudioChunk) -> list[AudioChunk]:
        """The chunks to hand to the listener now (none while closed)."""
        if self._pressed:
            self._pressed = False
            return [*self._take_recent(chunk), chunk]
        if self._open:
            if self._following and self._wake is not None:
                # The user may still say the wake word: then this utterance is
                # theirs to finish, whatever the follow-up window does.
                if self._wake.feed(chunk.pcm) is not None:
                    self._following = False
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


def without_wake_words(text: str, words: Iterable[str]) -> str:
    """`text` without a wake word it begins with ("Hey Jarvis, set a timer" -> "set a timer").

    Heard in a follow-up window, the wake word reaches the recognizer with
    the command. A model's name ends with its distinctive word ("hey_jarvis",
    "okay_nabu", "alexa"); the text is cut after that word when it comes among
    the first few, however whisper spelled what came before it.
    """
    said = text.split()
    plain = [w.strip(".,!?;:").lower() for w in said]
    for name in words:
        parts = name.lower().split("_")
        last = parts[-1]
        if last in plain[: len(parts) + 1]:
            rest = said[plain.index(last) + 1 :]
            return " ".join(rest) if rest else text
    return text


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
