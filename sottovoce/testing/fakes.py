"""Fakes of the model engines for tests: a scripted LLM, a scripted STT, a silent TTS, a VAD.

Each implements the same interface as the real engine it stands in for, so
the real router, voice loop and listener run on top of it, in milliseconds
and without model files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from sottovoce.models.llm import ChatMessage, LLMDecision, TextSink, ToolChoice, ToolSchema
from sottovoce.models.stt import SAMPLE_RATE, Transcript
from sottovoce.models.tts import SpokenAudio
from sottovoce.models.vad import VADConfig

# What a scripted model may be told to answer: a call, several calls, words, or a decision.
Answer = ToolChoice | Sequence[ToolChoice] | str | LLMDecision

_FRAME = 512  # 32 ms at 16 kHz, as Silero VAD's frames
_LOUD = 1000  # peak sample value above which a frame is speech
_BASE_HZ = 300.0  # the tone of the first scripted transcript
_STEP_HZ = 50.0  # between the tones of two transcripts (FFT bins of 0.1 s are 10 Hz wide)
_TOP_HZ = 7500.0  # below Nyquist at 16 kHz
VOICE_RATE = 22_050  # piper's medium voices
CHARS_PER_S = 15.0  # roughly how fast a voice speaks


def call(tool: str, **arguments: Any) -> ToolChoice:
    """A tool call for a scripted model to make: `call("hose_run", seconds=600)`."""
    return ToolChoice(tool, arguments)


@dataclass(frozen=True)
class Script:
    """One scripted rule: when the user's words match `pattern`, decide this."""

    pattern: str
    decision: LLMDecision


class ScriptedLLM:
    """A language model that answers by rule: regex on the user's last words -> answer.

    `ScriptedLLM({"water.*roses": call("hose_run", seconds=600)})` makes that
    call when the words match; a string is a plain spoken answer. Rules are
    tried in order, case-insensitively; no match means the model had nothing
    to offer. `requests` records each prompt and the tools it offered.
    """

    name = "scripted"

    def __init__(self, rules: Mapping[str, Answer] | Iterable[Script] = ()) -> None:
        if isinstance(rules, Mapping):
            self.scripts = [Script(pattern, _decision(answer)) for pattern, answer in rules.items()]
        else:
            self.scripts = list(rules)
        self.requests: list[tuple[list[ChatMessage], list[str]]] = []

    def decide(
        self,
        messages: Sequence[ChatMessage],
        tools: Sequence[ToolSchema],
        on_text: TextSink | None = None,
        *,
        deadline: float | None = None,
    ) -> LLMDecision:
        """Return the first scripted decision whose pattern matches the user's last words."""
        self.requests.append((list(messages), [t.name for t in tools]))
        last = next((m.content for m in reversed(messages) if m.role == "user"), "")
        for script in self.scripts:
            if re.search(script.pattern, last, flags=re.IGNORECASE):
                if on_text is not None and script.decision.text:
                    on_text(script.decision.text)
                return script.decision
        return LLMDecision()

    def offered(self) -> list[list[str]]:
        """The names of the tools offered, one list per time the model was asked."""
        return [names for _, names in self.requests]

    def close(self) -> None:
        """Nothing to free."""


def _decision(answer: Answer) -> LLMDecision:
    if isinstance(answer, LLMDecision):
        return answer
    if isinstance(answer, str):
        return LLMDecision(text=answer)
    if isinstance(answer, ToolChoice):
        return LLMDecision(calls=(answer,))
    return LLMDecision(calls=tuple(answer))


