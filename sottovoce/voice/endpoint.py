"""Endpointing: cutting a live stream of audio into utterances.

Chunks are fed as they arrive. Every `check_every_s` the VAD looks at the
recent audio; an utterance starts with the first speech and ends once
`trailing_silence_s` has passed with none. While no one speaks, the VAD reads
the last `look_back_s`; during an utterance, it reads it whole from a little
silence before it, up to `max_look_s`, and only then the last `look_back_s`:
so the cost of a look is bounded however long the user speaks.

The VAD closes a stretch of speech after `pause_s` of silence, well before the
utterance ends, so a listener can see a pause (`paused`) and start recognizing
the utterance so far (`pending()`) while the trailing silence confirms the end.

How much silence is known matters for cutting early. The VAD reports new
speech only once it has lasted its minimum (120 ms), so from its spans alone
silence is known only up to that long before a look (`silence_s`). When it
decides something (a whole command's early end), the frames after the speech
can also be scored one by one (`scored_silence_s`, `VoiceFrames`): a frame
that sounds like voice marks where silence may end, and until one does the
silence is known up to the latest audio. Only then: scoring costs a second
pass over the utterance, which at every look would take CPU from the
recognizer working on the same pause.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from sottovoce.models.vad import SileroVAD
from sottovoce.voice.audio import BYTES_PER_S, RATE, AudioChunk, byte_offset

# Audio before an utterance that the VAD reads again with it at each look.
# Silero VAD carries state from frame to frame, so where it starts reading
# changes what it hears (started at another point it can miss a word); from
# one fixed start, every look places the utterance's end in the same place.
_CONTEXT_S = 0.5
_FRAME = 512  # samples in a frame of Silero VAD


class SpeechFinder(Protocol):
    """Anything that finds the stretches of speech in 16 kHz mono s16 PCM."""

    def speech_spans(self, pcm: bytes) -> list[tuple[float, float]]:
        """(start, end) in seconds of each stretch of speech."""
        ...


class VoiceFrames(Protocol):
    """Scores audio frame by frame: whether each sounds like voice."""

    frame_s: float

    def voiced(self, pcm: bytes) -> Sequence[bool]:
        """One flag per frame of `pcm`, from its start (a last partial frame counts)."""
        ...


class SileroFrames:
    """Silero VAD's frame probabilities against its speech threshold."""

    frame_s = _FRAME / RATE

    def __init__(self, threshold: float) -> None:
        from faster_whisper.vad import get_vad_model  # type: ignore[import-untyped]

        self.threshold = threshold
        self._model: Any = get_vad_model()  # the one SileroVAD's spans come from

    def voiced(self, pcm: bytes) -> Sequence[bool]:
        """One flag per 32 ms frame of `pcm`."""
        import numpy as np

        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        if not len(samples):
            return []
        padded = np.pad(samples, (0, -len(samples) % _FRAME))
        return [bool(p >= self.threshold) for p in np.ravel(self._model(padded))]


def voice_frames(vad: SpeechFinder) -> VoiceFrames | None:
    """Frame scores matching `vad`'s own, when it has them (Silero VAD does)."""
    if isinstance(vad, SileroVAD):
        return SileroFrames(vad.config.threshold)
    return None


@dataclass(frozen=True)
class Utterance:
    """One stretch of speech and where it lies in the stream."""

    pcm: bytes
    start_s: float
    end_s: float  # the end of speech, not of the trailing silence


def quick_vad(vad: SpeechFinder, pause_s: float) -> SpeechFinder:
    """`vad`, closing a stretch of speech after `pause_s` of silence rather than its own wait."""
    pause_ms = round(pause_s * 1000)
    if isinstance(vad, SileroVAD) and vad.config.trailing_silence_ms > pause_ms:
        # Silero VAD reports speech up to the end of the audio until its
        # minimum silence has passed: with 600 ms, a pause is seen 600 ms late.
        return SileroVAD(replace(vad.config, trailing_silence_ms=pause_ms))
    return vad


