"""WebRTC's echo canceller in a reverberant room: the echo goes, the user stays."""

from __future__ import annotations

import numpy as np
import pytest

from sottovoce.cli.speak import open_voice
from sottovoce.voice.audio import resample_s16
from sottovoce.voice.audio.acoustics import RoomShape, impulse_response, loudspeaker
from sottovoce.voice.echo import FRAME, NoCanceller, WebRTCCanceller

RATE = 16000


def _speechlike(
    seconds: float, seed: int, level: float = 4000.0, pitch: float = 120.0
) -> np.ndarray:
    """Voiced syllables: a wandering pitch's harmonics with a breath of noise, like a voice."""
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    t = np.arange(n) / RATE
    f0 = pitch * (1 + 0.15 * np.sin(2 * np.pi * rng.uniform(0.5, 1.5) * t))
    phase = 2 * np.pi * np.cumsum(f0) / RATE
    voiced = sum(np.sin(k * phase + rng.uniform(0, 6.3)) / k for k in range(1, 25))
    envelope = np.abs(np.sin(2 * np.pi * rng.uniform(2.5, 4.0) * t)) ** 0.5
    signal = (voiced + 0.1 * rng.normal(0, 1, n)) * envelope
    return (level * signal / np.sqrt(np.mean(signal**2))).astype(np.float32)


def _echo(ref: np.ndarray, delay_s: float = 0.04, gain: float = 0.6) -> np.ndarray:
    """`ref` as the microphone hears it from the device's own speaker in a furnished room."""
    room = np.convolve(loudspeaker(ref, 0.2), impulse_response(RoomShape()))[: len(ref)]
    d = int(delay_s * RATE)
    return gain * np.concatenate([np.zeros(d, np.float32), room[:-d]])


def _run(
    canceller: object, mic: np.ndarray, ref: np.ndarray, chunk: int = 480, stream: str = "detect"
) -> np.ndarray:
    out = []
    for i in range(0, len(mic) - chunk + 1, chunk):
        m = np.clip(mic[i : i + chunk], -32768, 32767).astype("<i2").tobytes()
        r = np.clip(ref[i : i + chunk], -32768, 32767).astype("<i2").tobytes()
        cleaned = getattr(canceller.process(m, r), stream)  # type: ignore[attr-defined]
        assert len(cleaned) == len(m)
        out.append(np.frombuffer(cleaned, dtype="<i2").astype(np.float32))
    return np.concatenate(out)


def _db(x: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(x.astype(np.float64) ** 2) + 1e-9))


def test_the_echo_of_a_reverberant_room_is_removed() -> None:
    ref = np.concatenate([np.zeros(8000, np.float32), _speechlike(4.0, 1)])
    mic = _echo(ref) + np.random.default_rng(2).normal(0, 10, len(ref)).astype(np.float32)
    out = _run(WebRTCCanceller(), mic, ref)
    late = slice(len(out) - 2 * RATE, len(out))  # after the first second of echo
    assert _db(mic[late]) - _db(out[late]) >= 20  # echo return loss enhancement


@pytest.mark.slow
def test_the_user_talking_over_the_echo_comes_through() -> None:
    voice = open_voice(None)  # real voices: the canceller tells voices apart, not test tones

    def said(text: str) -> np.ndarray:
        spoken = voice.speak(text)
        pcm = resample_s16(spoken.pcm, spoken.sample_rate, RATE)
        return np.frombuffer(pcm, dtype="<i2").astype(np.float32)

    reply = said("Your shopping list has eggs, bread, coffee, apples and a large bag of rice.")
    ref = np.concatenate([np.zeros(8000, np.float32), reply, np.zeros(RATE, np.float32)])
    command = said("Turn on the kitchen lights.")
    start = int(2.5 * RATE)
    user = np.zeros_like(ref)
    user[start : start + len(command)] = 0.5 * command
    mic = _echo(ref) + user
    during = slice(start, start + len(command))
    before = slice(start - RATE, start)  # the echo alone
    detect = _run(WebRTCCanceller(), mic, ref)
    assert _db(detect[during]) - _db(detect[before]) >= 15  # a voice stands out of the echo
    listen = _run(WebRTCCanceller(), mic, ref, stream="listen")
    # For the recognizer, the user's words as they were said: the echo path learned in the
    # first 2 s of the reply is subtracted, nothing suppressed.
    assert _db(mic[before]) - _db(listen[before]) >= 12
    kept = np.corrcoef(listen[during], user[during])[0, 1]
    assert kept >= 0.9, kept


def test_nothing_played_means_nothing_touched() -> None:
    user = _speechlike(1.0, 7)
    out = _run(WebRTCCanceller(), user, np.zeros_like(user))
    assert np.array_equal(out, user[: len(out)].astype("<i2").astype(np.float32))


def test_windows_of_any_length_come_back_as_long_as_they_went_in() -> None:
    ref = _speechlike(1.0, 8)
    out = _run(WebRTCCanceller(), _echo(ref), ref, chunk=FRAME + 37)
    assert len(out) == len(ref) // (FRAME + 37) * (FRAME + 37)


def test_no_canceller_passes_the_microphone_through() -> None:
    user = _speechlike(0.5, 9)
    out = _run(NoCanceller(), user, _speechlike(0.5, 10))
    assert np.array_equal(out, user[: len(out)].astype("<i2").astype(np.float32))
