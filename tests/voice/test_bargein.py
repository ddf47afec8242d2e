"""Barge-in detection: a voice is confirmed within ~0.1 s; clicks and background are not voices."""

from __future__ import annotations

import numpy as np

from sottovoce.testing import EnergyVAD, silence
from sottovoce.voice.audio import AudioChunk, MemorySource
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


def _over_echo(
    detector: BargeInDetector, listen: bytes, echo_rms: float, muted: bool = True
) -> float | None:
    """Feed `listen` as the echo-subtracted signal with `echo_rms` of echo taken out of each
    chunk; the suppressed signal is silence (`muted`: the suppressor swallowed it all)."""
    for chunk in MemorySource(listen):
        detect = AudioChunk(bytes(len(chunk.pcm)), chunk.start_s) if muted else chunk
        began = detector.feed(detect, listen=chunk, echo_rms=echo_rms)
        if began is not None:
            return began
    return None


def _agent_left(seconds: float, level: float, seed: int = 0) -> bytes:
    """What echo subtraction leaves of the agent's voice alone: faint noise."""
    rng = np.random.default_rng(seed)
    return rng.normal(0, level, int(16000 * seconds)).astype("<i2").tobytes()


def test_a_voice_the_suppressor_swallowed_is_found_over_the_echo_taken_out() -> None:
    # The agent's echo (RMS 5000) is louder than the user; the suppressor mutes the
    # user entirely, but the echo-subtracted signal holds them, far over what is
    # left of the echo alone (3 %).
    detector = BargeInDetector(_NeverSpeech())
    listen = (
        _agent_left(1.0, 150)
        + (np.frombuffer(words(4), "<i2") // 2 + np.frombuffer(_agent_left(1.04, 150), "<i2"))
        .astype("<i2")
        .tobytes()
    )
    began = _over_echo(detector, listen, echo_rms=5000.0)
    assert began is not None and 0.99 <= began <= 1.03  # where the voice began


def test_what_is_left_of_the_echo_alone_is_no_voice() -> None:
    detector = BargeInDetector(_NeverSpeech())
    assert _over_echo(detector, _agent_left(5.0, 1000), echo_rms=5000.0) is None  # 20 % left
    assert detector.leak > 0.15  # and it learned how much is left


def test_a_knock_over_the_echo_is_no_voice() -> None:
    knock = (np.ones(1600) * 6000).astype("<i2").tobytes()  # 0.1 s
    listen = _agent_left(1.0, 150) + knock + _agent_left(1.0, 150, seed=1)
    assert _over_echo(BargeInDetector(_NeverSpeech()), listen, echo_rms=5000.0) is None


def test_without_an_echo_estimate_the_echo_subtracted_signal_says_nothing() -> None:
    # No echo taken out (the path is not learned yet): `listen` is the suppressed signal.
    listen = silence(0.5) + words(4)
    assert _over_echo(BargeInDetector(_NeverSpeech()), listen, echo_rms=0.0) is None