class Endpointer:
    """Finds where utterances begin and end in a stream of chunks."""

    def __init__(
        self,
        vad: SpeechFinder,
        trailing_silence_s: float = 0.6,
        check_every_s: float = 0.24,
        look_back_s: float = 1.5,
        max_utterance_s: float = 15.0,
        pause_s: float = 0.25,
        max_look_s: float = 6.0,
        idle_every_s: float | None = None,
        frames: VoiceFrames | None = None,
    ) -> None:
        self.vad = quick_vad(vad, pause_s)
        self.frames = frames
        # A VAD such as Silero reports new speech only once it has lasted its
        # minimum: silence is known only up to that long before the latest look.
        self.onset_s = getattr(getattr(vad, "config", None), "min_speech_ms", 0) / 1000
        self.trailing_silence_s = trailing_silence_s
        self.check_every_s = check_every_s
        # While no one speaks, a look only finds where speech starts, which the
        # utterance's audio keeps anyway: it may come less often, and idle
        # listening costs less.
        self.idle_every_s = check_every_s if idle_every_s is None else idle_every_s
        self.look_back_s = look_back_s
        self.max_utterance_s = max_utterance_s
        self.max_look_s = max_look_s
        self.heard_until_s = float("-inf")  # the end of the last utterance cut
        self._reset(0.0)

    def _reset(self, at_s: float) -> None:
        self.buffer = b""
        self.buffer_start_s = at_s
        self.speech_start_s: float | None = None
        self.last_speech_s: float | None = None
        self.speaking = False  # the last look saw speech running to its end
        self.checked_s = at_s
        self.extra_silence_s = 0.0  # this utterance's words so far ask for a longer wait
        # (now_s, last_speech_s) when the frames were last scored, and where
        # they stopped being silent: scored once per chunk at most.
        self._scored: tuple[tuple[float, float], float] | None = None

    @property
    def now_s(self) -> float:
        """The stream time of the end of the audio fed so far."""
        return self.buffer_start_s + len(self.buffer) / BYTES_PER_S

    @property
    def paused(self) -> bool:
        """An utterance has begun and the speech has stopped, for now at least."""
        return self.speech_start_s is not None and not self.speaking

    @property
    def silence_s(self) -> float:
        """Silence known to have followed the utterance's latest speech (0 while none is known)."""
        if self.speech_start_s is None or self.last_speech_s is None or self.speaking:
            return 0.0
        # Only what the last look could have seen counts as silence: a word
        # just begun is not yet speech to the VAD, and must not be cut off.
        return max(0.0, self.checked_s - self.onset_s - self.last_speech_s)

    def scored_silence_s(self) -> float:
        """`silence_s`, or more: the frames since the latest speech scored one by one, up to now."""
        known = self.silence_s
        if self.frames is None or not self.paused or self.last_speech_s is None:
            return known
        key = (self.now_s, self.last_speech_s)
        if self._scored is None or self._scored[0] != key:
            start = self._grid_start()
            pcm = self.buffer[byte_offset(start - self.buffer_start_s) :]
            self._scored = (key, self._quiet_until(start, pcm))
        # Silent up to the first frame that may be a word's start. A frame of
        # noise that never became speech stops this count, never the VAD's own.
        return max(known, self._scored[1] - self.last_speech_s)

    def feed(self, chunk: AudioChunk) -> Utterance | None:
        """Take a chunk; returns an utterance when this chunk completed one."""
        if self.buffer and self.speech_start_s is None and abs(chunk.start_s - self.now_s) > 0.01:
            self.buffer = b""  # the stream skipped ahead (e.g. while waiting for a wake word)
        if not self.buffer:
            self.buffer_start_s = chunk.start_s
            self.checked_s = chunk.start_s
        self.buffer += chunk.pcm
        every = self.idle_every_s if self.speech_start_s is None else self.check_every_s
        if self.now_s - self.checked_s >= every:
            self._look()
        return self._finished()

    def cut_now(self) -> Utterance | None:
        """End the utterance in progress here: its words are known to be complete."""
        if self.speech_start_s is None or self.last_speech_s is None:
            return None
        return self._cut()

    def finish(self) -> Utterance | None:
        """The utterance in progress when the input ends, if any."""
        self._look()
        if self.speech_start_s is None or self.last_speech_s is None:
            return None
        return self._cut()

    def pending(self, to_now: bool = False) -> Utterance | None:
        """The utterance so far as a cut now would give it (`to_now`: all audio since its start)."""
        if self.speech_start_s is None or self.last_speech_s is None:
            return None
        end_s = self.now_s if to_now else self.last_speech_s
        begin = byte_offset(self.speech_start_s - self.buffer_start_s)
        end = byte_offset(end_s - self.buffer_start_s)
        return Utterance(self.buffer[begin:end], self.speech_start_s, end_s)

    def _look(self) -> None:
        self.checked_s = self.now_s
        start = self._grid_start()
        offset = byte_offset(start - self.buffer_start_s)
        window_s = (len(self.buffer) - offset) / BYTES_PER_S
        spans = self.vad.speech_spans(self.buffer[offset:])
        # The last utterance, seen again in the audio kept after its cut, is not
        # new speech: new speech starts after it ended. Not within a frame of its
        # end either: a look starting inside its last word can see that word's
        # tail as speech of its own (new speech comes only after the silence
        # that ended the utterance, 0.3 s at least).
        after = self.heard_until_s + _FRAME / RATE
        spans = [(a, b) for a, b in spans if start + a >= after]
        if spans:
            if self.speech_start_s is None:
                self.speech_start_s = start + spans[0][0]
            self._saw_end(start + spans[-1][1], spans[-1][1] >= window_s - 1e-3)
        elif self.speech_start_s is not None:
            self.speaking = False
        else:
            # Keep only a little silence before speech starts.
            keep = int(self.look_back_s * BYTES_PER_S) // 2 * 2
            if len(self.buffer) > keep:
                self.buffer_start_s = self.now_s - keep / BYTES_PER_S
                self.buffer = self.buffer[-keep:]

    def _grid_start(self) -> float:
        """Where a look reads from, on the stream's grid of VAD frames."""
        # On the grid, the VAD places the end of speech where a pass over the
        # whole stream would.
        return math.ceil(round(self._window_start() * RATE) / _FRAME) * _FRAME / RATE

    def _quiet_until(self, start: float, pcm: bytes) -> float:
        """Where the first frame after the latest speech that sounds like voice begins."""
        assert self.frames is not None and self.last_speech_s is not None
        # Scored from the same start as the look: Silero's frame scores depend
        # on what it read before them.
        step = self.frames.frame_s
        for index, voiced in enumerate(self.frames.voiced(pcm)):
            at = start + index * step
            if voiced and at + step > self.last_speech_s:
                return max(at, self.last_speech_s)
        # Up to the last whole frame: a part frame is scored padded with silence.
        whole = int(len(pcm) / 2 / (step * RATE) + 1e-9)
        return max(self.last_speech_s, min(self.now_s, start + whole * step))

    def _window_start(self) -> float:
        """From the silence before the utterance in progress, or the last `look_back_s`."""
        if self.speech_start_s is not None:
            start = max(self.buffer_start_s, self.speech_start_s - _CONTEXT_S)
            if self.now_s - start <= self.max_look_s:
                return start
        return max(self.buffer_start_s, self.now_s - self.look_back_s)

    def _saw_end(self, end_s: float, running: bool) -> None:
        """Note where the latest speech in view ends, or that it is still going on."""
        if running:
            self.last_speech_s, self.speaking = self.now_s, True
        elif self.speaking or self.last_speech_s is None:
            # Speech seen running at the last look has stopped: now its end is known.
            self.last_speech_s, self.speaking = end_s, False
        else:
            # A later look may place the end later: a short burst of speech came
            # and went, or, with more audio after it, the VAD now hears the tail
            # of a word (a final "s") as speech. It is not moved earlier.
            self.last_speech_s = max(self.last_speech_s, end_s)

    def _finished(self) -> Utterance | None:
        if self.speech_start_s is None or self.last_speech_s is None:
            return None
        silent = self.silence_s
        too_long = self.now_s - self.speech_start_s >= self.max_utterance_s
        if silent >= self.trailing_silence_s + self.extra_silence_s or too_long:
            return self._cut()
        return None

    def _cut(self) -> Utterance:
        utterance = self.pending()
        assert utterance is not None
        self.heard_until_s = utterance.end_s
        # The next utterance may have begun (the VAD reports speech only once
        # it has lasted a little), and the VAD reads it better with what came
        # before: the last `look_back_s` stay.
        keep_from = self.now_s - self.look_back_s
        kept = self.buffer[byte_offset(keep_from - self.buffer_start_s) :]
        self._reset(self.now_s)
        self.buffer, self.buffer_start_s = kept, self.now_s - len(kept) / BYTES_PER_S
        return utterance