class ScriptedSTT:
    """A speech recognizer that hears scripted words in synthetic "speech".

    `speech(text)` makes a tone burst whose pitch stands for `text`;
    `transcribe` finds the pitch and returns the text. Any piece of a burst
    is heard the same, so partial, speculative and final transcriptions of
    one utterance agree, as they would with a real model on clear speech.
    """

    sample_rate = SAMPLE_RATE

    def __init__(self, transcripts: Iterable[str] = ()) -> None:
        self._texts: list[str] = []
        self.heard: list[str] = []  # every transcription's text, in call order
        for text in transcripts:
            self._index(text)

    def speech(self, text: str, seconds: float | None = None) -> bytes:
        """16 kHz mono s16 PCM that this recognizer hears as `text`."""
        index = self._index(text)
        if seconds is None:
            seconds = min(2.0, 0.5 + 0.05 * len(text.split()))
        t = np.arange(int(seconds * SAMPLE_RATE)) / SAMPLE_RATE
        tone = 8000 * np.sin(2 * np.pi * (_BASE_HZ + _STEP_HZ * index) * t)
        return bytes(tone.astype("<i2").tobytes())

    def transcribe(self, pcm: bytes, prompt: str | None = None) -> Transcript:
        """The scripted text whose tone `pcm` holds; empty for silence or an unknown sound."""
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
        duration = len(samples) / SAMPLE_RATE
        text = self._which(samples)
        self.heard.append(text)
        return Transcript(text, duration, no_speech=not text)

    def _index(self, text: str) -> int:
        if text not in self._texts:
            if _BASE_HZ + _STEP_HZ * len(self._texts) > _TOP_HZ:
                raise ValueError("ScriptedSTT: too many different transcripts for one recognizer")
            self._texts.append(text)
        return self._texts.index(text)

    def _which(self, samples: np.ndarray[Any, Any]) -> str:
        loud = samples[np.abs(samples) > _LOUD]
        if len(loud) < _FRAME:
            return ""
        spectrum = np.abs(np.fft.rfft(samples))
        peak_hz = float(np.argmax(spectrum)) * SAMPLE_RATE / len(samples)
        index = round((peak_hz - _BASE_HZ) / _STEP_HZ)
        if 0 <= index < len(self._texts) and abs(peak_hz - _BASE_HZ - _STEP_HZ * index) < 20:
            return self._texts[index]
        return ""


class SilentTTS:
    """A voice that says nothing, for as long as the words would take to say."""

    def __init__(self, sample_rate: int = VOICE_RATE) -> None:
        self.sample_rate = sample_rate
        self.said: list[str] = []  # every text it was asked to speak, in order

    def speak(self, text: str) -> SpokenAudio:
        """Silent PCM at `sample_rate`, about as long as speaking `text` (at least 0.3 s)."""
        self.said.append(text)
        seconds = max(0.3, len(text) / CHARS_PER_S)
        return SpokenAudio(bytes(int(seconds * self.sample_rate) * 2), self.sample_rate)


class EnergyVAD:
    """Voice activity by loudness: speech is where 32 ms frames are loud.

    Like Silero VAD, a stretch of speech is reported as running to the end of
    the audio until `min_silence_s` of quiet follows it, and, with
    `min_speech_s`, only once it has lasted that long (its `config` says so to
    the endpointer, as Silero VAD's does).
    """

    def __init__(
        self, min_silence_s: float = 0.25, threshold: int = _LOUD, min_speech_s: float = 0.0
    ) -> None:
        self.min_silence_frames = max(1, round(min_silence_s * SAMPLE_RATE / _FRAME))
        self.threshold = threshold
        self.config = VADConfig(
            trailing_silence_ms=round(min_silence_s * 1000),
            min_speech_ms=round(min_speech_s * 1000),
        )

    def speech_spans(self, pcm: bytes) -> list[tuple[float, float]]:
        """(start, end) in seconds of each stretch of loud audio."""
        per_s = SAMPLE_RATE / _FRAME
        spans: list[tuple[float, float]] = []
        start: int | None = None
        last = 0
        for i, loud in enumerate(self._loud(pcm)):
            if loud:
                start = i if start is None else start
                last = i
            elif start is not None and i - last >= self.min_silence_frames:
                spans.append((start / per_s, (last + 1) / per_s))
                start = None
        if start is not None:
            spans.append((start / per_s, len(pcm) / 2 / SAMPLE_RATE))
        shortest = self.config.min_speech_ms / 1000
        return [(a, b) for a, b in spans if b - a > shortest]

    def _loud(self, pcm: bytes) -> np.ndarray[Any, Any]:
        samples = np.frombuffer(pcm, dtype="<i2")
        frames = len(samples) // _FRAME
        peaks = np.abs(samples[: frames * _FRAME].astype(np.int32).reshape(frames, _FRAME))
        return np.asarray(peaks.max(axis=1) > self.threshold)


def silence(seconds: float, sample_rate: int = SAMPLE_RATE) -> bytes:
    """Silent 16-bit PCM."""
    return bytes(int(seconds * sample_rate) * 2)
