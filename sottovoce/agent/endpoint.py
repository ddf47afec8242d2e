"""Endpointing: cutting a live stream of audio into utterances.

Chunks are fed as they arrive. Every `check_every_s` the VAD looks at the
most recent audio (`look_back_s`); an utterance starts with the first speech
and ends once `trailing_silence_s` has passed with none. Only the recent audio
is re-examined, so the cost per second of audio is constant however long the
user speaks.
"""

from __future__ import annotations

from dataclasses import dataclass

from sottovoce.devices.audio import BYTES_PER_S, AudioChunk, byte_offset
from sottovoce.models.vad import SileroVAD


@dataclass(frozen=True)
class Utterance:
    """One stretch of speech and where it lies in the stream."""

    pcm: bytes
    start_s: float
    end_s: float  # the end of speech, not of the trailing silence


class Endpointer:
    """Finds where utterances begin and end in a stream of chunks."""

    def __init__(
        self,
        vad: SileroVAD,
        trailing_silence_s: float = 0.6,
        check_every_s: float = 0.24,
        look_back_s: float = 1.5,
        max_utterance_s: float = 15.0,
    ) -> None:
        self.vad = vad
        self.trailing_silence_s = trailing_silence_s
        self.check_every_s = check_every_s
        self.look_back_s = look_back_s
        self.max_utterance_s = max_utterance_s
        self._reset(0.0)

    def _reset(self, at_s: float) -> None:
        self.buffer = b""
        self.buffer_start_s = at_s
        self.speech_start_s: float | None = None
        self.last_speech_s: float | None = None
        self.checked_s = at_s

    @property
    def now_s(self) -> float:
        """The stream time of the end of the audio fed so far."""
        return self.buffer_start_s + len(self.buffer) / BYTES_PER_S

    def feed(self, chunk: AudioChunk) -> Utterance | None:
        """Take a chunk; returns an utterance when this chunk completed one."""
        if not self.buffer:
            self.buffer_start_s = chunk.start_s
            self.checked_s = chunk.start_s
        self.buffer += chunk.pcm
        if self.now_s - self.checked_s >= self.check_every_s:
            self._look()
        return self._finished()

    def finish(self) -> Utterance | None:
        """The utterance in progress when the input ends, if any."""
        self._look()
        if self.speech_start_s is None or self.last_speech_s is None:
            return None
        return self._cut()

    def _look(self) -> None:
        self.checked_s = self.now_s
        start = max(self.buffer_start_s, self.now_s - self.look_back_s)
        offset = byte_offset(start - self.buffer_start_s)
        for begin, end in self.vad.speech_spans(self.buffer[offset:]):
            if self.speech_start_s is None:
                self.speech_start_s = start + begin
            self.last_speech_s = max(self.last_speech_s or 0.0, start + end)
        if self.speech_start_s is None:
            # Keep only a little silence before speech starts.
            keep = int(self.look_back_s * BYTES_PER_S) // 2 * 2
            if len(self.buffer) > keep:
                self.buffer_start_s = self.now_s - keep / BYTES_PER_S
                self.buffer = self.buffer[-keep:]

    def _finished(self) -> Utterance | None:
        if self.speech_start_s is None or self.last_speech_s is None:
            return None
        silent = self.now_s - self.last_speech_s
        too_long = self.now_s - self.speech_start_s >= self.max_utterance_s
        if silent >= self.trailing_silence_s or too_long:
            return self._cut()
        return None

    def _cut(self) -> Utterance:
        assert self.speech_start_s is not None and self.last_speech_s is not None
        begin = byte_offset(self.speech_start_s - self.buffer_start_s)
        end = byte_offset(self.last_speech_s - self.buffer_start_s)
        utterance = Utterance(self.buffer[begin:end], self.speech_start_s, self.last_speech_s)
        rest_start = self.now_s
        self._reset(rest_start)
        return utterance
