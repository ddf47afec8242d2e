"""Hearing one spoken turn: audio in, the words and when speech ended out.

The audio is read from its source (at microphone pace when `realtime`), the
VAD finds where speech is, and the speech alone, biased towards this home's
names, is transcribed. Timings: `speech_end` is where speech ended in the
clip; `stt_final` is how long after that moment the transcript was ready.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from sottovoce.devices.audio import BYTES_PER_S, AudioChunk, byte_offset
from sottovoce.models.stt import WhisperSTT
from sottovoce.models.vad import SileroVAD


@dataclass(frozen=True)
class Heard:
    """What a turn's audio said."""

    text: str
    speech_end_s: float | None  # in the clip; None when no speech was found
    stt_final_s: float  # from the end of speech to the transcript
    duration_s: float


class Hearing:
    """Turns a source of audio into words with one STT model and one VAD."""

    def __init__(self, stt: WhisperSTT, vad: SileroVAD, prompt: str | None = None) -> None:
        self.stt = stt
        self.vad = vad
        self.prompt = prompt

    def hear(self, chunks: Iterable[AudioChunk], realtime: bool = False) -> Heard:
        """Listen to a whole turn and transcribe its speech."""
        started = time.perf_counter()
        pieces = []
        for chunk in chunks:
            if realtime:
                # A microphone delivers each chunk only once it has been spoken.
                delay = chunk.end_s - (time.perf_counter() - started)
                if delay > 0:
                    time.sleep(delay)
            pieces.append(chunk.pcm)
        pcm = b"".join(pieces)
        duration = len(pcm) / BYTES_PER_S
        spans = self.vad.speech_spans(pcm)
        if not spans:
            return Heard("", None, 0.0, duration)
        begin, end = spans[0][0], spans[-1][1]
        speech = pcm[byte_offset(begin) : byte_offset(end)]
        text = self.stt.transcribe(speech, self.prompt).text
        ready = time.perf_counter() - started
        # In real time, speech ended `end` seconds after the start; otherwise the
        # whole clip was available at once and waiting counts from there.
        speech_ended_at = end if realtime else 0.0
        return Heard(text, end, max(0.0, ready - speech_ended_at), duration)
