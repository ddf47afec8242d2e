"""Barge-in detection: a voice is confirmed within ~0.1 s; clicks and background are not voices."""

from __future__ import annotations

import numpy as np

from sottovoce.testing import EnergyVAD, silence
from sottovoce.voice.audio import MemorySource
from sottovoce.voice.bargein import BargeInDetector
from tests.voice.speech_fakes import words


def _first_fire(detector: BargeInDetector, pcm: bytes) -> float | None:
    for chunk in MemorySource(pcm):
        began = detector.feed(chunk)
        if began is not None:
            return chunk.end_s
    return None


def test_a_voice_is_confirmed_quickly_and_placed_where_it_began() -> None:
    detector = BargeInDetector(EnergyVAD())
    fired = _first_fire(detector, silence(1.0) + words(3))
    assert fired is not None and 1.0 < fired <= 1.15


def test_a_click_is_not_a_voice() -> None:
    click = (np.ones(480) * 12000).astype("<i2").tobytes()  # 30 ms
    assert _first_fire(BargeInDetector(EnergyVAD()), silence(1.0) + click + silence(1.0)) is None


class _NeverSpeech:
    def speech_spans(self, pcm: bytes) -> list[tuple[float, float]]:
        return []


def test_a_short_loud_sound_the_vad_rejects_is_not_a_voice() -> None:
    assert _first_fire(BargeInDetector(_NeverSpeech()), silence(0.5) + words(1)) is None


def test_strong_sound_that_goes_on_is_a_voice_even_if_the_vad_doubts_it() -> None:
    # While both talk, the canceller's suppressor chops the user's voice into pieces
    # a VAD may not take for speech; a quarter of a second of it is enough.
    fired = _first_fire(BargeInDetector(_NeverSpeech()), silence(0.5) + words(4))
    assert fired is not None and 0.74 <= fired <= 0.84  # 0.25 s after it began, in 30 ms chunks


class _NoiseIsNotSpeech:
    """Speech only where the fake words are (pure tones), never in noise."""

    def speech_spans(self, pcm: bytes) -> list[tuple[float, float]]:
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32)
        return [(0.0, 0.1)] if np.abs(samples).max(initial=0) > 7000 else []


def test_steady_background_raises_the_bar() -> None:
    rng = np.random.default_rng(0)
    hum = rng.normal(0, 600, 16000 * 2).astype("<i2").tobytes()  # louder than the fixed minimum
    detector = BargeInDetector(_NoiseIsNotSpeech())
    assert _first_fire(detector, hum) is None
    assert detector.floor > 400
    assert _first_fire(detector, words(3)) is not None  # a voice over it still counts
