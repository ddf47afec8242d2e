"""Fakes for the voice tests (hearing, endpointing, barge-in, the voice loop) over synthetic audio.

The user's speech is made of "words": bursts of a loud tone separated by
short gaps, which `sottovoce.testing.EnergyVAD` finds as speech. The fake
recognizer hears the first N words of its script
when it counts N bursts, and can be slowed down or held until a test lets it
go; `PhraseSTT` hears a whole phrase chosen by the number of bursts.
`ToneVoice` speaks each word as a burst of noise (an echo canceller needs a
broadband voice), and `RoomOut` plays into a simulated room. `hear_whole` is
the hearing before streaming, kept to compare with (here and in
bench/stream_bench.py): the whole clip is read, then its speech is transcribed.

The fakes that plugin authors use (`ScriptedSTT`, `SilentTTS`, `EnergyVAD`,
`silence`) are in `sottovoce.testing`; these are for our own tests of the
voice pipeline.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

import numpy as np

from sottovoce.models.stt import Transcript
from sottovoce.models.tts import SpokenAudio
from sottovoce.testing import silence
from sottovoce.voice.audio import BYTES_PER_S, MemorySource, byte_offset
from sottovoce.voice.audio.chunk import AudioChunk
from sottovoce.voice.audio.room import SimulatedRoom
from sottovoce.voice.hearing import Heard, Hearing
from sottovoce.voice.playback import Played

RATE = 16_000
FRAME = 512  # 32 ms, as Silero VAD's frames
FRAMES_PER_S = RATE / FRAME
WORD_S = 0.2
GAP_S = 0.08  # between the words of a phrase: shorter than any pause
VOICE_RATE = 22050
VOICE_WORD_S = 0.25  # each word the fake voice says lasts this long


def words(count: int) -> bytes:
    """`count` loud bursts, each one word, with short gaps between them."""
    t = np.arange(int(WORD_S * RATE)) / RATE
    burst = (8000 * np.sin(2 * np.pi * 440 * t)).astype("<i2").tobytes()
    return silence(GAP_S).join([burst] * count)


def chunks(pcm: bytes) -> list[AudioChunk]:
    """The 30 ms chunks of `pcm`."""
    return list(MemorySource(pcm))


def _loud(pcm: bytes) -> np.ndarray:
    samples = np.frombuffer(pcm, dtype="<i2")
    frames = len(samples) // FRAME
    return np.abs(samples[: frames * FRAME].reshape(frames, FRAME)).max(axis=1) > 1000


def count_words(pcm: bytes) -> int:
    """How many bursts `pcm` holds (a burst cut short still counts)."""
    loud = _loud(pcm)
    return int(np.count_nonzero(loud[1:] & ~loud[:-1]) + (1 if len(loud) and loud[0] else 0))


class FakeSTT:
    """Hears the first N words of `script` in N bursts; records what it was asked."""

    def __init__(
        self,
        script: str = "turn on the kitchen light please",
        delay_s: float = 0.0,
        garble: Callable[[list[str]], list[str]] | None = None,
    ) -> None:
        self.script = script.split()
        self.delay_s = delay_s
        self.garble = garble
        self.calls: list[int] = []  # words in each transcribed piece, in call order
        self.started = threading.Semaphore(0)  # released as each transcription starts
        self.gate = threading.Event()  # cleared: transcriptions wait for the test
        self.gate.set()
        self._lock = threading.Lock()

    def transcribe(self, pcm: bytes, prompt: str | None = None) -> Transcript:
        """The scripted words for the bursts in `pcm`."""
        with self._lock:  # like WhisperSTT: one transcription at a time
            count = count_words(pcm)
            self.calls.append(count)
            self.started.release()
            self.gate.wait(5)
            time.sleep(self.delay_s)
            said = self.script[:count]
            if self.garble is not None:
                said = self.garble(said)
            return Transcript(" ".join(said), len(pcm) / 2 / RATE)


class PhraseSTT:
    """Hears the phrase scripted for the number of word bursts in the audio."""

    def __init__(self, phrases: dict[int, str]) -> None:
        self.phrases = phrases

    def transcribe(self, pcm: bytes, prompt: str | None = None) -> Transcript:
        """The phrase for this many bursts (its first words for fewer)."""
        count = count_words(pcm)
        longest = max(self.phrases)
        text = self.phrases.get(count) or " ".join(self.phrases[longest].split()[:count])
        return Transcript(text, len(pcm) / 2 / RATE)


class ToneVoice:
    """Says each word as a burst of noise: broadband like a voice (an echo canceller needs that),
    distinct from the user's tone bursts, and as long as the text."""

    sample_rate = VOICE_RATE

    def __init__(self) -> None:
        self.said: list[str] = []

    def speak(self, text: str) -> SpokenAudio:
        """A burst VOICE_WORD_S long per word, with short gaps; the same text, the same sound."""
        self.said.append(text)
        n = int(VOICE_WORD_S * VOICE_RATE)
        gap = bytes(int(0.05 * VOICE_RATE) * 2)
        seeds = [sum(map(ord, word)) for word in text.split()] or [0]
        envelope = np.sin(np.pi * np.arange(n) / n) ** 0.3  # no click at either end
        pcm = gap.join(
            np.clip(np.random.default_rng(seed).normal(0, 3500, n) * envelope, -32768, 32767)
            .astype("<i2")
            .tobytes()
            for seed in seeds
        )
        return SpokenAudio(pcm, VOICE_RATE)


class RoomOut:
    """Plays into a simulated room and keeps what was played."""

    def __init__(self, room: SimulatedRoom) -> None:
        self.room = room
        self.windows: list[Played] = []
        self.stops = 0

    def write(self, played: Played) -> None:
        """The window enters the room (and the record)."""
        self.room.play(played.ref)
        self.windows.append(played)

    def stop(self) -> None:
        """Barge-in: nothing buffered here."""
        self.stops += 1

    def last_audible_s(self) -> float:
        """Where the last sound played ended."""
        ends = [w.start_s + len(w.ref) / 2 / RATE for w in self.windows if w.audible]
        return max(ends, default=0.0)


def hear_whole(hearing: Hearing, chunks: Iterable[AudioChunk], realtime: bool = False) -> Heard:
    """Read the whole turn, then transcribe its speech (the path before streaming)."""
    started = time.perf_counter()
    pieces = []
    for chunk in chunks:
        if realtime:
            delay = chunk.end_s - (time.perf_counter() - started)
            if delay > 0:
                time.sleep(delay)
        pieces.append(chunk.pcm)
    pcm = b"".join(pieces)
    duration = len(pcm) / BYTES_PER_S
    spans = hearing.vad.speech_spans(pcm)
    if not spans:
        return Heard("", None, 0.0, duration)
    begin, end = spans[0][0], spans[-1][1]
    speech = pcm[byte_offset(begin) : byte_offset(end)]
    text = hearing.stt.transcribe(speech, hearing.prompt).text
    ready = time.perf_counter() - started
    speech_ended_at = end if realtime else 0.0
    return Heard(text, end, max(0.0, ready - speech_ended_at), duration)
