"""Spoken eval turns with a voice: time to the reply's first sentence of audio."""

from __future__ import annotations

import asyncio
import time
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sottovoce.agent.calls import TurnResult
from sottovoce.devices import default_world_path
from sottovoce.eval import evaluate
from sottovoce.eval.cases import load_cases
from sottovoce.eval.evaluate import Evaluator
from sottovoce.models.tts import SpokenAudio
from sottovoce.testing import EnergyVAD, silence
from sottovoce.tools import Registry
from sottovoce.voice.hearing import Hearing
from tests.voice.speech_fakes import FakeSTT, words

SYNTH_S = 0.05  # what the fake voice takes per sentence
CASES = """
cases:
  - id: spoken
    audio: kitchen.wav
    expect: {state: {devices: {light.kitchen_ceiling: {"on": true}}}}
  - id: typed
    say: turn on the kitchen light
"""


class FakeVoice:
    """Takes SYNTH_S to make each sentence; records what it was asked to say."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.made = 0

    def sentences(self, text: str) -> Iterator[SpokenAudio]:
        """A tenth of a second of silence per sentence, made slowly."""
        self.asked.append(text)
        for _ in text.split(". "):
            time.sleep(SYNTH_S)
            self.made += 1
            yield SpokenAudio(bytes(3200), 16_000)


def _wav(path: Path, pcm: bytes) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16_000)
        out.writeframes(pcm)


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    _wav(tmp_path / "kitchen.wav", silence(0.3) + words(5) + silence(1.0))
    path = tmp_path / "cases.yaml"
    path.write_text(CASES, encoding="utf-8")
    return path


def _run(case_path: Path, voice: FakeVoice | None) -> dict[str, Any]:
    ears = Hearing(FakeSTT("turn on the kitchen light"), EnergyVAD())
    evaluator = Evaluator(Registry.builtin(), default_world_path(), ears=ears, voice=voice)
    report = asyncio.run(evaluator.run(load_cases(case_path)))
    return report.as_json()


def test_spoken_turn_reports_first_audio_and_the_sum(case_path: Path) -> None:
    voice = FakeVoice()
    report = _run(case_path, voice)
    spoken, typed = (case["turns"][0] for case in report["cases"])
    assert report["cases"][0]["passed"], spoken["problems"]
    timings = spoken["timings_s"]
    assert SYNTH_S <= timings["first_audio"] < SYNTH_S + 1.0
    parts = timings["stt_final"] + timings["turn"] + timings["first_audio"]
    assert timings["speech_end_to_first_audio"] == pytest.approx(parts, abs=2e-6)
    # Only the first sentence is made, and only for the spoken turn.
    assert voice.asked == [spoken["reply"]] and voice.made == 1
    assert "first_audio" not in typed["timings_s"]
    assert "speech_end_to_first_audio" not in typed["timings_s"]
    summary = report["summary_s"]
    assert summary["p50_speech_end_to_first_audio"] == timings["speech_end_to_first_audio"]


def test_without_a_voice_there_is_no_first_audio(case_path: Path) -> None:
    report = _run(case_path, None)
    timings = report["cases"][0]["turns"][0]["timings_s"]
    assert "stt_final" in timings and "first_audio" not in timings
    assert report["summary_s"]["p50_speech_end_to_first_audio"] is None


def test_an_empty_reply_has_no_first_audio(
    case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Mute(evaluate.Agent):
        async def handle(self, text: str, *, area: str | None = None) -> TurnResult:
            result = await super().handle(text, area=area)
            result.reply = ""
            return result

    monkeypatch.setattr(evaluate, "Agent", Mute)
    voice = FakeVoice()
    report = _run(case_path, voice)
    timings = report["cases"][0]["turns"][0]["timings_s"]
    assert "stt_final" in timings and "first_audio" not in timings
    assert "speech_end_to_first_audio" not in timings
    assert voice.asked == []


@pytest.mark.slow
def test_real_piper_voice_times_the_first_sentence(case_path: Path) -> None:
    from sottovoce.models.catalog import Catalog, default_models_dir
    from sottovoce.models.tts import PiperTTS, voice_path

    piper = PiperTTS(voice_path(Catalog(default_models_dir())))
    ears = Hearing(FakeSTT("turn on the kitchen light"), EnergyVAD())
    evaluator = Evaluator(Registry.builtin(), default_world_path(), ears=ears, voice=piper)
    report = asyncio.run(evaluator.run(load_cases(case_path))).as_json()
    timings = report["cases"][0]["turns"][0]["timings_s"]
    assert 0 < timings["first_audio"] < 10
    assert timings["speech_end_to_first_audio"] > timings["first_audio"]
