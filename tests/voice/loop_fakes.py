"""Fakes for the voice loop's tests: a recognizer mapping burst counts to phrases, a tone voice."""

from __future__ import annotations

import numpy as np

from sottovoce.models.stt import Transcript
from sottovoce.models.tts import SpokenAudio
from sottovoce.voice.audio.room import SimulatedRoom
from sottovoce.voice.playback import Played
from tests.voice.speech_fakes import RATE, count_words

VOICE_RATE = 22050
WORD_S = 0.25  # each word the fake voice says lasts this long


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
        """A burst WORD_S long per word, with short gaps; the same text, the same sound."""
        self.said.append(text)
        n = int(WORD_S * VOICE_RATE)
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
